import { Actor } from '../auth/actor';
import { foldStream, handleCommand, readStreamOrEmpty } from '../decider/handle-command';
import { EventStore } from '../event-store/event-store';
import { computeAwards } from '../prizes/awards';
import { outstandingOf, PrizeCommand, PrizeLedger, prizeLedgerDecider } from '../prizes/prize-ledger';
import { prizesStream } from '../prizes/prizes.service';
import { foldLog } from '../projections/fold-log';
import { resultsProjection } from '../results/results.projection';
import { rankRace } from '../results/standings';
import { reviewQueue } from '../timing/review-queue';
import { reviewQueueProjection } from '../timing/review-queue.projection';
import { unmatchedReadsProjection } from '../timing/unmatched-reads.projection';
import { SeedPrizes } from './prize-plan';
import { contextOf, editionView, FINANCE, LoadSession, ORGANISER, SEED_REASONS, SeedStep } from './seed-session';

const readLedger = async (store: EventStore, editionId: string): Promise<{ ledger: PrizeLedger; revision: number }> => {
  const history = await readStreamOrEmpty(store, prizesStream(editionId));
  return { ledger: foldStream(prizeLedgerDecider, history), revision: history.length - 1 };
};

/** The prize commands as the prizes service sends them: the edition's prize stream, at the revision the decision was made on. */
const onPrizes = async (session: LoadSession, command: PrizeCommand, actor: Actor, reason: string, now: string, expectedRevision?: number) => {
  const { store, plan, report } = session;
  const context = contextOf(plan, actor, reason, now);
  const outcome = await handleCommand(store, prizesStream(plan.editionId), prizeLedgerDecider, command, context, expectedRevision === undefined ? {} : { expectedRevision });
  report.eventsAppended += outcome.events.length;
  return outcome;
};

/** Prize money is announced with the races, before anyone registers. */
export const setPrizeSchedules: SeedStep = async (session) => {
  const { plan } = session;
  if (!plan.prizes) return;
  const { ledger } = await readLedger(session.store, plan.editionId);
  const edition = await editionView(session);
  for (const { data, reason } of plan.prizes.schedules.filter((schedule) => !ledger.schedules[schedule.data.raceId])) {
    if (!edition.races.some((race) => race.raceId === data.raceId)) throw new Error(`race ${data.raceId} does not exist in edition ${plan.editionId}`);
    await onPrizes(session, { type: 'SetPrizeSchedule', data, editionCurrency: edition.currency }, ORGANISER, reason, plan.plannedAt);
  }
};

/**
 * Certifies every race with prize money as the prizes service does: awards computed from the results
 * read model folded over the whole log, each naming the log position that justified it. The loader has
 * no running projections, so it folds the log itself, once for all the races.
 */
export const certifyResults: SeedStep = async (session) => {
  const { store, plan } = session;
  if (!plan.prizes) return;
  const { certifiedAt } = plan.prizes;
  const { ledger, revision: read } = await readLedger(store, plan.editionId);
  const pending = plan.prizes.schedules.map((schedule) => schedule.data.raceId).filter((raceId) => !ledger.certified.includes(raceId));
  if (pending.length === 0) return;
  const { state, checkpoint } = await foldLog(store, resultsProjection);
  const flagged = (await foldLog(store, reviewQueueProjection)).state[plan.editionId] ?? [];
  const unmatched = Object.values((await foldLog(store, unmatchedReadsProjection)).state[plan.editionId] ?? {});
  const edition = await editionView(session);
  let revision = read;
  for (const raceId of pending) {
    const race = state[plan.editionId]?.races[raceId];
    const schedule = ledger.schedules[raceId];
    if (!race || !schedule) throw new Error(`${plan.editionId} ${raceId}: no results or no prize schedule to certify`);
    const awards = computeAwards(schedule, rankRace(race));
    const open = reviewQueue(edition, flagged, unmatched, () => undefined, () => false, { raceId, status: 'open' });
    const command: PrizeCommand = {
      type: 'CertifyResults',
      data: { editionId: plan.editionId, raceId, certifiedAt, resultsPosition: checkpoint },
      awards,
      openReviewItems: open.map((item) => item.readId),
      override: false,
    };
    revision = (await onPrizes(session, command, ORGANISER, SEED_REASONS.certification, certifiedAt, revision)).revision;
  }
};

/** Pays in full the award certification gave to each planned place; a reference already used is a payment already made. */
export const payPrizes: SeedStep = async (session) => {
  const { store, plan } = session;
  if (!plan.prizes) return;
  let { ledger } = await readLedger(store, plan.editionId);
  for (const payment of plan.prizes.payments.filter((planned) => !ledger.references.includes(planned.reference))) {
    const [entry, ...more] = Object.values(ledger.awards).filter(
      ({ award, revoked }) => !revoked && award.raceId === payment.raceId && award.category === payment.category && award.place === payment.place,
    );
    if (!entry || more.length > 0) {
      throw new Error(`payment ${payment.reference}: ${payment.raceId} ${payment.category} place ${payment.place} has ${more.length + (entry ? 1 : 0)} awards, not one`);
    }
    const { awardId } = entry.award;
    // The reference doubles as the payment id (the API draws one at random): the seed's ids are deterministic.
    const data = { editionId: plan.editionId, awardId, paymentId: payment.reference, amountMinor: outstandingOf(entry), reference: payment.reference };
    await onPrizes(session, { type: 'RecordPayment', data }, FINANCE, SEED_REASONS.payment, payment.paidAt);
    ({ ledger } = await readLedger(store, plan.editionId));
  }
  const awards = Object.values(ledger.awards).filter(({ revoked }) => !revoked);
  session.report.prizes = {
    certified: ledger.certified,
    awards: awards.length,
    awardedMinor: awards.reduce((sum, { award }) => sum + award.amountMinor, 0),
    payments: ledger.references.length,
    paidMinor: awards.reduce((sum, { paidMinor }) => sum + paidMinor, 0),
  };
};

/** A load of this plan's prize money is through once every race is certified and the last planned payment made. */
export const prizesSettled = async (store: EventStore, editionId: string, prizes: SeedPrizes): Promise<boolean> => {
  const { ledger } = await readLedger(store, editionId);
  const lastPayment = prizes.payments[prizes.payments.length - 1];
  return prizes.schedules.every(({ data }) => ledger.certified.includes(data.raceId)) && (!lastPayment || ledger.references.includes(lastPayment.reference));
};
