import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { ISO_INSTANT, ISO_INSTANT_MESSAGE, SLUG, SLUG_MESSAGE } from '../editions/edition.dto';
import { BIB } from '../registration/registration.dto';
import { Gender } from '../registration/entry-events';
import { IsCountryCode } from '../registration/countries';

/** Every adjudication says why, and may say which revision of the entry it was decided on. */
export class ReasonDto {
  @ApiProperty({ example: 'finish mat A missed the runner; time from the backup video' })
  @IsString()
  @Length(3, 500)
  reason!: string;

  @ApiPropertyOptional({ example: 4, description: 'the entry revision this was decided on: 409 if it changed since' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedRevision?: number;
}

/** A decision that goes against what the mats say: refused with the rule it breaks, unless the organiser overrides. */
export class OverridableDto extends ReasonDto {
  @ApiPropertyOptional({ example: false, description: 'record it even though it breaks a timing rule; the reason says why' })
  @IsOptional()
  @IsBoolean()
  override?: boolean;
}

export class CorrectTimeDto extends OverridableDto {
  @ApiProperty({ example: 'finish' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  pointId!: string;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  lap?: number;

  @ApiProperty({ example: '2018-04-22T05:33:12.400Z' })
  @Matches(ISO_INSTANT, { message: ISO_INSTANT_MESSAGE })
  time!: string;
}

export class CorrectDetailsDto extends ReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) firstName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) lastName?: string;
  @ApiPropertyOptional({ enum: ['M', 'F'] }) @IsOptional() @IsIn(['M', 'F']) gender?: Gender;

  @ApiPropertyOptional({ example: '1987-03-14' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'KAZ' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) club?: string;
}

export class DeclareStatusDto extends OverridableDto {
  @ApiProperty({ enum: ['DNS', 'DNF'] })
  @IsIn(['DNS', 'DNF'])
  status!: 'DNS' | 'DNF';
}

export class DisqualifyDto extends ReasonDto {
  @ApiProperty({ example: 'TR 54.7', description: 'the rule broken' })
  @IsString()
  @Length(1, 50)
  rule!: string;

  @ApiPropertyOptional({ example: 3, description: 'for a relay team: the leg whose runner broke the rule' })
  @IsOptional()
  @IsInt()
  @Min(1)
  leg?: number;
}

export class AssignReadDto extends ReasonDto {
  @ApiProperty({ example: '101' })
  @Matches(BIB, { message: '$property must be 1 to 10 letters or digits' })
  bib!: string;

  /** The unmatched stream is what an assignment takes (its lock); the runner's entry is only written after. */
  @ApiPropertyOptional({
    example: 12,
    description:
      "the revision of the edition's unmatched-read stream (`unmatched-<editionId>`) this was decided on, as an assignment's or a dismissal's answer gives it (or a 409's currentRevision): 409 if it changed since (a read came in unmatched, or one was assigned or dismissed)",
  })
  override expectedRevision?: number;
}

export class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(BIB, { message: '$property must be a bib' }) bib?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: SLUG_MESSAGE }) raceId?: string;
  @ApiPropertyOptional({ description: 'an actor id or a role' }) @IsOptional() @IsString() @Length(1, 100) actor?: string;
  @ApiPropertyOptional({ description: 'event types, comma-separated' }) @IsOptional() @Matches(/^[A-Za-z]+(,[A-Za-z]+)*$/) type?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ISO_INSTANT, { message: ISO_INSTANT_MESSAGE }) from?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ISO_INSTANT, { message: ISO_INSTANT_MESSAGE }) to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}
