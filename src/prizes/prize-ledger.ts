import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { formatMoney, toMajorUnits } from '../money/money';
import { DesiredAward } from './awards';
import { AwardData, PrizeAwarded, PrizeEvent, PrizePaymentTransferred, PrizeRevoked, PrizeScheduleSet } from './prize-events';

export interface AwardLedger {
  award: AwardData;
  revoked: boolean;
  paidMinor: number;
  recoveredMinor: number;
}

/** An edition's prize money: schedules, certified races, awards and what was paid and recovered on each. */
export interface PrizeLedger {
  schedules: Record<string, PrizeScheduleSet['data']>;
  certified: string[];
  awards: Record<string, AwardLedger>;
  references: string[];
}

export const outstandingOf = (entry: AwardLedger) => (entry.revoked ? 0 : entry.award.amountMinor - entry.paidMinor);
export const toRecoverOf = (entry: AwardLedger) =>
  entry.revoked ? entry.paidMinor - entry.recoveredMinor : Math.max(0, entry.paidMinor - entry.award.amountMinor - entry.recoveredMinor);

export type PrizeCommand =
  | { type: 'SetPrizeSchedule'; data: PrizeScheduleSet['data']; editionCurrency: string }
  | {
      type: 'CertifyResults';
      data: { editionId: string; raceId: string; certifiedAt: string; resultsPosition: number };
      awards: DesiredAward[];
      /** Read ids of the race still waiting for review: certification waits for them unless overridden. */
      openReviewItems: string[];
      override: boolean;
    }
  | { type: 'ReconcileAwards'; data: { editionId: string; raceId: string; resultsPosition: number; reason: string }; awards: DesiredAward[] }
  | { type: 'RecordPayment'; data: { editionId: string; awardId: string; paymentId: string; amountMinor: number; reference: string } }
  | { type: 'RecordRecovery'; data: { editionId: string; awardId: string; recoveryId: string; amountMinor: number; reference: string } };

export const prizeLedgerDecider: Decider<PrizeLedger, PrizeCommand, PrizeEvent> = {
  initialState: () => ({ schedules: {}, certified: [], awards: {}, references: [] }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'PrizeScheduleSet':
        return { ...state, schedules: { ...state.schedules, [event.data.raceId]: event.data } };
      case 'ResultsCertified':
        return { ...state, certified: [...state.certified, event.data.raceId] };
      case 'PrizeAwarded':
        return { ...state, awards: { ...state.awards, [event.data.awardId]: { award: event.data, revoked: false, paidMinor: 0, recoveredMinor: 0 } } };
      case 'PrizeRevoked':
        return withAward(state, event.data.awardId, (entry) => ({ ...entry, revoked: true }));
      case 'PrizePaid':
        return {
          ...withAward(state, event.data.awardId, (entry) => ({ ...entry, paidMinor: entry.paidMinor + event.data.amountMinor })),
          references: [...state.references, event.data.reference],
        };
      case 'PrizePaymentTransferred': {
        const moved = event.data.amountMinor;
        const out = withAward(state, event.data.fromAwardId, (entry) => ({ ...entry, paidMinor: entry.paidMinor - moved }));
        return withAward(out, event.data.toAwardId, (entry) => ({ ...entry, paidMinor: entry.paidMinor + moved }));
      }
      case 'PrizeRecovered':
        return {
          ...withAward(state, event.data.awardId, (entry) => ({ ...entry, recoveredMinor: entry.recoveredMinor + event.data.amountMinor })),
          references: [...state.references, event.data.reference],
        };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'SetPrizeSchedule':
        if (command.data.currency !== command.editionCurrency) {
          throw new RuleViolationError(`prize money is in the edition's currency ${command.editionCurrency}, not ${command.data.currency}`);
        }
        return [{ type: 'PrizeScheduleSet', data: command.data }];
      case 'CertifyResults':
        if (state.certified.includes(command.data.raceId)) throw new ConflictError(`race ${command.data.raceId} is already certified`);
        if (command.openReviewItems.length > 0 && !command.override) {
          throw new ConflictError(
            `race ${command.data.raceId} has ${command.openReviewItems.length} reads waiting for review: review them first, or certify with override: true and a reason`,
            { openReviewItems: command.openReviewItems },
          );
        }
        return [
          {
            type: 'ResultsCertified',
            data: { ...command.data, ...(command.openReviewItems.length > 0 && { openReviewItems: command.openReviewItems }) },
          },
          ...command.awards.map((award) => ({ type: 'PrizeAwarded' as const, data: { ...award, resultsPosition: command.data.resultsPosition } })),
        ];
      case 'ReconcileAwards':
        return state.certified.includes(command.data.raceId) ? reconcile(state, command) : [];
      case 'RecordPayment': {
        const { awardId, paymentId, amountMinor, reference, editionId } = command.data;
        const entry = payable(state, awardId, reference, amountMinor);
        if (entry.revoked) throw new ConflictError(`award ${awardId} was revoked: nothing is owed on it`);
        const { bib, currency } = entry.award;
        const outstanding = outstandingOf(entry);
        if (amountMinor > outstanding) {
          throw new ConflictError(
            `award ${awardId} has ${formatMoney(outstanding, currency)} outstanding; a payment of ${formatMoney(amountMinor, currency)} would overpay`,
            { outstanding: toMajorUnits(outstanding, currency), currency },
          );
        }
        return [{ type: 'PrizePaid', data: { paymentId, awardId, editionId, bib, amountMinor, currency, reference } }];
      }
      case 'RecordRecovery': {
        const { awardId, recoveryId, amountMinor, reference, editionId } = command.data;
        const entry = payable(state, awardId, reference, amountMinor);
        const { bib, currency } = entry.award;
        const toRecover = toRecoverOf(entry);
        if (amountMinor > toRecover) {
          throw new ConflictError(
            `award ${awardId} has ${formatMoney(toRecover, currency)} to recover; ${formatMoney(amountMinor, currency)} is more`,
            { toRecover: toMajorUnits(toRecover, currency), currency },
          );
        }
        return [{ type: 'PrizeRecovered', data: { recoveryId, awardId, editionId, bib, amountMinor, currency, reference } }];
      }
    }
  },
};

