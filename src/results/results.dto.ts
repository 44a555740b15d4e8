import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ISO_INSTANT } from '../editions/edition.dto';
import { Gender } from '../registration/entry-events';
import { toUtcInstant } from '../time/instant';
import { AsOf } from './results-reader';

const AS_OF = new RegExp(`^\\d{1,15}$|${ISO_INSTANT.source}`);

export class ResultsFilterDto {
  @ApiPropertyOptional({ enum: ['M', 'F'] })
  @IsOptional()
  @IsIn(['M', 'F'])
  gender?: Gender;

  @ApiPropertyOptional({ example: 'M35', description: 'gender and band: U18, OPEN, 35, 40, ... (kids races: U8 ... U18)' })
  @IsOptional()
  @Matches(/^[MF](OPEN|U\d{1,2}|\d{2,3})$/i, { message: '$property must be a category such as MOPEN, F40, MU18' })
  category?: string;

  @ApiPropertyOptional({ example: 'KAZ' })
  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/, { message: '$property must be a three-letter country code' })
  country?: string;

  @ApiPropertyOptional({ example: 'krasil', description: 'part of a bib or a name, case-insensitive' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({
    example: '2018-04-22T06:00:00.000Z',
    description: 'the results as they stood then: an ISO instant (events recorded by it) or a log position',
  })
  @IsOptional()
  @Matches(AS_OF, { message: '$property must be an ISO-8601 instant with an offset or a log position' })
  asOf?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'default 100 (JSON); every row (CSV)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class ResultsQueryDto extends ResultsFilterDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export const asOfFrom = (text: string | undefined): AsOf | undefined => {
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? { position: Number(text) } : { instant: toUtcInstant(text, 'asOf') };
};
