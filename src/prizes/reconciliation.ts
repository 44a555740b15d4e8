import { toMajorUnits } from '../money/money';
import { AwardLedger, outstandingOf, PrizeLedger, toRecoverOf } from './prize-ledger';

export type AwardStatus = 'awarded' | 'partially-paid' | 'paid' | 'revoked';

export interface ReconciliationFigures {
  awarded: number;
  revoked: number;
  paid: number;
  recovered: number;
  outstanding: number;
  toRecover: number;
}

export interface AwardLine extends ReconciliationFigures {
  awardId: string;
  raceId: string;
  category: string;
  place: number;
  bib: string;
  runner: string;
  amount: number;
  currency: string;
  status: AwardStatus;
  time: string;
  resultsPosition: number;
}

const statusOf = (entry: AwardLedger): AwardStatus => {
  if (entry.revoked) return 'revoked';
  if (entry.paidMinor === 0) return 'awarded';
  return entry.paidMinor >= entry.award.amountMinor ? 'paid' : 'partially-paid';
};

const figuresMinor = (entry: AwardLedger) => ({
  awarded: entry.award.amountMinor,
  revoked: entry.revoked ? entry.award.amountMinor : 0,
  paid: entry.paidMinor,
  recovered: entry.recoveredMinor,
  outstanding: outstandingOf(entry),
  toRecover: toRecoverOf(entry),
});

/**
 * Per award and in total: awarded, revoked, paid, recovered, outstanding (owed on a standing award)
 * and to recover (paid on an award that was revoked). Sums are taken in integer minor units and only
 * then shown in major units, so the totals equal the sum of the lines to the tenge.
 */
export const reconcileLedger = (ledger: PrizeLedger, currency: string): { awards: AwardLine[]; totals: ReconciliationFigures } => {
  const entries = Object.values(ledger.awards);
  const totalsMinor: ReconciliationFigures = { awarded: 0, revoked: 0, paid: 0, recovered: 0, outstanding: 0, toRecover: 0 };
  const major = (figures: ReconciliationFigures): ReconciliationFigures => ({
    awarded: toMajorUnits(figures.awarded, currency),
    revoked: toMajorUnits(figures.revoked, currency),
    paid: toMajorUnits(figures.paid, currency),
    recovered: toMajorUnits(figures.recovered, currency),
    outstanding: toMajorUnits(figures.outstanding, currency),
    toRecover: toMajorUnits(figures.toRecover, currency),
  });
  const awards = entries.map((entry): AwardLine => {
    const minor = figuresMinor(entry);
    (Object.keys(totalsMinor) as (keyof ReconciliationFigures)[]).forEach((name) => (totalsMinor[name] += minor[name]));
    const { awardId, raceId, category, place, bib, runner, amountMinor, time, resultsPosition } = entry.award;
    return {
      awardId,
      raceId,
      category,
      place,
      bib,
      runner,
      amount: toMajorUnits(amountMinor, currency),
      currency,
      status: statusOf(entry),
      time,
      resultsPosition,
      ...major(minor),
    };
  });
  return { awards, totals: major(totalsMinor) };
};
