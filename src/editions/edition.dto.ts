import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { RaceKind } from './edition-events';

/**
 * Ids become part of stream names (`edition-<id>`), so they are lowercase slugs; `constructor` is refused
 * because read models are keyed by these ids and it would name a property every object has.
 */
export const SLUG = /^(?!constructor$)[a-z0-9][a-z0-9_.]*(?:-[a-z0-9_.]+)*$/;
export const SLUG_MESSAGE = '$property must be a lowercase slug of letters, digits, dots, underscores and single dashes';

/** An instant, never a bare clock time: the offset is required, so a time near midnight is never ambiguous. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
export const ISO_INSTANT_MESSAGE = '$property must be an ISO-8601 instant with an offset, e.g. 2018-04-22T03:00:00.000Z';

/** Names every object has: an id used as a read-model key must not be one, or it would find a property, not an entry. */
export const NOT_AN_OBJECT_PROPERTY =
  '(?!(?:constructor|toString|valueOf|hasOwnProperty|isPrototypeOf|propertyIsEnumerable|toLocaleString|__proto__)$)';

/** A day that exists: the pattern alone lets 2018-02-30 through, which Date would roll over to 2 March. */
const isCalendarDate = (value: unknown): boolean => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
};

export const IsCalendarDate = () =>
  ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: () => '$property must be a real calendar date YYYY-MM-DD' } });

/**
 * A number with at most `digits` decimals. class-validator's maxDecimalPlaces reads the decimals off
 * the number's text, and 1e-7 has no decimal point: it fails inside the check (a 500) instead of here.
 */
export const HasAtMostDecimals = (digits: number) =>
  ValidateBy({
    name: 'hasAtMostDecimals',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(digits)) === value,
      defaultMessage: () => `$property must be a number with at most ${digits} decimal${digits === 1 ? '' : 's'}`,
    },
  });

/** Arrays of nested DTOs: an array where an object is expected would pass ValidateNested and reach the command unshaped. */
export const EACH_AN_OBJECT: ValidationOptions = { each: true, message: 'each of $property must be an object' };

export class PlanEditionDto {
  @ApiProperty({ example: 'almaty-2018' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @Length(1, 64)
  editionId!: string;

  @ApiProperty({ example: '7th Almaty Marathon' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 7, description: 'the 1st, 2nd... edition of the event' })
  @IsInt()
  @Min(1)
  number!: number;

  @ApiProperty({ example: 'Almaty' })
  @IsString()
  @Length(1, 100)
  city!: string;

  @ApiProperty({ example: '2018-04-22', description: 'race day, local to the time zone' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: 'Asia/Almaty', description: 'IANA time zone of the venue' })
  @IsString()
  @Length(1, 64)
  timezone!: string;

  @ApiProperty({ example: 'KZT', description: 'ISO 4217 currency of entry fees and prize money' })
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code of three capital letters' })
  currency!: string;

  @ApiPropertyOptional({ example: 'almaty', description: 'editions of one event share a series (default: the id without a trailing -YYYY)' })
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @Length(1, 64)
  series?: string;
}

export class TimingPointDto {
  @ApiProperty({ example: '10k' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @Length(1, 64)
  pointId!: string;

  @ApiProperty({ example: 10000, description: 'metres from the start along the whole race' })
  @HasAtMostDecimals(1)
  @Min(0)
  distanceM!: number;

  @ApiPropertyOptional({ example: 1, description: 'required when the race runs more than one lap' })
  @IsOptional()
  @IsInt()
  @Min(1)
  lap?: number;
}

export class RelayLegDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  leg!: number;

  @ApiProperty({ example: 5000 })
  @HasAtMostDecimals(1)
  @IsPositive()
  distanceM!: number;
}

export class AddRaceDto {
  @ApiProperty({ example: 'marathon' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @Length(1, 64)
  raceId!: string;

  @ApiProperty({ example: 'Marathon' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 42195 })
  @HasAtMostDecimals(1)
  @IsPositive()
  @Max(1_000_000)
  distanceM!: number;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  laps!: number;

  @ApiProperty({ enum: ['individual', 'relay'] })
  @IsIn(['individual', 'relay'])
  kind!: RaceKind;

  @ApiProperty({ type: [TimingPointDto] })
  @ValidateNested({ each: true })
  @IsObject(EACH_AN_OBJECT)
  @Type(() => TimingPointDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  timingPoints!: TimingPointDto[];

  @ApiPropertyOptional({ type: [RelayLegDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @IsObject(EACH_AN_OBJECT)
  @Type(() => RelayLegDto)
  @ArrayMaxSize(50)
  legs?: RelayLegDto[];

  @ApiPropertyOptional({ example: 'almaty-new-square-2018', description: 'the certified course (default: a course of this race alone)' })
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @Length(1, 64)
  courseId?: string;

  @ApiPropertyOptional({ example: 18, description: 'youngest age on race day (default 0)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  minAge?: number;

  @ApiPropertyOptional({ example: 14, description: 'oldest age on race day, e.g. for a kids race' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  maxAge?: number;
}

export class StartRaceDto {
  @ApiProperty({ example: '2018-04-22T03:00:00.000Z', description: 'ISO-8601 instant with its offset (Z for UTC)' })
  @Matches(ISO_INSTANT, { message: ISO_INSTANT_MESSAGE })
  gunTime!: string;

  @ApiPropertyOptional({ example: 'A' })
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @Length(1, 32)
  wave?: string;
}

export class CorrectGunTimeDto extends StartRaceDto {
  @ApiProperty({ example: 'the starter\'s clock ran 4 s fast; time from the start video' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export class CloseRaceDto {
  @ApiPropertyOptional({ example: 'course closed at the 6-hour cut-off' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  reason?: string;
}
