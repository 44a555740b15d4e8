import { competitionRanks } from '../results/standings';
import { formatRaceTime } from '../time/instant';
import { exchangeTime, RelayRace, RelayTeam } from './ekiden.projection';
import { TeamCategory } from './team-events';

/** As for runners: before the race is closed a team not yet seen has not started, one seen is on the course. */
export type TeamStatus = 'finished' | 'onCourse' | 'notStarted' | 'DNF' | 'DNS' | 'DSQ';

export interface LegResult {
  leg: number;
  runner: string;
  time: string | null;
  rank: number | null;
}

export interface TeamStanding {
  place: number | null;
  categoryPlace: number | null;
  bib: string;
  name: string;
  organisation?: string;
  category: TeamCategory;
  status: TeamStatus;
  /** The anchor's gun time at the finish. */
  teamTime: string | null;
  legs: LegResult[];
  /** Exchange mats with no read for this team: leg times around them are unknown, never zero. */
  missingExchanges: string[];
  disqualification?: { rule: string; leg?: number };
}

export interface FastestLeg {
  leg: number;
  time: string;
  bib: string;
  team: string;
  runner: string;
}

interface Timed {
  team: RelayTeam;
  teamMs: number | null;
  legMs: (number | null)[];
  missing: string[];
}

const timeTeam = (race: RelayRace, team: RelayTeam): Timed => {
  const gunMs = race.gunTime ? Date.parse(race.gunTime) : undefined;
  const marks = race.exchanges.map((exchange) => {
    const time = exchangeTime(team, exchange);
    return time === undefined ? undefined : Date.parse(time);
  });
  const legMs = marks.map((end, index) => {
    const start = index === 0 ? gunMs : marks[index - 1];
    return end !== undefined && start !== undefined ? end - start : null;
  });
  const finishMs = marks[marks.length - 1];
  const missing = race.exchanges.slice(0, -1).filter((_, index) => marks[index] === undefined).map((exchange) => exchange.pointId);
  return {
    team,
    teamMs: finishMs !== undefined && gunMs !== undefined ? finishMs - gunMs : null,
    legMs,
    missing,
  };
};

const statusOf = (timed: Timed, closed: boolean): TeamStatus => {
  if (timed.team.disqualification) return 'DSQ';
  if (timed.team.declared) return timed.team.declared;
  if (timed.teamMs !== null) return 'finished';
  const seen = Object.keys(timed.team.crossings).length > 0;
  if (closed) return seen ? 'DNF' : 'DNS';
  return seen ? 'onCourse' : 'notStarted';
};

/** Standard competition ranking (1, 2, 2, 4) of the known times: times timing cannot separate share a place. */
const ranks = (values: (number | null)[]): (number | null)[] => {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  const rankOf = new Map<number, number>();
  competitionRanks(sorted).forEach((rank, index) => rankOf.set(sorted[index]!, rankOf.get(sorted[index]!) ?? rank));
  return values.map((value) => (value === null ? null : rankOf.get(value)!));
};

/**
 * Team standings of a relay: placed by team time (gun time at the anchor's finish) among finished
 * teams; a disqualified team is never placed; leg times come from the exchange mats, and a missing
 * exchange read leaves the legs around it unknown rather than guessed.
 */
export const relayStandings = (race: RelayRace): { rows: TeamStanding[]; fastestLegs: FastestLeg[] } => {
  const timed = Object.values(race.teams).map((team) => timeTeam(race, team));
  const statuses = timed.map((t) => statusOf(t, race.closed));
  const placedMs = timed.map((t, i) => (statuses[i] === 'finished' ? t.teamMs : null));
  const places = ranks(placedMs);
  const categoryPlaces = timed.map((t, i) => {
    if (places[i] === null) return null;
    const sameCategory = timed.map((other, j) => (other.team.category === t.team.category ? placedMs[j] ?? null : null));
    return ranks(sameCategory)[i] ?? null;
  });
  const legRanks = race.exchanges.map((_, legIndex) => ranks(timed.map((t, i) => (statuses[i] === 'DSQ' ? null : t.legMs[legIndex] ?? null))));

  const rows = timed.map((t, i): TeamStanding => ({
    place: places[i] ?? null,
    categoryPlace: categoryPlaces[i] ?? null,
    bib: t.team.bib,
    name: t.team.name,
    ...(t.team.organisation !== undefined && { organisation: t.team.organisation }),
    category: t.team.category,
    status: statuses[i]!,
    teamTime: t.teamMs === null || t.teamMs < 0 ? null : formatRaceTime(t.teamMs),
    legs: race.exchanges.map((exchange, legIndex) => {
      const runner = t.team.runners.find((r) => r.leg === exchange.leg);
      const ms = t.legMs[legIndex] ?? null;
      return {
        leg: exchange.leg,
        runner: runner ? `${runner.firstName} ${runner.lastName}` : '',
        time: ms === null || ms < 0 ? null : formatRaceTime(ms),
        rank: legRanks[legIndex]![i] ?? null,
      };
    }),
    missingExchanges: t.missing,
    ...(t.team.disqualification && { disqualification: t.team.disqualification }),
  }));
  rows.sort((a, b) => (a.place ?? Infinity) - (b.place ?? Infinity) || a.bib.localeCompare(b.bib, 'en', { numeric: true }));

  const fastestLegs = race.exchanges.flatMap((exchange, legIndex) => {
    const best = legRanks[legIndex]!.indexOf(1);
    if (best === -1) return [];
    const team = timed[best]!.team;
    const runner = team.runners.find((r) => r.leg === exchange.leg);
    return [
      {
        leg: exchange.leg,
        time: formatRaceTime(timed[best]!.legMs[legIndex]!),
        bib: team.bib,
        team: team.name,
        runner: runner ? `${runner.firstName} ${runner.lastName}` : '',
      },
    ];
  });
  return { rows, fastestLegs };
};
