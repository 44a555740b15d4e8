import { AddRace, PlanEdition } from '../editions/edition';
import { TimingPoint } from '../editions/edition-events';
import { toUtcInstant } from '../time/instant';
import { IncomingRead } from '../timing/record-reads';
import { charityOf, SeedCharity } from './charity-plan';
import { ekidenTeams, PlannedTeam } from './ekiden-teams';
import { prizesOf, SeedPrizes } from './prize-plan';
import { raceField, SeedRunner } from './race-field';
import { IndividualRaceFacts, NamePools, RaceFacts, RelayRaceFacts, SeedEditionFacts } from './seed-facts';
import { randomFor } from './seeded-random';
import { countriesOfField } from './synthetic-people';
import { batchesOf, finalCountedRead, readsOfRace, SeedReadBatch, TimedEntry } from './timing-feed';

export interface SeedOptions {
  /** Share of the synthetic field to generate: 1 is the whole edition, 0.02 a quick look. Article runners always run. */
  scale: number;
}

export interface SeedEntrant extends SeedRunner {
  /** When the runner registered: the business time of their registration. */
  registeredAt: string;
}

export interface SeedTeam extends PlannedTeam {
  /** When the team registered: the business time of its registration. */
  registeredAt: string;
}

/** Everything the loader sends for one edition, in order: generated once, the same for the same seed and scale. */
export interface SeedPlan {
  editionId: string;
  /** The reason on the edition's own events: it names seed and scale, so a later load can tell its own work. */
  provenance: string;
  plannedAt: string;
  edition: PlanEdition['data'];
  races: AddRace['data'][];
  /** In registration order. */
  entrants: SeedEntrant[];
  /** Relay teams, in registration order; registered after the runners, before registration closes. */
  teams: SeedTeam[];
  registrationClosedAt: string;
  guns: { raceId: string; gunTime: string }[];
  /** Every read of the day, runners' chips and teams' sashes alike. */
  readBatches: SeedReadBatch[];
  finalCountedRead: IncomingRead;
  prizes?: SeedPrizes;
  charity?: SeedCharity;
}

export const planSeedEdition = (facts: SeedEditionFacts, names: NamePools, { scale }: SeedOptions): SeedPlan => {
  if (!(scale > 0 && scale <= 1)) throw new RangeError(`the seed scale must be above 0 and at most 1, not ${scale}`);
  const { editionId, edition, timeline, generation } = facts;
  const prizes = prizesOf(facts);
  const charity = charityOf(facts);
  const { seed } = generation;

  const individual = facts.races.filter((race): race is IndividualRaceFacts => race.kind === 'individual');
  const sizes = individual.map((race) => Math.round((race.entrants.value - race.podium.length) * scale));
  const countries = countriesOfField(
    sizes.reduce((sum, size) => sum + size, 0),
    generation.countries,
    facts.participation.homeCountry.value,
    randomFor(seed, 'countries'),
  );
  let assigned = 0;
  const fields = individual.map((race, index) => {
    const field = countries.slice(assigned, (assigned += sizes[index]!));
    const gunMs = Date.parse(toUtcInstant(race.gunTime.value, `${race.raceId} gunTime`));
    return { race, runners: raceField({ editionId, raceDate: edition.date.value, gunMs, race, course: courseOf(race), countries: field, names, seed }) };
  });
  const runners = fields.flatMap((field) => field.runners);
  const teams = teamsOf(facts, names, scale);
  assertUnique([...runners, ...teams]);

  const readsOf = (raceId: string, entries: TimedEntry[]) => readsOfRace(entries, generation.timing, randomFor(seed, `${raceId}:timing`));
  const readBatches = batchesOf(
    [...fields.flatMap(({ race, runners }) => readsOf(race.raceId, runners)), ...(facts.ekiden ? readsOf(facts.ekiden.raceId, teams) : [])],
    generation.timing.batchSize,
  );

  return {
    editionId,
    provenance: `seed: from the article; assumptions and generation parameters in seeds/${editionId}.json (seed ${seed}, scale ${scale})`,
    plannedAt: toUtcInstant(timeline.planned.value, 'planned'),
    edition: {
      editionId,
      name: edition.name.value,
      number: edition.number.value,
      city: edition.city.value,
      date: edition.date.value,
      timezone: edition.timezone.value,
      currency: edition.currency.value,
      series: edition.series.value,
    },
    races: facts.races.map((race) => raceData(editionId, race)),
    entrants: inRegistrationOrder(facts, runners, 'registration'),
    teams: inRegistrationOrder(facts, teams, 'ekiden:registration'),
    registrationClosedAt: toUtcInstant(timeline.registrationClosed.value, 'registrationClosed'),
    guns: facts.races.map((race) => ({ raceId: race.raceId, gunTime: toUtcInstant(race.gunTime.value, `${race.raceId} gunTime`) })),
    readBatches,
    finalCountedRead: finalCountedRead(readBatches),
    ...(prizes && { prizes }),
    ...(charity && { charity }),
  };
};

