import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ISO_INSTANT, SLUG, SLUG_MESSAGE } from '../editions/edition.dto';
import { HISTORY_MODELS, HistoryModel } from './model-views';

/** A moment of the log: an ISO instant (events recorded by then) or a global log position. */
const MOMENT = new RegExp(`^\\d{1,15}$|${ISO_INSTANT.source}`);
const MOMENT_MESSAGE = '$property must be an ISO-8601 instant with an offset (2018-04-22T06:00:00Z) or a log position (a whole number)';
const MODEL_DESCRIPTION = 'model=prizes is finance\'s: it needs a finance or organiser token; the others are public';

class ModelQueryDto {
  @ApiProperty({ enum: HISTORY_MODELS, description: MODEL_DESCRIPTION })
  @IsIn(HISTORY_MODELS, { message: `$property must be one of ${HISTORY_MODELS.join(', ')}` })
  model!: HistoryModel;

  @ApiPropertyOptional({ example: 'marathon', description: 'narrow results, ekiden or prizes to one race' })
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  raceId?: string;
}

export class AsOfQueryDto extends ModelQueryDto {
  @ApiProperty({ example: '2018-04-22T06:00:00.000Z', description: 'the moment: an ISO instant or a log position' })
  @Matches(MOMENT, { message: MOMENT_MESSAGE })
  at!: string;
}

export class DiffQueryDto extends ModelQueryDto {
  @ApiProperty({ example: '2018-04-22T05:40:00.000Z', description: 'the earlier moment: an ISO instant or a log position' })
  @Matches(MOMENT, { message: MOMENT_MESSAGE })
  from!: string;

  @ApiProperty({ example: '2018-04-23T09:00:00.000Z', description: 'the later moment: an ISO instant or a log position' })
  @Matches(MOMENT, { message: MOMENT_MESSAGE })
  to!: string;
}
