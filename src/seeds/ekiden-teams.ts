import { RelayLeg, TimingPoint } from '../editions/edition-events';
import { TeamRequest } from '../ekiden/register-team';
import { LegRunner, TeamCategory } from '../ekiden/team-events';
import { Gender } from '../registration/entry-events';
import { parseRaceTime } from '../time/instant';
import { assertPlausible, PlannedCrossing } from './pacing';
import { PlannedStatus } from './race-field';
import { EkidenFacts, NamedTeamFacts, NamePools, RelayRaceFacts, SyntheticTeams } from './seed-facts';
import { randomFor, SeededRandom } from './seeded-random';
import { officialTimeMs, tenthsBetween, toTenths } from './stated-times';
import { ageFor, dateOfBirthFor, nameFor } from './synthetic-people';

/** Marks every generated team, as `club: "synthetic"` marks a generated runner. */
export const SYNTHETIC_ORGANISATION = 'synthetic';

export interface PlannedTeam {
  /** Named like a runner's, so the timing feed reads a sash as it reads a chip. */
  registration: TeamRequest;
  /** Named in the article (its podium, its media teams). Every leg runner is synthetic either way. */
  fromArticle: boolean;
  status: PlannedStatus;
  /** In course order; empty for a DNS, short of the finish for a DNF. */
  crossings: PlannedCrossing[];
}

export interface EkidenInput {
  editionId: string;
  raceDate: string;
  gunMs: number;
  race: RelayRaceFacts;
  ekiden: EkidenFacts;
  course: TimingPoint[];
  homeCountry: string;
  countries: Record<string, number>;
  names: NamePools;
  seed: number;
  scale: number;
}

/** The podium teams line up at the front: they cross the start line within seconds of the gun. */
const FRONT_ROW_DELAY_S: [number, number] = [0.5, 3];

/**
 * Every team of the ekiden: the article's podium in exactly its places (times assumed), its media teams
 * finishing, and synthetic teams behind them, each with a runner per leg and the sash's crossing of
 * every mat. The synthetic teams scale with the seed; the article's teams always run.
 */
export const ekidenTeams = (input: EkidenInput): PlannedTeam[] => {
  const { ekiden } = input;
  const { synthetic } = ekiden;
  if (ekiden.podium.length + ekiden.mediaTeams.length + ekiden.syntheticTeams !== ekiden.teams.value) {
    throw new Error(`ekiden: the named and synthetic teams must add up to the ${ekiden.teams.value} the facts state`);
  }
  const random = randomFor(input.seed, `${ekiden.raceId}:teams`);
  const podium = [...ekiden.podium].sort((a, b) => a.place - b.place);
  const official = podium.map((team) => officialTimeMs(team.teamTime.value, random));
  podium.forEach((team, index) => {
    if (team.place !== index + 1 || (index > 0 && official[index]! <= official[index - 1]!)) {
      throw new Error(`ekiden: podium place ${team.place} must follow place ${index} in time`);
    }
  });
  const fastestMs = parseRaceTime(synthetic.teamTime.fastest);
  if (fastestMs <= Math.max(...official)) throw new Error(`ekiden: the synthetic fastest ${synthetic.teamTime.fastest} would reach the podium`);

  const named = (facts: NamedTeamFacts, teamMs: number, delayMs: number) =>
    team(input, { ...namedRequest(input, facts), fromArticle: true, status: 'finished', teamMs, delayMs }, random);
  const front = podium.map((facts, index) => named(facts, official[index]!, tenthsBetween(random, ...FRONT_ROW_DELAY_S)));
  const media = ekiden.mediaTeams.map((facts) => {
    if (!facts.finished.value) throw new Error(`ekiden: the media team ${facts.team.value} must finish`);
    return named(facts, teamTimeMs(synthetic, random), tenthsBetween(random, 1, synthetic.startDelayMaxS));
  });
  const rest = Array.from({ length: Math.round(ekiden.syntheticTeams * input.scale) }, (_, index) => syntheticTeam(input, index, random));
  return [...front, ...media, ...rest];
};

const namedRequest = (input: EkidenInput, facts: NamedTeamFacts) => ({
  bib: facts.bib.value,
  name: facts.team.value,
  organisation: facts.organisation.value,
  category: facts.category.value,
  // The article says nothing of the runners: a team of the home country is our assumption.
  country: input.homeCountry,
});

const syntheticTeam = (input: EkidenInput, index: number, random: SeededRandom): PlannedTeam => {
  const { synthetic } = input.ekiden;
  const category = random.weighted(synthetic.categories) as TeamCategory;
  const roll = random.next();
  const status: PlannedStatus = roll < synthetic.dns ? 'DNS' : roll < synthetic.dns + synthetic.dnf ? 'DNF' : 'finished';
  const request = {
    bib: `${synthetic.bibPrefix}${synthetic.firstBib + index}`,
    name: `${category[0]!.toUpperCase()}${category.slice(1)} team ${index + 1}`,
    organisation: SYNTHETIC_ORGANISATION,
    category,
    country: random.weighted(input.countries),
  };
  return team(input, { ...request, fromArticle: false, status, teamMs: teamTimeMs(synthetic, random), delayMs: tenthsBetween(random, 1, synthetic.startDelayMaxS) }, random);
};

