import { DomainEvent } from '../decider/decider';
import { EventDefinition } from '../events/event-definition';

export type PrizeBasis = 'gun' | 'net';
/** How runners tied on a prize place share money: split the places they cover, or each take the place's amount. */
export type TiedPlaces = 'share' | 'each';

export interface PrizePool {
  /** `overall`, `M` or `F` (places by gender), or a results category such as `M40`. */
  category: string;
  /** Minor units per place, 1st first. */
  amountsMinor: number[];
}

export type PrizeScheduleSet = DomainEvent<
  'PrizeScheduleSet',
  {
    editionId: string;
    raceId: string;
    currency: string;
    basis: PrizeBasis;
    pools: PrizePool[];
    /** One prize per runner: pools are awarded richest first and a winner leaves the later pools. */
    onePrizePerRunner: boolean;
    tiedPlaces: TiedPlaces;
  }
>;

export type ResultsCertified = DomainEvent<
  'ResultsCertified',
  {
    editionId: string;
    raceId: string;
    certifiedAt: string;
    resultsPosition: number;
    /** Reads still waiting for review that the organiser certified over (with an override and a reason). */
    openReviewItems?: string[];
  }
>;

export interface AwardData {
  awardId: string;
  editionId: string;
  raceId: string;
  category: string;
  place: number;
  bib: string;
  runner: string;
  amountMinor: number;
  currency: string;
  basis: PrizeBasis;
  /** The time that earned the place, published form. */
  time: string;
  /** The results as they stood at this log position justified the award. */
  resultsPosition: number;
}

export type PrizeAwarded = DomainEvent<'PrizeAwarded', AwardData>;

export type PrizeRevoked = DomainEvent<
  'PrizeRevoked',
  { awardId: string; editionId: string; raceId: string; bib: string; amountMinor: number; currency: string; reason: string; resultsPosition: number }
>;

export type PrizePaid = DomainEvent<
  'PrizePaid',
  { paymentId: string; awardId: string; editionId: string; bib: string; amountMinor: number; currency: string; reference: string }
>;

export type PrizeRecovered = DomainEvent<
  'PrizeRecovered',
  { recoveryId: string; awardId: string; editionId: string; bib: string; amountMinor: number; currency: string; reference: string }
>;

/** Money paid on a revoked award, carried to the same runner's new award in the race: paid once, counted once. */
export type PrizePaymentTransferred = DomainEvent<
  'PrizePaymentTransferred',
  { editionId: string; fromAwardId: string; toAwardId: string; bib: string; amountMinor: number; currency: string; reason: string }
>;

export type PrizeEvent =
  | PrizeScheduleSet
  | ResultsCertified
  | PrizeAwarded
  | PrizeRevoked
  | PrizePaid
  | PrizeRecovered
  | PrizePaymentTransferred;

const stream = 'prizes-<editionId>';

export const prizeEventDefinitions: EventDefinition[] = [
  {
    type: 'PrizeScheduleSet',
    version: 1,
    stream,
    description: 'An organiser set the prize money of a race: pools per category, the time basis, and the rules for ties and double awards.',
    fields: {
      editionId: 'string',
      raceId: 'string',
      currency: 'string (ISO 4217; one per schedule, the edition\'s)',
      basis: '"gun" | "net"',
      pools: '{ category: string, amountsMinor: number[] }[] (category: overall, M, F or a results category)',
      onePrizePerRunner: 'boolean',
      tiedPlaces: '"share" | "each"',
    },
  },
  {
    type: 'ResultsCertified',
    version: 2,
    stream,
    description:
      "An organiser certified a race's results as they stood at a log position; prizes are awarded from them. v2 adds the reads still open for review that an override certified over (v1 events had none: certification did not check).",
    fields: {
      editionId: 'string',
      raceId: 'string',
      certifiedAt: 'string (ISO instant)',
      resultsPosition: 'number',
      openReviewItems: 'string[]? (read ids still open for review, certified over with override: true and a reason)',
    },
  },
  {
    type: 'PrizeAwarded',
    version: 1,
    stream,
    description: 'Prize money awarded to a runner for a place in a category, tied to the results (log position) that justified it.',
    fields: {
      awardId: 'string',
      editionId: 'string',
      raceId: 'string',
      category: 'string',
      place: 'number',
      bib: 'string',
      runner: 'string',
      amountMinor: 'number (integer minor units)',
      currency: 'string',
      basis: '"gun" | "net"',
      time: 'string (H:MM:SS)',
      resultsPosition: 'number',
    },
  },
  {
    type: 'PrizeRevoked',
    version: 1,
    stream,
    description: 'An award withdrawn because the results changed after certification (a correction or disqualification); never an edit of the award.',
    fields: {
      awardId: 'string',
      editionId: 'string',
      raceId: 'string',
      bib: 'string',
      amountMinor: 'number',
      currency: 'string',
      reason: 'string',
      resultsPosition: 'number',
    },
  },
  {
    type: 'PrizePaid',
    version: 1,
    stream,
    description: 'Finance paid (part of) an award; the payment reference is unique in the edition.',
    fields: {
      paymentId: 'string',
      awardId: 'string',
      editionId: 'string',
      bib: 'string',
      amountMinor: 'number',
      currency: 'string',
      reference: 'string',
    },
  },
  {
    type: 'PrizeRecovered',
    version: 1,
    stream,
    description: 'Finance recovered money paid on an award that was later revoked.',
    fields: {
      recoveryId: 'string',
      awardId: 'string',
      editionId: 'string',
      bib: 'string',
      amountMinor: 'number',
      currency: 'string',
      reference: 'string',
    },
  },
  {
    type: 'PrizePaymentTransferred',
    version: 1,
    stream,
    description:
      "Money paid on a revoked award carried to the same runner's new award in the same race (a re-priced place, a rescinded disqualification): the cash was paid once and counts once.",
    fields: {
      editionId: 'string',
      fromAwardId: 'string',
      toAwardId: 'string',
      bib: 'string',
      amountMinor: 'number',
      currency: 'string',
      reason: 'string',
    },
  },
];
