import { DomainEvent } from '../decider/decider';
import { EventDefinition } from '../events/event-definition';

export interface TimingPoint {
  pointId: string;
  /** Distance from the start along the whole race, in metres: a mat crossed on lap 2 is further on. */
  distanceM: number;
  lap: number;
}

export interface RelayLeg {
  leg: number;
  distanceM: number;
}

export type RaceKind = 'individual' | 'relay';

export type EditionPlanned = DomainEvent<
  'EditionPlanned',
  {
    editionId: string;
    name: string;
    number: number;
    city: string;
    /** The local calendar date of race day in the edition's time zone. */
    date: string;
    timezone: string;
    currency: string;
    /** Editions of one event share a series: event records span the series. */
    series: string;
  }
>;

export type RaceAdded = DomainEvent<
  'RaceAdded',
  {
    editionId: string;
    raceId: string;
    name: string;
    distanceM: number;
    laps: number;
    kind: RaceKind;
    timingPoints: TimingPoint[];
    legs: RelayLeg[];
    /** The certified course: course records belong to it, event records span courses. */
    courseId: string;
    /** Age on race day, inclusive bounds. */
    minAge: number;
    maxAge?: number;
  }
>;

export type RegistrationClosed = DomainEvent<'RegistrationClosed', { editionId: string; closedAt: string }>;

export type RaceStarted = DomainEvent<
  'RaceStarted',
  {
    editionId: string;
    raceId: string;
    /** Absent: the whole race (every wave without a gun of its own). */
    wave?: string;
    gunTime: string;
  }
>;

export type GunTimeCorrected = DomainEvent<
  'GunTimeCorrected',
  {
    editionId: string;
    raceId: string;
    /** Absent: the race's own gun. */
    wave?: string;
    gunTime: string;
    previousGunTime: string;
  }
>;

export type RaceClosed = DomainEvent<'RaceClosed', { editionId: string; raceId: string; closedAt: string }>;

export type EditionEvent = EditionPlanned | RaceAdded | RegistrationClosed | RaceStarted | GunTimeCorrected | RaceClosed;

export const editionEventDefinitions: EventDefinition[] = [
  {
    type: 'EditionPlanned',
    version: 1,
    stream: 'edition-<editionId>',
    description: 'An organiser planned an edition of the event: its identity, race-day date, time zone and currency.',
    fields: {
      editionId: 'string',
      name: 'string',
      number: 'number (1st, 2nd... edition)',
      city: 'string',
      date: 'string (YYYY-MM-DD, local to timezone)',
      timezone: 'string (IANA zone, e.g. Asia/Almaty)',
      currency: 'string (ISO 4217, e.g. KZT)',
      series: 'string (editions of one event share it; event records span the series)',
    },
  },
  {
    type: 'RaceAdded',
    version: 1,
    stream: 'edition-<editionId>',
    description:
      'An organiser added a race to an edition: its distance, laps, timing points (a mat crossed on several laps appears once per lap) and, for a relay, its legs.',
    fields: {
      editionId: 'string',
      raceId: 'string',
      name: 'string',
      distanceM: 'number (metres)',
      laps: 'number',
      kind: '"individual" | "relay"',
      timingPoints: '{ pointId: string, distanceM: number, lap: number }[] (ordered by distance; the last is the finish)',
      legs: '{ leg: number, distanceM: number }[] (empty unless kind is relay)',
      courseId: 'string (the certified course; course records belong to it)',
      minAge: 'number (youngest age on race day)',
      maxAge: 'number? (oldest age on race day, for a kids race)',
    },
  },
  {
    type: 'RegistrationClosed',
    version: 1,
    stream: 'edition-<editionId>',
    description: 'An organiser closed registration for the edition; later registrations are refused.',
    fields: { editionId: 'string', closedAt: 'string (ISO instant)' },
  },
  {
    type: 'RaceStarted',
    version: 1,
    stream: 'edition-<editionId>',
    description:
      'The gun fired for a race, or for one wave of it. Gun time is the official start of every runner of that race (or wave).',
    fields: { editionId: 'string', raceId: 'string', wave: 'string? (absent: the whole race)', gunTime: 'string (ISO instant, 0.1 s)' },
  },
  {
    type: 'GunTimeCorrected',
    version: 1,
    stream: 'edition-<editionId>',
    description:
      "An organiser or the timing crew corrected a gun time that was recorded wrong: every runner of that race (or wave) is re-timed from it, and a certified race's prizes follow. The reason is in the metadata.",
    fields: {
      editionId: 'string',
      raceId: 'string',
      wave: 'string? (absent: the race\'s own gun)',
      gunTime: 'string (ISO instant: the gun time from now on)',
      previousGunTime: 'string (ISO instant it replaces)',
    },
  },
  {
    type: 'RaceClosed',
    version: 1,
    stream: 'edition-<editionId>',
    description:
      'An organiser closed a race (the course is shut). Results derive the rest: a runner still onCourse becomes DNF, one still notStarted becomes DNS. Reads that arrive later still count.',
    fields: { editionId: 'string', raceId: 'string', closedAt: 'string (ISO instant)' },
  },
];