interface TeamSpec {
  bib: string;
  name: string;
  organisation: string;
  category: TeamCategory;
  country: string;
  fromArticle: boolean;
  status: PlannedStatus;
  /** Gun to the anchor's finish, a whole number of tenths. */
  teamMs: number;
  /** Gun to the first leg runner's crossing of the start line. */
  delayMs: number;
}

const team = (input: EkidenInput, spec: TeamSpec, random: SeededRandom): PlannedTeam => {
  const { race, ekiden } = input;
  const registration: TeamRequest = {
    editionId: input.editionId,
    raceId: race.raceId,
    bib: spec.bib,
    chipId: `SASH_${spec.bib}`,
    name: spec.name,
    organisation: spec.organisation,
    category: spec.category,
    runners: legRunners(input, spec, random),
    entryFee: race.entryFee.value,
  };
  if (spec.status === 'DNS') return { registration, fromArticle: spec.fromArticle, status: spec.status, crossings: [] };
  const crossings = relayCrossings(input.course, race.legs.value, input.gunMs, spec, ekiden.synthetic.legSpread, random);
  assertPlausible(crossings, input.gunMs, `${race.raceId} team ${spec.bib}`);
  // A DNF team stops somewhere after the start line and before the finish.
  const reached = spec.status === 'DNF' ? 1 + Math.floor(random.next() * (crossings.length - 1)) : crossings.length;
  return { registration, fromArticle: spec.fromArticle, status: spec.status, crossings: crossings.slice(0, reached) };
};

/** A runner per leg; a mixed team alternates women and men along the legs. */
const legRunners = (input: EkidenInput, spec: TeamSpec, random: SeededRandom): LegRunner[] => {
  const { synthetic } = input.ekiden;
  const limits = { minAge: input.race.minAge.value, ...(input.race.maxAge && { maxAge: input.race.maxAge.value }) };
  const womenOnOddLegs = random.chance(0.5);
  return input.race.legs.value.map(({ leg }) => {
    const gender: Gender =
      spec.category === 'mixed' ? ((leg % 2 === 1) === womenOnOddLegs ? 'F' : 'M') : random.chance(synthetic.femaleShare) ? 'F' : 'M';
    const dateOfBirth = dateOfBirthFor(input.raceDate, ageFor(synthetic.age, limits, random), random);
    return { leg, ...nameFor(spec.country, gender, input.names, random), gender, dateOfBirth, country: spec.country };
  });
};

/** A team time from a log-normal around the median, redrawn until it lies between the fastest and the cutoff. */
const teamTimeMs = (synthetic: SyntheticTeams, random: SeededRandom): number => {
  const fastestMs = parseRaceTime(synthetic.teamTime.fastest);
  const cutoffMs = parseRaceTime(synthetic.cutoff);
  const medianMs = parseRaceTime(synthetic.teamTime.median);
  for (;;) {
    const ms = toTenths(medianMs * Math.exp(synthetic.teamTime.sigma * random.normal()));
    if (ms >= fastestMs && ms <= cutoffMs) return ms;
  }
};

/**
 * The sash's crossing of every mat: each leg runner keeps a pace of their own around the team's, the
 * legs add up exactly to the team time, and a mat inside a leg (the lap line) is crossed at that leg's pace.
 */
const relayCrossings = (
  course: TimingPoint[],
  legs: RelayLeg[],
  gunMs: number,
  spec: Pick<TeamSpec, 'teamMs' | 'delayMs'>,
  legSpread: number,
  random: SeededRandom,
): PlannedCrossing[] => {
  const effort = legs.map((leg) => leg.distanceM * (1 + legSpread * Math.max(-2, Math.min(2, random.normal()))));
  const total = effort.reduce((sum, share) => sum + share, 0);
  let distanceM = 0;
  let done = 0;
  const marks = [
    { distanceM: 0, ms: gunMs + spec.delayMs },
    ...legs.map((leg, index) => {
      distanceM += leg.distanceM;
      done += effort[index]!;
      return { distanceM, ms: toTenths(gunMs + (spec.teamMs * done) / total) };
    }),
  ];
  return course.map((point) => {
    const to = marks.findIndex((mark) => mark.distanceM >= point.distanceM);
    const from = marks[Math.max(0, to - 1)]!;
    const end = marks[to]!;
    const share = end.distanceM === from.distanceM ? 1 : (point.distanceM - from.distanceM) / (end.distanceM - from.distanceM);
    const time = new Date(toTenths(from.ms + (end.ms - from.ms) * share)).toISOString();
    return { pointId: point.pointId, lap: point.lap, distanceM: point.distanceM, time };
  });
};
