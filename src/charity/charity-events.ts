import { DomainEvent } from '../decider/decider';
import { EventDefinition } from '../events/event-definition';

export type DonationReceived = DomainEvent<
  'DonationReceived',
  {
    editionId: string;
    /** Finance's own id for the donation (a bank reference, a receipt number): a resend is recorded once. */
    donationId: string;
    donor: string;
    company?: string;
    /** The bib of the team the donation is made for, e.g. an ekiden team running for a cause. */
    teamBib?: string;
    /** The cause the donor named; absent: the fund decides. */
    cause?: string;
    /** Integer minor units of the edition's currency. */
    amountMinor: number;
    currency: string;
    receivedAt: string;
  }
>;

export type FundsAllocated = DomainEvent<
  'FundsAllocated',
  {
    editionId: string;
    allocationId: string;
    cause: string;
    /** Integer minor units of the edition's currency. */
    amountMinor: number;
    currency: string;
  }
>;

export type CharityEvent = DonationReceived | FundsAllocated;

export const charityEventDefinitions: EventDefinition[] = [
  {
    type: 'DonationReceived',
    version: 1,
    stream: 'charity-<editionId>',
    description:
      "Finance recorded a donation to the edition's charity fund, optionally by a company, for a team and for a cause. Recorded once per donation id.",
    fields: {
      editionId: 'string',
      donationId: 'string (finance\'s reference; a resend with the same id is not recorded again)',
      donor: 'string',
      company: 'string?',
      teamBib: 'string? (the team the donation is made for)',
      cause: 'string? (slug of the cause the donor named)',
      amountMinor: 'number (integer minor units, > 0)',
      currency: 'string (ISO 4217, the edition\'s currency)',
      receivedAt: 'string (ISO instant)',
    },
  },
  {
    type: 'FundsAllocated',
    version: 1,
    stream: 'charity-<editionId>',
    description:
      "Finance allocated money from the edition's charity fund (entry fees and donations) to a cause; never more than the fund holds unallocated.",
    fields: {
      editionId: 'string',
      allocationId: 'string',
      cause: 'string (slug)',
      amountMinor: 'number (integer minor units, > 0)',
      currency: 'string (ISO 4217, the edition\'s currency)',
    },
  },
];