const teamsOf = (facts: SeedEditionFacts, names: NamePools, scale: number): PlannedTeam[] => {
  const { ekiden } = facts;
  if (!ekiden) return [];
  const race = facts.races.find((candidate): candidate is RelayRaceFacts => candidate.raceId === ekiden.raceId && candidate.kind === 'relay');
  if (!race) throw new Error(`ekiden: ${ekiden.raceId} is not a relay race of ${facts.editionId}`);
  return ekidenTeams({
    editionId: facts.editionId,
    raceDate: facts.edition.date.value,
    gunMs: Date.parse(toUtcInstant(race.gunTime.value, `${race.raceId} gunTime`)),
    race,
    ekiden,
    course: courseOf(race),
    homeCountry: facts.participation.homeCountry.value,
    countries: facts.generation.countries,
    names,
    seed: facts.generation.seed,
    scale,
  });
};

/** The mats in course order, each with its lap, as the edition's decider will store them. */
const courseOf = (race: RaceFacts): TimingPoint[] =>
  race.timingPoints.value
    .map((point) => ({ pointId: point.pointId, distanceM: point.distanceM, lap: point.lap ?? 1 }))
    .sort((a, b) => a.distanceM - b.distanceM);

const raceData = (editionId: string, race: RaceFacts): AddRace['data'] => ({
  editionId,
  raceId: race.raceId,
  name: race.name.value,
  distanceM: race.distanceM.value,
  laps: race.laps.value,
  kind: race.kind,
  timingPoints: race.timingPoints.value,
  courseId: race.courseId.value,
  minAge: race.minAge.value,
  ...(race.maxAge && { maxAge: race.maxAge.value }),
  ...(race.kind === 'relay' && { legs: race.legs.value }),
});

/** Bibs and chips are unique in an edition, runners' and teams' alike: a clash in the facts is a seed bug, refused before loading. */
const assertUnique = (entries: TimedEntry[]) => {
  for (const key of ['bib', 'chipId'] as const) {
    const seen = new Set<string>();
    for (const { registration } of entries) {
      if (seen.has(registration[key])) throw new Error(`${key} ${registration[key]} is given to two entries`);
      seen.add(registration[key]);
    }
  }
};

/** Registrations spread over the registration period, loaded in the order they came in. */
const inRegistrationOrder = <Entry extends TimedEntry>(facts: SeedEditionFacts, entries: Entry[], purpose: string): (Entry & { registeredAt: string })[] => {
  const random = randomFor(facts.generation.seed, purpose);
  const opened = Date.parse(toUtcInstant(facts.timeline.registrationOpened.value, 'registrationOpened'));
  const closed = Date.parse(toUtcInstant(facts.timeline.registrationClosed.value, 'registrationClosed'));
  return entries
    .map((entry) => ({ ...entry, registeredAt: new Date(Math.floor((opened + random.next() * (closed - opened)) / 1000) * 1000).toISOString() }))
    .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.registration.bib.localeCompare(b.registration.bib));
};
