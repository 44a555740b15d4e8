import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../decider/domain-errors';
import { readStreamOrEmpty } from '../decider/handle-command';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { entryStream } from '../registration/register-runner';
import { raceRecords, RaceRecords, recordBreakers, RecordKind } from './records';
import { ResultsFilter, selectRows } from './results-filter';
import { resultsCsv } from './results-csv';
import { EntryHistoryItem, historyItemOf } from './entry-history';
import { AsOf, ResultsReader } from './results-reader';
import { RaceResults } from './results.projection';
import { ResultRow } from './standings';

export interface ResultsPage {
  editionId: string;
  raceId: string;
  /** Present when the results are rebuilt as they stood at a moment of the log. */
  asOf?: AsOf;
  /** Rows matching the filters, before paging. */
  total: number;
  limit: number;
  offset: number;
  rows: (ResultRow & { recordsBroken: RecordKind[] })[];
}

export type EntryCard = ResultRow & {
  editionId: string;
  raceId: string;
  raceName: string;
  distanceM: number;
  wave: string | null;
  /** Every event of the entry's stream, oldest first: registration, reads, and later adjudication. */
  history: EntryHistoryItem[];
};

export class GetResultsQuery extends Query<ResultsPage> {
  constructor(
    readonly editionId: string,
    readonly raceId: string,
    readonly filter: ResultsFilter,
    readonly page: { limit: number; offset: number },
    readonly asOf?: AsOf,
  ) {
    super();
  }
}

/** The same selection as a CSV document; without a limit, every matching row. */
export class ExportResultsQuery extends Query<string> {
  constructor(
    readonly editionId: string,
    readonly raceId: string,
    readonly filter: ResultsFilter,
    readonly page: { limit?: number; offset: number },
    readonly asOf?: AsOf,
  ) {
    super();
  }
}

export class GetEntryCardQuery extends Query<EntryCard> {
  constructor(
    readonly editionId: string,
    readonly bib: string,
  ) {
    super();
  }
}

export class GetRaceRecordsQuery extends Query<RaceRecords> {
  constructor(
    readonly editionId: string,
    readonly raceId: string,
  ) {
    super();
  }
}

@QueryHandler(GetResultsQuery)
export class GetResultsHandler implements IQueryHandler<GetResultsQuery, ResultsPage> {
  constructor(private readonly reader: ResultsReader) {}

  async execute({ editionId, raceId, filter, page, asOf }: GetResultsQuery): Promise<ResultsPage> {
    const state = await this.reader.state(asOf);
    const race = this.reader.race(state, editionId, raceId);
    const standingsOf = (r: RaceResults) => this.reader.standings(r);
    const breakers = recordBreakers(raceRecords(Object.values(state), this.reader.edition(state, editionId), race, standingsOf));
    const rows = selectRows(standingsOf(race).rows, filter);
    return {
      editionId,
      raceId,
      ...(asOf && { asOf }),
      total: rows.length,
      limit: page.limit,
      offset: page.offset,
      rows: rows.slice(page.offset, page.offset + page.limit).map((row) => ({ ...row, recordsBroken: breakers.get(row.bib) ?? [] })),
    };
  }
}

@QueryHandler(ExportResultsQuery)
export class ExportResultsHandler implements IQueryHandler<ExportResultsQuery, string> {
  constructor(private readonly reader: ResultsReader) {}

  async execute({ editionId, raceId, filter, page, asOf }: ExportResultsQuery): Promise<string> {
    const race = this.reader.race(await this.reader.state(asOf), editionId, raceId);
    const rows = selectRows(this.reader.standings(race).rows, filter);
    const end = page.limit === undefined ? undefined : page.offset + page.limit;
    return resultsCsv(race, rows.slice(page.offset, end));
  }
}

@QueryHandler(GetEntryCardQuery)
export class GetEntryCardHandler implements IQueryHandler<GetEntryCardQuery, EntryCard> {
  constructor(
    private readonly reader: ResultsReader,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ editionId, bib }: GetEntryCardQuery): Promise<EntryCard> {
    const edition = this.reader.edition(this.reader.current(), editionId);
    const race = Object.values(edition.races).find((r) => r.runners[bib] !== undefined);
    const row = race && this.reader.standings(race).byBib.get(bib);
    if (!race || !row) {
      throw new NotFoundError(
        `bib ${bib} is not a runner of an individual race in edition ${editionId} (relay teams: GET /editions/${editionId}/ekiden/standings)`,
      );
    }
    // Only what the card was computed from: an event appended since is not in its places yet.
    const folded = this.runner.status().position;
    const events = await readStreamOrEmpty(this.store, entryStream(editionId, bib));
    return {
      editionId,
      raceId: race.raceId,
      raceName: race.name,
      distanceM: race.distanceM,
      wave: race.runners[bib]?.registration.wave ?? null,
      ...row,
      history: events.filter((event) => event.position <= folded).map(historyItemOf),
    };
  }
}

@QueryHandler(GetRaceRecordsQuery)
export class GetRaceRecordsHandler implements IQueryHandler<GetRaceRecordsQuery, RaceRecords> {
  constructor(private readonly reader: ResultsReader) {}

  async execute({ editionId, raceId }: GetRaceRecordsQuery): Promise<RaceRecords> {
    const state = this.reader.current();
    const race = this.reader.race(state, editionId, raceId);
    return raceRecords(Object.values(state), this.reader.edition(state, editionId), race, (r) => this.reader.standings(r));
  }
}
