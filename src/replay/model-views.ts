import { charityProjection, CharityState, charityTotals, CharityTotals } from '../charity/charity.projection';
import { EditionView } from '../editions/editions.projection';
import { ekidenProjection, EkidenState } from '../ekiden/ekiden.projection';
import { FastestLeg, relayStandings, TeamStanding } from '../ekiden/standings';
import { Projection } from '../projections/projection';
import { prizeLedgerDecider } from '../prizes/prize-ledger';
import { prizeLedgerProjection, PrizeLedgersState } from '../prizes/prize-ledger.projection';
import { AwardLine, reconcileLedger, ReconciliationFigures } from '../prizes/reconciliation';
import { raceRecords, RaceRecords, recordBreakers, RecordKind } from '../results/records';
import { RaceResults, resultsProjection, ResultsState } from '../results/results.projection';
import { rankRace, ResultRow, Standings } from '../results/standings';

export const HISTORY_MODELS = ['results', 'ekiden', 'prizes', 'charity'] as const;
export type HistoryModel = (typeof HISTORY_MODELS)[number];

/** What a diff follows of one thing (a runner in a race, a team, an award, a fund figure). */
export type Row = Record<string, string | number | boolean | null>;

/**
 * A read model seen through its feature's own query function, for one edition at one moment: the view
 * the public or finance would have read then, and the rows a diff between two moments compares.
 */
export interface ModelHistory<State = unknown, View = unknown> {
  projection: Projection<State>;
  /** Whether the view can be narrowed to one race. */
  byRace: boolean;
  view: (state: State, edition: EditionView, raceId?: string) => View;
  rows: (view: View) => Map<string, Row>;
}

type ResultsView = { races: { raceId: string; name: string; records: RaceRecords; rows: (ResultRow & { recordsBroken: RecordKind[] })[] }[] };

const results: ModelHistory<ResultsState, ResultsView> = {
  projection: resultsProjection,
  byRace: true,
  view: (state, edition, raceId) => {
    const editionResults = state[edition.editionId];
    if (!editionResults) return { races: [] };
    // Records rank the earlier editions too: each race is ranked once per view.
    const ranked = new Map<RaceResults, Standings>();
    const standingsOf = (race: RaceResults) => ranked.get(race) ?? ranked.set(race, rankRace(race)).get(race)!;
    return {
      races: Object.values(editionResults.races)
        .filter((race) => raceId === undefined || race.raceId === raceId)
        .map((race) => {
          const records = raceRecords(Object.values(state), editionResults, race, standingsOf);
          const breakers = recordBreakers(records);
          const rows = standingsOf(race).rows.map((row) => ({ ...row, recordsBroken: breakers.get(row.bib) ?? [] }));
          return { raceId: race.raceId, name: race.name, records, rows };
        }),
    };
  },
  rows: (view) =>
    new Map(
      view.races.flatMap(({ raceId, rows }) =>
        rows.map((row): [string, Row] => [
          `${raceId}/${row.bib}`,
          {
            raceId,
            bib: row.bib,
            name: `${row.firstName} ${row.lastName}`,
            place: row.place,
            status: row.status,
            gunTime: row.gunTime,
            netTime: row.netTime,
            recordsBroken: row.recordsBroken.join(', '),
          },
        ]),
      ),
    ),
};

type EkidenView = { races: { raceId: string; gunTime: string | null; rows: TeamStanding[]; fastestLegs: FastestLeg[] }[] };

const ekiden: ModelHistory<EkidenState, EkidenView> = {
  projection: ekidenProjection,
  byRace: true,
  view: (state, edition, raceId) => ({
    races: Object.values(state[edition.editionId] ?? {})
      .filter((race) => raceId === undefined || race.raceId === raceId)
      .map((race) => ({ raceId: race.raceId, gunTime: race.gunTime ?? null, ...relayStandings(race) })),
  }),
  rows: (view) =>
    new Map(
      view.races.flatMap(({ raceId, rows }) =>
        rows.map((row): [string, Row] => [
          `${raceId}/${row.bib}`,
          { raceId, bib: row.bib, team: row.name, place: row.place, status: row.status, teamTime: row.teamTime },
        ]),
      ),
    ),
};

type PrizesView = { currency: string; awards: AwardLine[]; totals: ReconciliationFigures };

const prizes: ModelHistory<PrizeLedgersState, PrizesView> = {
  projection: prizeLedgerProjection,
  byRace: true,
  view: (state, edition, raceId) => {
    const ledger = state[edition.editionId] ?? prizeLedgerDecider.initialState();
    // Totals over the race's awards only, when the view is narrowed to a race.
    const awards = Object.fromEntries(Object.entries(ledger.awards).filter(([, entry]) => raceId === undefined || entry.award.raceId === raceId));
    return { currency: edition.currency, ...reconcileLedger({ ...ledger, awards }, edition.currency) };
  },
  rows: (view) =>
    new Map(
      view.awards.map(({ awardId, raceId, category, place, bib, runner, amount, status, paid, outstanding, toRecover }): [string, Row] => [
        awardId,
        { awardId, raceId, category, place, bib, runner, amount, status, paid, outstanding, toRecover },
      ]),
    ),
};

/** Every figure of the totals by its path (`byRace.marathon`, `byCause.hospital.allocated`). */
const figures = (value: unknown, path: string, into: Map<string, Row>): Map<string, Row> => {
  if (typeof value === 'number') into.set(path, { figure: path, amount: value });
  else if (typeof value === 'object' && value !== null) {
    Object.entries(value).forEach(([key, child]) => figures(child, path === '' ? key : `${path}.${key}`, into));
  }
  return into;
};

const charity: ModelHistory<CharityState, CharityTotals> = {
  projection: charityProjection,
  byRace: false,
  view: (state, edition) =>
    charityTotals(
      // Before the edition was planned its fund held nothing.
      state[edition.editionId] ?? {
        editionId: edition.editionId,
        currency: edition.currency,
        entries: 0,
        entryFees: 0,
        byRace: {},
        donations: 0,
        donated: 0,
        byCompany: {},
        byTeam: {},
        byCause: {},
        allocated: 0,
      },
    ),
  rows: (view) => figures(view, '', new Map()),
};

export const modelHistories = { results, ekiden, prizes, charity } as unknown as Record<HistoryModel, ModelHistory>;
