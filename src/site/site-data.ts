import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CharityTotals } from '../charity/charity.projection';
import { GetCharityTotalsQuery } from '../charity/charity.queries';
import { GetEditionQuery, ListEditionsQuery } from '../editions/edition.queries';
import { EditionView, RaceView } from '../editions/editions.projection';
import { EKIDEN_PROJECTION, EkidenState } from '../ekiden/ekiden.projection';
import { FastestLeg, relayStandings, TeamStanding } from '../ekiden/standings';
import { ProjectionRunner } from '../projections/projection-runner';
import { RaceRecords } from '../results/records';
import { ResultsFilter } from '../results/results-filter';
import { ResultsReader } from '../results/results-reader';
import { EntryCard, GetEntryCardQuery, GetRaceRecordsQuery, GetResultsQuery, ResultsPage } from '../results/results.queries';
import { EditionStatistics } from '../statistics/statistics';
import { GetStatisticsQuery } from '../statistics/statistics.queries';
import { projectFinish, ProjectedFinish } from './projected-finish';

export type RaceState = 'notStarted' | 'running' | 'closed';

export interface RaceSummary {
  race: RaceView;
  state: RaceState;
  entrants: number;
  finishers: number;
}

export interface EditionHome {
  edition: EditionView;
  races: RaceSummary[];
  statistics: EditionStatistics;
  charity: CharityTotals;
}

export interface RelayView {
  race: RaceView;
  gunTime: string | null;
  rows: TeamStanding[];
  fastestLegs: FastestLeg[];
}

export interface RunnerView {
  edition: EditionView;
  race: RaceView;
  card: EntryCard;
  /** Placed finishers overall, of the runner's gender and of their category: the "of N" of each place. */
  placedCounts: { overall: number; gender: number; category: number };
  projected?: ProjectedFinish;
}

export const raceStateOf = (race: RaceView): RaceState => (race.closedAt ? 'closed' : race.guns.length > 0 ? 'running' : 'notStarted');

/**
 * What the pages show, read through the same query handlers (and the same ResultsReader standings) as
 * the JSON endpoints: the site ranks nothing itself.
 */
@Injectable()
export class SiteData {
  constructor(
    private readonly queries: QueryBus,
    private readonly reader: ResultsReader,
    private readonly runner: ProjectionRunner,
  ) {}

  editions(): Promise<EditionView[]> {
    return this.queries.execute(new ListEditionsQuery());
  }

  edition(editionId: string): Promise<EditionView> {
    return this.queries.execute(new GetEditionQuery(editionId));
  }

  private relays(editionId: string) {
    return this.runner.state<EkidenState>(EKIDEN_PROJECTION)[editionId] ?? {};
  }

  async home(editionId: string): Promise<EditionHome> {
    const edition = await this.edition(editionId);
    const statistics: EditionStatistics = await this.queries.execute(new GetStatisticsQuery(editionId));
    const charity: CharityTotals = await this.queries.execute(new GetCharityTotalsQuery(editionId));
    const results = this.reader.edition(this.reader.current(), editionId);
    const relays = this.relays(editionId);
    const races = edition.races.map((race): RaceSummary => {
      const relay = relays[race.raceId];
      const individual = results.races[race.raceId];
      const finishers = relay
        ? relayStandings(relay).rows.filter((row) => row.status === 'finished').length
        : individual
          ? this.reader.standings(individual).rows.filter((row) => row.status === 'finished').length
          : 0;
      return { race, state: raceStateOf(race), entrants: statistics.byRace[race.raceId] ?? 0, finishers };
    });
    return { edition, races, statistics, charity };
  }

  async results(editionId: string, raceId: string, filter: ResultsFilter, page: { limit: number; offset: number }) {
    const edition = await this.edition(editionId);
    const resultsPage: ResultsPage = await this.queries.execute(new GetResultsQuery(editionId, raceId, filter, page));
    const race = edition.races.find((candidate) => candidate.raceId === raceId)!;
    // The choices of the filters: what the race's field holds.
    const rows = this.reader.standings(this.reader.race(this.reader.current(), editionId, raceId)).rows;
    const categories = [...new Set(rows.map((row) => row.category))].sort();
    const countries = [...new Set(rows.map((row) => row.country))].sort();
    return { edition, race, page: resultsPage, categories, countries };
  }

  async runnerPage(editionId: string, bib: string): Promise<RunnerView> {
    const edition = await this.edition(editionId);
    const card: EntryCard = await this.queries.execute(new GetEntryCardQuery(editionId, bib));
    const race = edition.races.find((candidate) => candidate.raceId === card.raceId)!;
    const standings = this.reader.standings(this.reader.race(this.reader.current(), editionId, card.raceId));
    const placed = standings.placed.map((p) => p.row);
    const projected = projectFinish(card, standings.rows, card.distanceM);
    return {
      edition,
      race,
      card,
      placedCounts: {
        overall: placed.length,
        gender: placed.filter((row) => row.gender === card.gender).length,
        category: placed.filter((row) => row.category === card.category).length,
      },
      ...(projected && { projected }),
    };
  }

  async records(editionId: string): Promise<{ edition: EditionView; records: { race: RaceView; records: RaceRecords }[] }> {
    const edition = await this.edition(editionId);
    const records = [];
    for (const race of edition.races.filter((candidate) => candidate.kind !== 'relay')) {
      records.push({ race, records: (await this.queries.execute(new GetRaceRecordsQuery(editionId, race.raceId))) as RaceRecords });
    }
    return { edition, records };
  }

  async ekiden(editionId: string): Promise<{ edition: EditionView; relays: RelayView[] }> {
    const edition = await this.edition(editionId);
    const relays = this.relays(editionId);
    return {
      edition,
      relays: edition.races.flatMap((race) => {
        const relay = relays[race.raceId];
        return relay ? [{ race, gunTime: relay.gunTime ?? null, ...relayStandings(relay) }] : [];
      }),
    };
  }

  async charity(editionId: string): Promise<{ edition: EditionView; totals: CharityTotals }> {
    const edition = await this.edition(editionId);
    return { edition, totals: await this.queries.execute(new GetCharityTotalsQuery(editionId)) };
  }
}

