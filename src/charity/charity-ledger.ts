import { formatCsv } from '../csv/csv';
import { TeamRegistered } from '../ekiden/team-events';
import { EventStore, RecordedEvent } from '../event-store/event-store';
import { toMajorUnits } from '../money/money';
import { RunnerRegistered } from '../registration/entry-events';
import { CharityEvent } from './charity-events';

/**
 * One movement of the charity fund, straight from the event that made it. Money in is positive and an
 * allocation negative, so the amounts of an edition's ledger add up to what the fund holds unallocated.
 */
export interface LedgerLine {
  position: number;
  /** When the money moved: a donation's receivedAt, otherwise the event's business time. */
  date: string;
  source: 'entryFee' | 'donation' | 'allocation';
  type: string;
  /** The bib of an entry fee, the donation id or the allocation id. */
  id: string;
  raceId?: string;
  donor?: string;
  company?: string;
  teamBib?: string;
  cause?: string;
  amountMinor: number;
  currency: string;
  actor: string;
}

type MoneyEvent = RunnerRegistered | TeamRegistered | CharityEvent;

const MONEY_EVENT_TYPES: MoneyEvent['type'][] = ['RunnerRegistered', 'TeamRegistered', 'DonationReceived', 'FundsAllocated'];

export const ledgerLineOf = (recorded: RecordedEvent, editionId: string): LedgerLine | undefined => {
  const event = recorded as unknown as MoneyEvent;
  if (!MONEY_EVENT_TYPES.includes(event.type) || event.data.editionId !== editionId) return undefined;
  const common = { position: recorded.position, type: event.type, actor: recorded.metadata.actor.id };
  switch (event.type) {
    case 'RunnerRegistered':
    case 'TeamRegistered': {
      const fee = event.data.entryFee;
      if (!fee) return undefined;
      const { bib, raceId } = event.data;
      const { amountMinor, currency } = fee;
      return { ...common, date: recorded.metadata.occurredAt, source: 'entryFee', id: bib, raceId, amountMinor, currency };
    }
    case 'DonationReceived': {
      const { donationId, receivedAt, amountMinor, editionId: _, ...donation } = event.data;
      return { ...common, ...donation, date: receivedAt, source: 'donation', id: donationId, amountMinor };
    }
    case 'FundsAllocated': {
      const { allocationId, cause, amountMinor, currency } = event.data;
      return { ...common, date: recorded.metadata.occurredAt, source: 'allocation', id: allocationId, cause, amountMinor: -amountMinor, currency };
    }
  }
};

/** Every movement of an edition's fund in log order: the export finance reconciles the totals against. */
export const readCharityLedger = async (store: EventStore, editionId: string): Promise<LedgerLine[]> => {
  const lines: LedgerLine[] = [];
  for await (const event of store.readAll({ filter: { eventTypes: MONEY_EVENT_TYPES } })) {
    const line = ledgerLineOf(event, editionId);
    if (line) lines.push(line);
  }
  return lines;
};

const COLUMNS = ['position', 'date', 'source', 'type', 'id', 'raceId', 'donor', 'company', 'teamBib', 'cause', 'amount', 'currency', 'actor'];

export const ledgerCsv = (lines: LedgerLine[]): string =>
  formatCsv(
    COLUMNS,
    lines.map(({ amountMinor, ...line }) => ({ ...line, amount: toMajorUnits(amountMinor, line.currency) })),
  );
