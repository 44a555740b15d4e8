import { RateLimited } from '../operations/rate-limit';
import { Controller, Get, Header, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { lastEventIdFrom, streamEvents } from './live-feed-http';
import { RaceRecords } from './records';
import { WatchRaceQuery } from './results-live';
import { asOfFrom, ResultsFilterDto, ResultsQueryDto } from './results.dto';
import { EntryCard, ExportResultsQuery, GetEntryCardQuery, GetRaceRecordsQuery, GetResultsQuery, ResultsPage } from './results.queries';

const DEFAULT_LIMIT = 100;

const filterOf = ({ gender, category, country, q }: ResultsFilterDto) => ({
  ...(gender !== undefined && { gender }),
  ...(category !== undefined && { category }),
  ...(country !== undefined && { country }),
  ...(q !== undefined && { q }),
});

const csvFilename = (editionId: string, raceId: string) => `attachment; filename="${editionId}-${raceId}-results.csv"`;

/** Published results: public reads, no token. */
@ApiTags('results')
@Controller('editions')
export class ResultsController {
  constructor(private readonly queries: QueryBus) {}

  private exportCsv(editionId: string, raceId: string, query: ResultsFilterDto): Promise<string> {
    return this.queries.execute(
      new ExportResultsQuery(editionId, raceId, filterOf(query), { limit: query.limit, offset: query.offset ?? 0 }, asOfFrom(query.asOf)),
    );
  }

  @Get(':editionId/races/:raceId/results')
  @ApiOperation({ summary: 'Results of a race: places by gun time, categories, splits; filter, page, or see them as of a moment' })
  @ApiProduces('application/json', 'text/csv')
  async results(
    @Param('editionId') editionId: string,
    @Param('raceId') raceId: string,
    @Query() query: ResultsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ResultsPage | string> {
    if (query.format === 'csv') {
      const csv = await this.exportCsv(editionId, raceId, query);
      response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', csvFilename(editionId, raceId));
      return csv;
    }
    return this.queries.execute(
      new GetResultsQuery(
        editionId,
        raceId,
        filterOf(query),
        { limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0 },
        asOfFrom(query.asOf),
      ),
    );
  }

  @Get(':editionId/races/:raceId/results.csv')
  @RateLimited('expensive')
  @ApiOperation({ summary: 'Results as CSV, with the same filters (every matching row unless limit is given)' })
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async resultsCsv(
    @Param('editionId') editionId: string,
    @Param('raceId') raceId: string,
    @Query() query: ResultsFilterDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const csv = await this.exportCsv(editionId, raceId, query);
    response.setHeader('Content-Disposition', csvFilename(editionId, raceId));
    return csv;
  }

  @Get(':editionId/races/:raceId/live')
  @ApiOperation({
    summary:
      'Live results (server-sent events): per change to a runner (read, correction, status, disqualification, review, update) ' +
      'their row as it now stands, per change to the race (gun, close) a `race` message; `: heartbeat` comments in between',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'Messages `event: <name>`, `id: <log position>`, `data: <JSON row with bib and type, or {type, raceId}>`',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume: every message after this log position (the id last received), then live ones',
  })
  async live(
    @Param('editionId') editionId: string,
    @Param('raceId') raceId: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const frames = await this.queries.execute(new WatchRaceQuery(editionId, raceId, lastEventIdFrom(lastEventId)));
    streamEvents(response, frames);
  }

  @Get(':editionId/races/:raceId/records')
  @ApiOperation({ summary: 'Event and course records by gender, and whether this edition broke them' })
  records(@Param('editionId') editionId: string, @Param('raceId') raceId: string): Promise<RaceRecords> {
    return this.queries.execute(new GetRaceRecordsQuery(editionId, raceId));
  }

  @Get(':editionId/entries/:bib')
  @ApiOperation({ summary: 'One runner: race, category, status, places, times, splits with segment ranks, and the entry\'s events' })
  entry(@Param('editionId') editionId: string, @Param('bib') bib: string): Promise<EntryCard> {
    return this.queries.execute(new GetEntryCardQuery(editionId, bib));
  }
}
