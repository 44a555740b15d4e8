import { TimingPoint } from '../editions/edition-events';
import { Gender } from '../registration/entry-events';
import { RegistrationRequest } from '../registration/register-runner';
import { parseRaceTime } from '../time/instant';
import { assertPlausible, crossingsOf, PlannedCrossing } from './pacing';
import { IndividualRaceFacts, NamePools, PodiumPlace } from './seed-facts';
import { randomFor, SeededRandom } from './seeded-random';
import { officialTimeMs, tenthsBetween, toTenths } from './stated-times';
import { ageFor, dateOfBirthFor, nameFor } from './synthetic-people';

/** Marks every generated entrant, so that no one mistakes them for a real runner. */
export const SYNTHETIC_CLUB = 'synthetic';

export type PlannedStatus = 'finished' | 'DNF' | 'DNS';

export interface SeedRunner {
  registration: RegistrationRequest;
  /** Named in the article; everyone else, pinned places included, is synthetic. */
  fromArticle: boolean;
  status: PlannedStatus;
  /** In course order; empty for a DNS, short of the finish for a DNF. */
  crossings: PlannedCrossing[];
}

export interface RaceFieldInput {
  editionId: string;
  raceDate: string;
  gunMs: number;
  race: IndividualRaceFacts;
  course: TimingPoint[];
  /** One per synthetic entrant: the field's size. */
  countries: string[];
  names: NamePools;
  seed: number;
}

/** The front of the field lines up first: the podium reaches the start line within seconds. */
const FRONT_ROW_DELAY_S: [number, number] = [0.5, 3];
/** Elites pace evenly. */
const FRONT_ROW_FADE: [number, number] = [-0.02, 0.05];

/**
 * Everyone in one individual race: the podium the facts state, in exactly those places and official
 * times, and a synthetic field behind them with log-normal net times, start delays by expected pace,
 * DNS and DNF, and splits at every mat.
 */
export const raceField = (input: RaceFieldInput): SeedRunner[] => {
  const { race } = input;
  const random = randomFor(input.seed, `${race.raceId}:field`);
  const podium = [...race.podium].sort((a, b) => a.gender.localeCompare(b.gender) || a.place - b.place);
  const official = podium.map((place) => officialTimeMs(place.gunTime.value, random));
  assertPodiumOrder(race.raceId, podium, official);

  const bibs = bibSequence(race, podium);
  const front = podium.map((place, index) => podiumRunner(input, place, official[index]!, bibs, random));
  const slowestOnPodium = (gender: Gender) =>
    Math.max(0, ...podium.flatMap((place, index) => (place.gender === gender ? [official[index]!] : [])));
  return [...front, ...syntheticField(input, bibs, slowestOnPodium, random)];
};

const assertPodiumOrder = (raceId: string, podium: PodiumPlace[], official: number[]) =>
  podium.forEach((place, index) => {
    const previous = podium[index - 1];
    if (!previous || previous.gender !== place.gender) {
      if (place.place !== 1) throw new Error(`${raceId}: the ${place.gender} podium must start at place 1`);
      return;
    }
    if (place.place !== previous.place + 1 || official[index]! <= official[index - 1]!) {
      throw new Error(`${raceId}: ${place.gender} place ${place.place} must follow place ${previous.place} in time`);
    }
  });

/** Bibs the facts do not fix are numbered from the race's first synthetic bib, skipping fixed ones. */
const bibSequence = (race: IndividualRaceFacts, podium: PodiumPlace[]) => {
  const fixed = new Set(podium.flatMap((place) => (place.bib ? [place.bib.value] : [])));
  let next = race.synthetic.firstBib;
  return () => {
    while (fixed.has(String(next))) next++;
    return String(next++);
  };
};

const registrationOf = (
  input: RaceFieldInput,
  person: { bib: string; firstName: string; lastName: string; gender: Gender; dateOfBirth: string; country: string },
  synthetic: boolean,
): RegistrationRequest => ({
  editionId: input.editionId,
  raceId: input.race.raceId,
  bib: person.bib,
  chipId: `CH${person.bib.padStart(5, '0')}`,
  firstName: person.firstName,
  lastName: person.lastName,
  gender: person.gender,
  dateOfBirth: person.dateOfBirth,
  country: person.country,
  ...(synthetic && { club: SYNTHETIC_CLUB }),
  entryFee: input.race.entryFee.value,
});

