import { DomainEvent } from '../decider/decider';
import { EventDefinition } from '../events/event-definition';
import { Gender } from '../registration/entry-events';

export const TEAM_CATEGORIES = ['open', 'corporate', 'military', 'media', 'club', 'mixed'] as const;
export type TeamCategory = (typeof TEAM_CATEGORIES)[number];

export interface LegRunner {
  leg: number;
  firstName: string;
  lastName: string;
  gender: Gender;
  dateOfBirth: string;
  /** ISO 3166-1 alpha-3, as a runner's (RunnerRegistered). */
  country: string;
  /** The IOC code sent, where it differs from the ISO code in `country`. */
  countrySent?: string;
}

/** A relay team: one bib and one chip (the sash) carried along every leg. */
export type TeamRegistered = DomainEvent<
  'TeamRegistered',
  {
    editionId: string;
    raceId: string;
    bib: string;
    chipId: string;
    name: string;
    organisation?: string;
    category: TeamCategory;
    runners: LegRunner[];
    entryFee?: { amountMinor: number; currency: string };
  }
>;

export const teamEventDefinitions: EventDefinition[] = [
  {
    type: 'TeamRegistered',
    version: 1,
    stream: 'entry-<editionId>-<bib>',
    description:
      'A relay team was registered for a relay race: one bib and one chip (the sash) for the team, and a runner for every leg. Its reads are recorded on the same entry stream as a runner\'s.',
    fields: {
      editionId: 'string',
      raceId: 'string',
      bib: 'string',
      chipId: 'string',
      name: 'string',
      organisation: 'string?',
      category: '"open" | "corporate" | "military" | "media" | "club" | "mixed"',
      runners: '{ leg: number, firstName, lastName, gender: "M" | "F", dateOfBirth, country (ISO 3166-1 alpha-3), countrySent? (the IOC code sent) }[] (one per leg)',
      entryFee: '{ amountMinor: number, currency: string }?',
    },
  },
];
