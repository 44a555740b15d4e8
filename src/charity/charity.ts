import { Decider } from '../decider/decider';
import { ConflictError, RuleViolationError } from '../decider/domain-errors';
import { streamName } from '../event-store/event-store';
import { toMajorUnits } from '../money/money';
import { CharityEvent, DonationReceived, FundsAllocated } from './charity-events';

/** One stream per edition, so two allocations can never both spend the same unallocated money. */
export const charityStream = (editionId: string) => streamName('charity', editionId);

/** The edition's charity stream folded: donations and allocations by id (for idempotent resends) and their sums. */
export interface Charity {
  donations: Map<string, DonationReceived['data']>;
  allocations: Map<string, FundsAllocated['data']>;
  donatedMinor: number;
  allocatedMinor: number;
}

export type RecordDonation = {
  type: 'RecordDonation';
  data: Omit<DonationReceived['data'], 'receivedAt'> & { receivedAt?: string };
  edition: { currency: string };
  /** The donation was received now unless finance says when. */
  now: string;
};

export type AllocateFunds = {
  type: 'AllocateFunds';
  data: FundsAllocated['data'];
  edition: { currency: string };
  /**
   * Entry fees live on the entry streams, not here, so they come in on the command (from the charity
   * read model). Fees only ever grow, so a read model that lags can only make the check stricter.
   */
  entryFeesMinor: number;
};

export type CharityCommand = RecordDonation | AllocateFunds;

export const initialState = (): Charity => ({ donations: new Map(), allocations: new Map(), donatedMinor: 0, allocatedMinor: 0 });

export const evolve = (state: Charity, event: CharityEvent): Charity => {
  switch (event.type) {
    case 'DonationReceived':
      return {
        ...state,
        donations: new Map(state.donations).set(event.data.donationId, event.data),
        donatedMinor: state.donatedMinor + event.data.amountMinor,
      };
    case 'FundsAllocated':
      return {
        ...state,
        allocations: new Map(state.allocations).set(event.data.allocationId, event.data),
        allocatedMinor: state.allocatedMinor + event.data.amountMinor,
      };
  }
};

export const decide = (command: CharityCommand, state: Charity): CharityEvent[] => {
  assertFundMoney(command.data, command.edition.currency);
  switch (command.type) {
    case 'RecordDonation': {
      const { data } = command;
      const recorded = state.donations.get(data.donationId);
      if (recorded) {
        // A resend without receivedAt took the clock of its own request: only a stated one must match.
        const sameTime = data.receivedAt === undefined || data.receivedAt === recorded.receivedAt;
        if (sameTime && sameFields(recorded, data, DONATION_FIELDS)) return [];
        throw new ConflictError(`donation ${data.donationId} is already recorded with other details`);
      }
      return [{ type: 'DonationReceived', data: { ...data, receivedAt: data.receivedAt ?? command.now } }];
    }
    case 'AllocateFunds': {
      const { data } = command;
      const recorded = state.allocations.get(data.allocationId);
      if (recorded) {
        if (sameFields(recorded, data, ALLOCATION_FIELDS)) return [];
        throw new ConflictError(`allocation ${data.allocationId} is already recorded with other details`);
      }
      const unallocatedMinor = command.entryFeesMinor + state.donatedMinor - state.allocatedMinor;
      if (data.amountMinor > unallocatedMinor) {
        const major = (minor: number) => toMajorUnits(minor, data.currency);
        const money = (minor: number) => `${major(minor)} ${data.currency}`;
        throw new ConflictError(
          `allocating ${money(data.amountMinor)} to ${data.cause} is more than the ${money(unallocatedMinor)} the fund holds unallocated`,
          { unallocated: major(unallocatedMinor), currency: data.currency },
        );
      }
      return [{ type: 'FundsAllocated', data }];
    }
  }
};

export const charityDecider: Decider<Charity, CharityCommand, CharityEvent> = { initialState, evolve, decide };

const DONATION_FIELDS = ['donor', 'company', 'teamBib', 'cause', 'amountMinor', 'currency'] as const;
const ALLOCATION_FIELDS = ['cause', 'amountMinor', 'currency'] as const;

const sameFields = <Field extends string>(
  recorded: Partial<Record<Field, unknown>>,
  resent: Partial<Record<Field, unknown>>,
  fields: readonly Field[],
): boolean => fields.every((field) => recorded[field] === resent[field]);

/** The fund is kept in the edition's currency alone, so its totals add up without exchange rates. */
const assertFundMoney = (money: { amountMinor: number; currency: string }, editionCurrency: string) => {
  if (money.currency !== editionCurrency) {
    throw new RuleViolationError(`the charity fund is kept in ${editionCurrency}, not ${money.currency}`);
  }
  if (!Number.isSafeInteger(money.amountMinor) || money.amountMinor <= 0) {
    throw new RuleViolationError('the amount must be more than zero');
  }
};
