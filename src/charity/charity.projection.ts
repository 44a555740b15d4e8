import { EditionPlanned, RaceAdded } from '../editions/edition-events';
import { TeamRegistered } from '../ekiden/team-events';
import { RecordedEvent } from '../event-store/event-store';
import { toMajorUnits } from '../money/money';
import { Projection } from '../projections/projection';
import { RunnerRegistered } from '../registration/entry-events';
import { CharityEvent } from './charity-events';

/** Integers of the currency's minor unit (tiyn for KZT): sums stay exact to the tenge. */
type MinorUnits = number;

/** An edition's charity fund as the log says it, every amount in minor units of `currency`. */
export interface CharityFund {
  editionId: string;
  currency: string;
  entries: number;
  entryFees: MinorUnits;
  byRace: Record<string, MinorUnits>;
  donations: number;
  donated: MinorUnits;
  byCompany: Record<string, MinorUnits>;
  byTeam: Record<string, MinorUnits>;
  byCause: Record<string, { donated: MinorUnits; allocated: MinorUnits }>;
  allocated: MinorUnits;
}

export type CharityState = Record<string, CharityFund>;

export const CHARITY_PROJECTION = 'charity';

/** The events whose money the fund holds (entry fees, donations, allocations) and the edition facts around them. */
export const CHARITY_EVENT_TYPES = ['EditionPlanned', 'RaceAdded', 'RunnerRegistered', 'TeamRegistered', 'DonationReceived', 'FundsAllocated'];

type FundEvent = EditionPlanned | RaceAdded | RunnerRegistered | TeamRegistered | CharityEvent;

const causeOf = (fund: CharityFund, cause: string) => (fund.byCause[cause] ??= { donated: 0, allocated: 0 });

const add = (totals: Record<string, MinorUnits>, key: string, amount: MinorUnits) => {
  totals[key] = (totals[key] ?? 0) + amount;
};

export const charityProjection: Projection<CharityState> = {
  name: CHARITY_PROJECTION,
  version: 1,
  filter: { eventTypes: CHARITY_EVENT_TYPES },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const event = recorded as unknown as FundEvent;
    if (event.type === 'EditionPlanned') {
      const { editionId, currency } = event.data;
      state[editionId] = {
        editionId, currency, entries: 0, entryFees: 0, byRace: {}, donations: 0, donated: 0, byCompany: {}, byTeam: {}, byCause: {}, allocated: 0,
      };
      return state;
    }
    const fund = state[event.data.editionId];
    if (!fund) return state;
    switch (event.type) {
      case 'RaceAdded':
        add(fund.byRace, event.data.raceId, 0);
        return state;
      case 'RunnerRegistered':
      case 'TeamRegistered': {
        const fee = event.data.entryFee;
        if (!fee) return state;
        // Registration charges in the edition's currency; a fee in another would make every total wrong,
        // so the projection stops (and /health says so) rather than add it.
        if (fee.currency !== fund.currency) {
          throw new Error(`entry fee of bib ${event.data.bib} is in ${fee.currency}, the fund of ${fund.editionId} in ${fund.currency}`);
        }
        fund.entries += 1;
        fund.entryFees += fee.amountMinor;
        add(fund.byRace, event.data.raceId, fee.amountMinor);
        return state;
      }
      case 'DonationReceived': {
        const { amountMinor, company, teamBib, cause } = event.data;
        fund.donations += 1;
        fund.donated += amountMinor;
        if (company !== undefined) add(fund.byCompany, company, amountMinor);
        if (teamBib !== undefined) add(fund.byTeam, teamBib, amountMinor);
        if (cause !== undefined) causeOf(fund, cause).donated += amountMinor;
        return state;
      }
      case 'FundsAllocated':
        fund.allocated += event.data.amountMinor;
        causeOf(fund, event.data.cause).allocated += event.data.amountMinor;
        return state;
    }
  },
};

/** The fund as the public reads it: major units, converted from exact integer sums only here. */
export interface CharityTotals {
  editionId: string;
  currency: string;
  /** Everything raised: entry fees and donations. */
  total: number;
  bySource: { entryFees: number; donations: number };
  byRace: Record<string, number>;
  /** Donations made by a company. */
  byCompany: Record<string, number>;
  /** Donations made for a team, by its bib. */
  byTeam: Record<string, number>;
  /** What donors gave for each cause, and what the fund allocated to it. */
  byCause: Record<string, { donated: number; allocated: number }>;
  allocated: number;
  unallocated: number;
  /** How many paid entries and donations the totals add up. */
  entries: number;
  donations: number;
}

export const charityTotals = (fund: CharityFund): CharityTotals => {
  const major = (minor: MinorUnits) => toMajorUnits(minor, fund.currency);
  const majorEach = (totals: Record<string, MinorUnits>) =>
    Object.fromEntries(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b)).map(([key, minor]) => [key, major(minor)]));
  return {
    editionId: fund.editionId,
    currency: fund.currency,
    total: major(fund.entryFees + fund.donated),
    bySource: { entryFees: major(fund.entryFees), donations: major(fund.donated) },
    byRace: majorEach(fund.byRace),
    byCompany: majorEach(fund.byCompany),
    byTeam: majorEach(fund.byTeam),
    byCause: Object.fromEntries(
      Object.entries(fund.byCause)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([cause, { donated, allocated }]) => [cause, { donated: major(donated), allocated: major(allocated) }]),
    ),
    allocated: major(fund.allocated),
    unallocated: major(fund.entryFees + fund.donated - fund.allocated),
    entries: fund.entries,
    donations: fund.donations,
  };
};