const withAward = (state: PrizeLedger, awardId: string, change: (entry: AwardLedger) => AwardLedger): PrizeLedger => {
  const entry = Object.hasOwn(state.awards, awardId) ? state.awards[awardId] : undefined;
  return entry ? { ...state, awards: { ...state.awards, [awardId]: change(entry) } } : state;
};

const payable = (state: PrizeLedger, awardId: string, reference: string, amountMinor: number): AwardLedger => {
  const entry = Object.hasOwn(state.awards, awardId) ? state.awards[awardId] : undefined;
  if (!entry) throw new NotFoundError(`award ${awardId} does not exist`);
  if (state.references.includes(reference)) throw new ConflictError(`payment reference ${reference} is already used`);
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new RuleViolationError('the amount must be more than zero');
  return entry;
};

/** An award earned again after its revocation (a rescinded disqualification) gets a new id with the same key. */
const awardKey = (awardId: string) => awardId.replace(/:r\d+$/, '');

/**
 * After certification the results may change (a correction, a disqualification): the awards they now
 * justify are compared with the standing ones, and only the difference is appended — revocations of
 * awards no longer earned, awards newly earned. Nothing is edited. Money already paid to a runner on a
 * revoked award moves to the runner's new award in the same race (a re-priced place, a rescinded
 * disqualification), so finance sees what is really owed or to recover, not both at once.
 */
const reconcile = (state: PrizeLedger, command: Extract<PrizeCommand, { type: 'ReconcileAwards' }>): PrizeEvent[] => {
  const { raceId, resultsPosition, reason } = command.data;
  const desired = new Set(command.awards.map((award) => award.awardId));
  const standing = Object.values(state.awards).filter((entry) => entry.award.raceId === raceId && !entry.revoked);
  const revoking = standing.filter((entry) => !desired.has(awardKey(entry.award.awardId)));
  const revoked: PrizeRevoked[] = revoking.map(({ award }) => ({
    type: 'PrizeRevoked',
    data: {
      awardId: award.awardId,
      editionId: award.editionId,
      raceId,
      bib: award.bib,
      amountMinor: award.amountMinor,
      currency: award.currency,
      reason,
      resultsPosition,
    },
  }));
  const standingIds = new Set(standing.map((entry) => awardKey(entry.award.awardId)));
  const awarded: PrizeAwarded[] = command.awards
    .filter((award) => !standingIds.has(award.awardId))
    .map((award) => ({
      type: 'PrizeAwarded',
      data: Object.hasOwn(state.awards, award.awardId)
        ? { ...award, awardId: `${award.awardId}:r${resultsPosition}`, resultsPosition }
        : { ...award, resultsPosition },
    }));
  const revokedNow = new Set(revoking.map((entry) => entry.award.awardId));
  const paidOnRevoked = Object.values(state.awards).filter(
    (entry) => entry.award.raceId === raceId && (entry.revoked || revokedNow.has(entry.award.awardId)) && entry.paidMinor > entry.recoveredMinor,
  );
  return [...revoked, ...awarded, ...paymentTransfers(paidOnRevoked, awarded, reason)];
};

const paymentTransfers = (paidOnRevoked: AwardLedger[], awarded: PrizeAwarded[], reason: string): PrizePaymentTransferred[] => {
  const transfers: PrizePaymentTransferred[] = [];
  const room = new Map(awarded.map(({ data }) => [data.awardId, data.amountMinor]));
  for (const source of paidOnRevoked) {
    let left = source.paidMinor - source.recoveredMinor;
    for (const { data: target } of awarded.filter(({ data }) => data.bib === source.award.bib)) {
      const amountMinor = Math.min(left, room.get(target.awardId)!);
      if (amountMinor <= 0) continue;
      room.set(target.awardId, room.get(target.awardId)! - amountMinor);
      left -= amountMinor;
      transfers.push({
        type: 'PrizePaymentTransferred',
        data: {
          editionId: target.editionId,
          fromAwardId: source.award.awardId,
          toAwardId: target.awardId,
          bib: target.bib,
          amountMinor,
          currency: target.currency,
          reason,
        },
      });
    }
  }
  return transfers;
};
