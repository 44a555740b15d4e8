import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RaceKind, RelayLeg } from '../editions/edition-events';
import { TeamCategory } from '../ekiden/team-events';
import { Gender } from '../registration/entry-events';

/** `article`: stated by the race-day report the seed is built from; `assumed`: needed, but ours. */
export type Provenance = 'article' | 'assumed';

export interface Fact<T> {
  value: T;
  source: Provenance;
  note?: string;
}

/** One of the named (or pinned) finishers: place and official time are kept exactly. */
export interface PodiumPlace {
  gender: Gender;
  place: number;
  /** null: a synthetic runner pinned to this place and time (e.g. to keep a record the article implies). */
  name: Fact<{ firstName: string; lastName: string } | null>;
  country: Fact<string>;
  /** Official (gun) time, `H:MM` (seconds unknown) or `H:MM:SS`. */
  gunTime: Fact<string>;
  bib?: Fact<string>;
  dateOfBirth?: Fact<string>;
  notes?: Fact<string>[];
}

/** Generation parameters of the synthetic field of one race: not facts. */
export interface SyntheticField {
  firstBib: number;
  femaleShare: number;
  age: { min: number; max: number; mean: number; sd: number };
  /** Net times: a log-normal around the median, truncated to [fastest, cutoff]. */
  netTime: Record<Gender, { median: string; sigma: number; fastest: string }>;
  cutoff: string;
  /** How much slower the last segments are than the first, drawn per runner from this range. */
  fade: [number, number];
  /** How long the back of the field takes to reach the start mat after the gun. */
  startDelayMaxS: number;
  dns: number;
  dnf: number;
}

interface RaceFactsBase {
  raceId: string;
  kind: RaceKind;
  name: Fact<string>;
  distanceM: Fact<number>;
  laps: Fact<number>;
  courseId: Fact<string>;
  timingPoints: Fact<{ pointId: string; distanceM: number; lap?: number }[]>;
  minAge: Fact<number>;
  maxAge?: Fact<number>;
  /** Local ISO instant with the edition's offset. */
  gunTime: Fact<string>;
  /** In the currency's major unit; per team for a relay. */
  entryFee: Fact<number>;
}

export interface IndividualRaceFacts extends RaceFactsBase {
  kind: 'individual';
  entrants: Fact<number>;
  podium: PodiumPlace[];
  synthetic: SyntheticField;
}

export interface RelayRaceFacts extends RaceFactsBase {
  kind: 'relay';
  legs: Fact<RelayLeg[]>;
}

export type RaceFacts = IndividualRaceFacts | RelayRaceFacts;

export interface TimingFeedParameters {
  /** Share of crossings the main mat reads (a synthetic runner's; an article runner's is always read). */
  primaryReadRate: number;
  /** Share of crossings the backup mat also reads; it reads every crossing the main mat missed. */
  backupReadRate: number;
  /** Share of main-mat reads sent a second time (a timing box resending after a reconnect). */
  resendRate: number;
  primaryDelayS: [number, number];
  backupOffsetS: [number, number];
  /** The backup box uploads its buffer at this interval rather than live. */
  backupUploadEveryS: number;
  resendDelayS: [number, number];
  batchSize: number;
}

/** A team the article names: its place or its finish is stated, the rest is assumed or synthetic. */
export interface NamedTeamFacts {
  team: Fact<string>;
  organisation: Fact<string>;
  category: Fact<TeamCategory>;
  bib: Fact<string>;
}

/** Generation parameters of the ekiden's synthetic teams, and of every team's leg runners: not facts. */
export interface SyntheticTeams {
  /** Synthetic teams are numbered `${bibPrefix}${firstBib}` onwards, after the named ones. */
  bibPrefix: string;
  firstBib: number;
  categories: Partial<Record<TeamCategory, number>>;
  femaleShare: number;
  age: SyntheticField['age'];
  /** Team times (gun to the anchor's finish): a log-normal around the median, truncated to [fastest, cutoff]. */
  teamTime: { median: string; sigma: number; fastest: string };
  cutoff: string;
  /** How far one leg runner's pace strays from the team's (standard deviation, as a share of pace). */
  legSpread: number;
  startDelayMaxS: number;
  dns: number;
  dnf: number;
}

