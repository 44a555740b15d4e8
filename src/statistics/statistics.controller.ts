import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EditionStatistics } from './statistics';
import { GetStatisticsQuery } from './statistics.queries';

@ApiTags('statistics')
@Controller('editions')
export class StatisticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':editionId/statistics')
  @ApiOperation({ summary: 'Entrants of an edition: total, countries, per race and per country' })
  statistics(@Param('editionId') editionId: string): Promise<EditionStatistics> {
    return this.queries.execute(new GetStatisticsQuery(editionId));
  }
}
