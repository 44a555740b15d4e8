import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { EACH_AN_OBJECT, NOT_AN_OBJECT_PROPERTY, SLUG, SLUG_MESSAGE } from '../editions/edition.dto';
import { BIB, CHIP } from '../registration/registration.dto';
import { ReasonDto } from '../adjudication/adjudication.dto';

/**
 * A read is named by its id in a batch and again in a route (`reads/:readId/review`,
 * `unmatched/:readId/assignment`), so both take the same ids: what timing systems send
 * (`mat-finish-A:000123`, `finish-2:1`, the seed's `marathon/finish@2/main/101`), never a space, which
 * a path cannot hold as it was sent. A `/` goes into a path as `%2F`. Read ids key read models too.
 */
export const READ_ID = new RegExp(`^${NOT_AN_OBJECT_PROPERTY}[A-Za-z0-9.:_@/-]{1,100}$`);
export const READ_ID_RULE = '1 to 100 letters, digits, dots, colons, underscores, dashes, @ or /';

/** One read off a mat. A malformed time is answered per read (`rejected`), not by failing the batch. */
export class TimingReadDto {
  @ApiProperty({ example: 'mat-finish-A:000123', description: `the timing system's id of this read (${READ_ID_RULE}); resends reuse it` })
  @Matches(READ_ID, { message: `$property must be ${READ_ID_RULE}` })
  readId!: string;

  @ApiPropertyOptional({ example: 'C00101' })
  @IsOptional()
  @Matches(CHIP, { message: '$property must be 1 to 40 letters, digits, dots, colons or underscores' })
  chipId?: string;

  @ApiPropertyOptional({ example: '101', description: 'when a read is keyed by hand at the finish' })
  @IsOptional()
  @Matches(BIB, { message: '$property must be 1 to 10 letters or digits' })
  bib?: string;

  @ApiProperty({ example: 'finish' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  pointId!: string;

  @ApiPropertyOptional({ example: 2, description: 'the lap, where the mat knows it; otherwise inferred' })
  @IsOptional()
  @IsInt()
  @Min(1)
  lap?: number;

  @ApiProperty({ example: '2018-04-22T05:33:12.400Z' })
  @IsString()
  @Length(1, 40)
  time!: string;
}

export class TimingReadsDto {
  @ApiProperty({ type: [TimingReadDto] })
  @ValidateNested({ each: true })
  @IsObject(EACH_AN_OBJECT)
  @Type(() => TimingReadDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  reads!: TimingReadDto[];
}

export class ReviewQueryDto {
  @ApiPropertyOptional({ example: 'marathon' })
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  raceId?: string;

  @ApiPropertyOptional({ enum: ['open', 'accepted', 'dismissed', 'all'], description: 'default open' })
  @IsOptional()
  @IsIn(['open', 'accepted', 'dismissed', 'all'])
  status?: 'open' | 'accepted' | 'dismissed' | 'all';
}

export class ReviewReadDto extends ReasonDto {
  @ApiProperty({ enum: ['accept', 'dismiss'] })
  @IsIn(['accept', 'dismiss'])
  decision!: 'accept' | 'dismiss';

  @ApiPropertyOptional({ example: 2, description: 'the lap an accepted read is for, where the mat did not say' })
  @IsOptional()
  @IsInt()
  @Min(1)
  lap?: number;
}