export interface EkidenFacts {
  raceId: string;
  teams: Fact<number>;
  podium: (NamedTeamFacts & { place: number; teamTime: Fact<string> })[];
  mediaTeams: (NamedTeamFacts & { finished: Fact<boolean> })[];
  syntheticTeams: number;
  synthetic: SyntheticTeams;
}

export interface PrizeScheduleFacts {
  raceId: string;
  basis: Fact<'gun' | 'net'>;
  awarded?: Fact<boolean>;
  /** Amounts in the currency's major unit, 1st place first. */
  prizes: { category: string; places: Fact<number[]> }[];
}

/** Where the money raised goes: the whole fund, allocated once. */
export interface CharityFacts {
  allocationId: string;
  /** A slug, as the charity commands take causes. */
  cause: Fact<string>;
  allocatedAt: Fact<string>;
}

/** Finance's records that no source gives: loaded, and labelled, as synthetic. */
export interface SyntheticRecords {
  /** Each pays in full the award certification gives to a place. */
  prizePayments: { reference: string; raceId: string; category: string; place: number; paidAt: string }[];
  /** `team`: the name of a team from the article the donation is made for. Amounts in the major unit. */
  donations: { donationId: string; donor: string; company?: string; team?: string; cause?: string; amount: number; receivedAt: string }[];
}

export interface SeedEditionFacts {
  editionId: string;
  edition: {
    name: Fact<string>;
    number: Fact<number>;
    city: Fact<string>;
    series: Fact<string>;
    date: Fact<string>;
    timezone: Fact<string>;
    currency: Fact<string>;
    venue: Fact<string>;
    courseChange?: Fact<string>;
    raceDirector?: Fact<string>;
    charity?: Fact<string>;
  };
  timeline: {
    planned: Fact<string>;
    registrationOpened: Fact<string>;
    registrationClosed: Fact<string>;
    /** Needed once the edition has prize schedules: certification awards the prizes. */
    resultsCertified?: Fact<string>;
  };
  participation: {
    homeCountry: Fact<string>;
    entrantsAtLeast?: Fact<number>;
    recordRegistration?: Fact<boolean>;
    otherCountries?: Fact<number>;
    mostEntrantsIn?: Fact<string>;
    marathonEntrantsAtLeast?: Fact<number>;
  };
  races: RaceFacts[];
  ekiden?: EkidenFacts;
  prizeSchedules?: PrizeScheduleFacts[];
  charity?: CharityFacts;
  synthetic?: SyntheticRecords;
  generation: { seed: number; countries: Record<string, number>; timing: TimingFeedParameters };
}

/** A naming tradition: given names by gender, surnames shared or by gender (Ivanov, Ivanova). */
export interface NamePool {
  first: Record<Gender, string[]>;
  last: string[] | Record<Gender, string[]>;
}

export interface NamePools {
  /** Country -> the traditions its runners' names come from, weighted. */
  countries: Record<string, Record<string, number>>;
  pools: Record<string, NamePool>;
}

/** The editions `npm run seed` loads, oldest first: a record stands from the first edition that ran it. */
export const SEED_EDITIONS = ['almaty-2017', 'almaty-2018'] as const;

/** `seeds/` at the repository root: two levels up from both src/seeds and dist/seeds. */
const SEEDS_DIR = join(__dirname, '..', '..', 'seeds');

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(SEEDS_DIR, file), 'utf8'));

export const readSeedFacts = (editionId: string): SeedEditionFacts => {
  const facts = readJson(`${editionId}.json`) as SeedEditionFacts;
  if (facts.editionId !== editionId) throw new Error(`seeds/${editionId}.json describes ${facts.editionId}`);
  assertProvenance(facts, editionId);
  return facts;
};

export const readNamePools = (): NamePools => readJson('names.json') as NamePools;

/** Every fact says where it comes from: a value without an article-or-assumed source is refused. */
const assertProvenance = (node: unknown, path: string): void => {
  if (Array.isArray(node)) return node.forEach((item, index) => assertProvenance(item, `${path}[${index}]`));
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if ('value' in record && record.source !== 'article' && record.source !== 'assumed') {
    throw new Error(`${path} has no provenance: its source must be "article" or "assumed"`);
  }
  for (const [key, child] of Object.entries(record)) assertProvenance(child, `${path}.${key}`);
};
