import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RateLimited } from '../operations/rate-limit';
import { asOfFrom } from '../results/results.dto';
import { EditionHistory, ViewAsOf, ViewDiff } from './edition-history';
import { AsOfQueryDto, DiffQueryDto } from './edition-history.dto';
import { PrizesModelGuard } from './prizes-model.guard';

@ApiTags('replay')
@Controller('editions/:editionId')
@UseGuards(PrizesModelGuard)
export class EditionHistoryController {
  constructor(private readonly history: EditionHistory) {}

  @Get('as-of')
  @RateLimited('expensive')
  @ApiOperation({
    summary: 'A read model of the edition as it stood at a moment (results, ekiden, prizes or charity), rebuilt from the log up to it',
    description: 'model=prizes needs a finance or organiser token; the other models are public reads.',
  })
  asOf(@Param('editionId') editionId: string, @Query() query: AsOfQueryDto): Promise<ViewAsOf> {
    return this.history.asOf(editionId, query.model, asOfFrom(query.at)!, query.raceId);
  }

  @Get('diff')
  @RateLimited('expensive')
  @ApiOperation({
    summary: 'What changed in a read model of the edition between two moments: per runner, team, award or fund figure, before -> after',
    description: 'model=prizes needs a finance or organiser token; the other models are public reads.',
  })
  diff(@Param('editionId') editionId: string, @Query() query: DiffQueryDto): Promise<ViewDiff> {
    return this.history.diff(editionId, query.model, asOfFrom(query.from)!, asOfFrom(query.to)!, query.raceId);
  }
}