const podiumRunner = (
  input: RaceFieldInput,
  place: PodiumPlace,
  officialMs: number,
  nextBib: () => string,
  random: SeededRandom,
): SeedRunner => {
  const country = place.country.value;
  const named = place.name.value;
  const limits = { minAge: input.race.minAge.value, ...(input.race.maxAge && { maxAge: input.race.maxAge.value }) };
  const registration = registrationOf(
    input,
    {
      bib: place.bib?.value ?? nextBib(),
      ...(named ?? nameFor(country, place.gender, input.names, random)),
      gender: place.gender,
      dateOfBirth:
        place.dateOfBirth?.value ?? dateOfBirthFor(input.raceDate, ageFor(input.race.synthetic.age, limits, random), random),
      country,
    },
    named === null,
  );
  const delayMs = tenthsBetween(random, ...FRONT_ROW_DELAY_S);
  const pace = { startMs: input.gunMs + delayMs, netMs: officialMs - delayMs, fade: random.between(...FRONT_ROW_FADE) };
  const crossings = crossingsOf(input.course, pace, random);
  assertPlausible(crossings, input.gunMs, `${input.race.raceId} bib ${registration.bib}`);
  return { registration, fromArticle: named !== null, status: 'finished', crossings };
};

const syntheticField = (
  input: RaceFieldInput,
  nextBib: () => string,
  slowestOnPodium: (gender: Gender) => number,
  random: SeededRandom,
): SeedRunner[] => {
  const { race } = input;
  const field = race.synthetic;
  const limits = { minAge: race.minAge.value, ...(race.maxAge && { maxAge: race.maxAge.value }) };
  const cutoffMs = parseRaceTime(field.cutoff);
  const people = input.countries.map((country) => {
    const gender: Gender = random.chance(field.femaleShare) ? 'F' : 'M';
    const roll = random.next();
    const status: PlannedStatus = roll < field.dns ? 'DNS' : roll < field.dns + field.dnf ? 'DNF' : 'finished';
    const netMs = netTimeMs(field.netTime[gender], cutoffMs, slowestOnPodium(gender), `${race.raceId} ${gender}`, random);
    const dateOfBirth = dateOfBirthFor(input.raceDate, ageFor(field.age, limits, random), random);
    const registration = registrationOf(
      input,
      { bib: nextBib(), ...nameFor(country, gender, input.names, random), gender, dateOfBirth, country },
      true,
    );
    return { registration, status, netMs };
  });

  // Runners line up by expected pace: the slower, the longer they take to reach the start line.
  const paceRank = new Map(
    [...people].sort((a, b) => a.netMs - b.netMs).map((person, rank) => [person, rank / Math.max(1, people.length - 1)]),
  );
  return people.map((person): SeedRunner => {
    const { registration, status } = person;
    if (status === 'DNS') return { registration, fromArticle: false, status, crossings: [] };
    const delayMs = toTenths((field.startDelayMaxS * paceRank.get(person)! + random.between(1, 8)) * 1000);
    const pace = { startMs: input.gunMs + delayMs, netMs: person.netMs, fade: random.between(...field.fade) };
    const crossings = crossingsOf(input.course, pace, random);
    assertPlausible(crossings, input.gunMs, `${race.raceId} bib ${registration.bib}`);
    // A DNF stops somewhere after the start line and before the finish.
    const reached = status === 'DNF' ? 1 + Math.floor(random.next() * (crossings.length - 1)) : crossings.length;
    return { registration, fromArticle: false, status, crossings: crossings.slice(0, reached) };
  });
};

/**
 * A net time from a log-normal around the median, redrawn until it lies between the field's fastest
 * and the cutoff. The field's fastest must be slower than the podium: gun time (net time plus the
 * start delay) can then never put a synthetic runner on it.
 */
const netTimeMs = (
  spec: { median: string; sigma: number; fastest: string },
  cutoffMs: number,
  podiumMs: number,
  what: string,
  random: SeededRandom,
): number => {
  const fastestMs = parseRaceTime(spec.fastest);
  if (fastestMs <= podiumMs) throw new Error(`${what}: the synthetic fastest ${spec.fastest} would reach the podium`);
  const medianMs = parseRaceTime(spec.median);
  for (;;) {
    const ms = toTenths(medianMs * Math.exp(spec.sigma * random.normal()));
    if (ms >= fastestMs && ms <= cutoffMs) return ms;
  }
};
