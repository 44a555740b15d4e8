import { toMinorUnits } from '../money/money';
import { PrizeScheduleSet } from '../prizes/prize-events';
import { toUtcInstant } from '../time/instant';
import { SeedEditionFacts } from './seed-facts';

export interface SeedPrizeSchedule {
  data: PrizeScheduleSet['data'];
  /** Says which pools the article states and which are assumed. */
  reason: string;
}

/** A synthetic payment in full of the award certification gives to a place. */
export interface SeedPayment {
  reference: string;
  raceId: string;
  category: string;
  place: number;
  paidAt: string;
}

export interface SeedPrizes {
  /** In the order the facts list them: the races certified, in that order, once the race day is loaded. */
  schedules: SeedPrizeSchedule[];
  certifiedAt: string;
  payments: SeedPayment[];
}

/**
 * The prize money of an edition as the prize commands take it, or none if the facts state none: amounts
 * in minor units, with the API's defaults for what the article cannot say (one prize per runner, tied
 * places share the money).
 */
export const prizesOf = (facts: SeedEditionFacts): SeedPrizes | undefined => {
  if (!facts.prizeSchedules?.length) return undefined;
  const { resultsCertified } = facts.timeline;
  if (!resultsCertified) throw new Error('prize schedules need timeline.resultsCertified: certification awards them');
  const currency = facts.edition.currency.value;
  const schedules = facts.prizeSchedules.map(({ raceId, basis, prizes }): SeedPrizeSchedule => {
    if (!facts.races.some((race) => race.raceId === raceId)) throw new Error(`prize schedule for ${raceId}: no such race`);
    if (prizes.length === 0) throw new Error(`prize schedule for ${raceId} has no pools: state them, or assume them and say so`);
    const pools = prizes.map(({ category, places }) => ({
      category,
      amountsMinor: places.value.map((amount, index) => toMinorUnits(amount, currency, `${raceId} ${category} place ${index + 1}`)),
    }));
    const sources = prizes.map(({ category, places }) => `${category} ${places.source === 'article' ? 'from the article' : 'assumed'}`);
    return {
      data: { editionId: facts.editionId, raceId, currency, basis: basis.value, pools, onePrizePerRunner: true, tiedPlaces: 'share' },
      reason: `seed: prize schedule (amounts: ${sources.join(', ')})`,
    };
  });

  const payments = (facts.synthetic?.prizePayments ?? []).map((payment): SeedPayment => {
    const pool = schedules.find((schedule) => schedule.data.raceId === payment.raceId)?.data.pools.find((p) => p.category === payment.category);
    if (!pool || payment.place < 1 || payment.place > pool.amountsMinor.length) {
      throw new Error(`payment ${payment.reference}: ${payment.raceId} ${payment.category} has no prize for place ${payment.place}`);
    }
    return { ...payment, paidAt: toUtcInstant(payment.paidAt, `payment ${payment.reference} paidAt`) };
  });
  return { schedules, certifiedAt: toUtcInstant(resultsCertified.value, 'resultsCertified'), payments };
};
