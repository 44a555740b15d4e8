import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { SLUG, SLUG_MESSAGE } from '../editions/edition.dto';
import { BIB, CHIP } from '../registration/registration.dto';

/** One read off a mat. A malformed time is answered per read (`rejected`), not by failing the batch. */
export class TimingReadDto {
  @ApiProperty({ example: 'mat-finish-A:000123', description: 'the timing system\'s id of this read; resends reuse it' })
  @IsString()
  @Length(1, 100)
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

export class ReviewReadDto {
  @ApiProperty({ enum: ['accept', 'dismiss'] })
  @IsIn(['accept', 'dismiss'])
  decision!: 'accept' | 'dismiss';

  @ApiPropertyOptional({ example: 2, description: 'the lap an accepted read is for, where the mat did not say' })
  @IsOptional()
  @IsInt()
  @Min(1)
  lap?: number;

  @ApiProperty({ example: 'video shows the runner on the course; backup mat missed the first lap' })
  @IsString()
  @Length(3, 500)
  reason!: string;

  @ApiPropertyOptional({ example: 7, description: 'the entry revision this was decided on: 409 if it changed since' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedRevision?: number;
}
