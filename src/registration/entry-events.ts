import { DomainEvent } from '../decider/decider';
import { EventDefinition } from '../events/event-definition';

export type Gender = 'M' | 'F';

export type RunnerRegistered = DomainEvent<
  'RunnerRegistered',
  {
    editionId: string;
    raceId: string;
    bib: string;
    chipId: string;
    firstName: string;
    lastName: string;
    gender: Gender;
    /** YYYY-MM-DD: categories go by age on race day. */
    dateOfBirth: string;
    /** ISO 3166-1 alpha-3 (events recorded before IOC codes were normalised may hold one: read it through isoCountryOf). */
    country: string;
    /** The IOC code sent, where it differs from the ISO code in `country`. */
    countrySent?: string;
    club?: string;
    wave?: string;
    /** Entry fee paid, in minor units of the edition's currency (integers, never floats). */
    entryFee?: { amountMinor: number; currency: string };
  }
>;

export type ChipClaimed = DomainEvent<'ChipClaimed', { editionId: string; chipId: string; bib: string }>;
export type ChipReleased = DomainEvent<'ChipReleased', { editionId: string; chipId: string; bib: string }>;

export type ChipEvent = ChipClaimed | ChipReleased;

export const registrationEventDefinitions: EventDefinition[] = [
  {
    type: 'RunnerRegistered',
    version: 1,
    stream: 'entry-<editionId>-<bib>',
    description: 'A runner was registered for a race of an edition with a bib and a chip (each unique in the edition).',
    fields: {
      editionId: 'string',
      raceId: 'string',
      bib: 'string',
      chipId: 'string',
      firstName: 'string',
      lastName: 'string',
      gender: '"M" | "F"',
      dateOfBirth: 'string (YYYY-MM-DD)',
      country: 'string (ISO 3166-1 alpha-3; an IOC code sent is stored as the ISO code of the same country, and older events may hold one)',
      countrySent: 'string? (the IOC code sent, where it differs from country)',
      club: 'string?',
      wave: 'string? (start wave; its gun is the runner\'s gun)',
      entryFee: '{ amountMinor: number, currency: string }? (fee paid, integer minor units)',
    },
  },
  {
    type: 'ChipClaimed',
    version: 1,
    stream: 'chip-<editionId>-<chipId>',
    description:
      'A chip was claimed for a bib. The chip stream exists so that a chip is unique in an edition by optimistic concurrency, not by a read-then-write race.',
    fields: { editionId: 'string', chipId: 'string', bib: 'string' },
  },
  {
    type: 'ChipReleased',
    version: 1,
    stream: 'chip-<editionId>-<chipId>',
    description: 'A chip claim was released because the registration it was claimed for did not happen (e.g. the bib was taken).',
    fields: { editionId: 'string', chipId: 'string', bib: 'string' },
  },
];
