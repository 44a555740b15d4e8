import { charityDecider, CharityCommand, charityStream } from '../charity/charity';
import { FundsAllocated } from '../charity/charity-events';
import { charityProjection } from '../charity/charity.projection';
import { handleCommand, readStreamOrEmpty } from '../decider/handle-command';
import { EventStore } from '../event-store/event-store';
import { foldLog } from '../projections/fold-log';
import { SeedCharity } from './charity-plan';
import { contextOf, editionView, FINANCE, LoadSession, SEED_REASONS, SeedStep } from './seed-session';

const onCharity = async (session: LoadSession, command: CharityCommand, reason: string, now: string) => {
  const { store, plan, report } = session;
  const outcome = await handleCommand(store, charityStream(plan.editionId), charityDecider, command, contextOf(plan, FINANCE, reason, now));
  report.eventsAppended += outcome.events.length;
};

/** Sent whether or not a resumed load sent them before: the charity decider records a donation id once. */
export const receiveDonations: SeedStep = async (session) => {
  const { charity } = session.plan;
  if (!charity) return;
  const { currency } = await editionView(session);
  for (const donation of charity.donations) {
    await onCharity(session, { type: 'RecordDonation', data: donation, edition: { currency }, now: donation.receivedAt }, SEED_REASONS.donation, donation.receivedAt);
  }
};

/**
 * Allocates everything the fund holds to the cause, as finance would from the charity totals: the entry
 * fees come from the charity read model (the API's command handler reads them from there too), folded
 * here over the whole log because the loader has no running projections.
 */
export const allocateFunds: SeedStep = async (session) => {
  const { store, plan } = session;
  if (!plan.charity) return;
  const { currency } = await editionView(session);
  const fund = (await foldLog(store, charityProjection)).state[plan.editionId];
  if (!fund) throw new Error(`edition ${plan.editionId} has no charity fund`);
  const { allocationId, cause, allocatedAt } = plan.charity.allocation;
  const amountMinor = fund.entryFees + fund.donated - fund.allocated;
  const command: CharityCommand = {
    type: 'AllocateFunds',
    data: { editionId: plan.editionId, allocationId, cause, amountMinor, currency },
    edition: { currency },
    entryFeesMinor: fund.entryFees,
  };
  await onCharity(session, command, SEED_REASONS.allocation, allocatedAt);
  session.report.charity = {
    entries: fund.entries,
    entryFeesMinor: fund.entryFees,
    donations: fund.donations,
    donatedMinor: fund.donated,
    allocatedMinor: fund.allocated + amountMinor,
    cause,
  };
};

/** The allocation is the last thing a load of an edition with charity writes. */
export const allocationRecorded = async (store: EventStore, editionId: string, { allocation }: SeedCharity): Promise<boolean> => {
  const events = await readStreamOrEmpty(store, charityStream(editionId));
  return events.some((event) => event.type === 'FundsAllocated' && (event.data as FundsAllocated['data']).allocationId === allocation.allocationId);
};
