import { deciderSpec } from '../../test/decider-spec';
import { ConflictError, RuleViolationError } from '../decider/domain-errors';
import { ResultRow, Standings } from '../results/standings';
import { computeAwards } from './awards';
import { AwardData, PrizeEvent, PrizeScheduleSet } from './prize-events';
import { prizeLedgerDecider } from './prize-ledger';

const row = (bib: string, gender: 'M' | 'F', category: string): ResultRow =>
  ({ bib, gender, category, firstName: 'R', lastName: bib, status: 'finished' }) as ResultRow;
const standings = (...placed: [string, 'M' | 'F', string, number, number?][]): Standings => {
  const entries = placed.map(([bib, gender, category, gunMs, netMs]) => ({ row: row(bib, gender, category), gunMs, netMs: netMs ?? gunMs }));
  return { rows: entries.map((e) => e.row), byBib: new Map(entries.map((e) => [e.row.bib, e.row])), placed: entries };
};
const schedule = (overrides: Partial<PrizeScheduleSet['data']> = {}): PrizeScheduleSet['data'] => ({
  editionId: 'almaty-2018',
  raceId: 'marathon',
  currency: 'KZT',
  basis: 'gun',
  pools: [{ category: 'M', amountsMinor: [40_000_000, 30_000_000, 25_000_000] }],
  onePrizePerRunner: true,
  tiedPlaces: 'share',
  ...overrides,
});
const H = 3_600_000;

describe('awarding prizes from standings', () => {
  it('awards the places of each pool by gun time', () => {
    const awards = computeAwards(schedule(), standings(['1', 'M', 'MOPEN', 2.55 * H], ['2', 'M', 'M35', 2.6 * H], ['3', 'F', 'FOPEN', 3 * H], ['4', 'M', 'M40', 2.7 * H]));
    expect(awards.map((a) => `${a.bib}:${a.place}:${a.amountMinor}`)).toEqual(['1:1:40000000', '2:2:30000000', '4:3:25000000']);
    expect(awards[0]).toMatchObject({ awardId: 'marathon:M:1:1:40000000', runner: 'R 1', time: '2:33:00', basis: 'gun' });
  });

  it('tied runners share the money of the places they cover, to the last minor unit', () => {
    const awards = computeAwards(
      schedule({ pools: [{ category: 'M', amountsMinor: [100, 50, 1] }] }),
      standings(['1', 'M', 'MOPEN', 2 * H], ['2', 'M', 'MOPEN', 2 * H], ['3', 'M', 'MOPEN', 3 * H]),
    );
    expect(awards.map((a) => `${a.bib}:${a.place}:${a.amountMinor}`)).toEqual(['1:1:75', '2:1:75', '3:3:1']);
    const each = computeAwards(schedule({ tiedPlaces: 'each', pools: [{ category: 'M', amountsMinor: [101, 50] }] }), standings(['1', 'M', 'MOPEN', 2 * H], ['2', 'M', 'MOPEN', 2 * H]));
    expect(each.map((a) => a.amountMinor)).toEqual([101, 101]);
    const odd = computeAwards(schedule({ pools: [{ category: 'M', amountsMinor: [100, 1] }] }), standings(['1', 'M', 'MOPEN', 2 * H], ['2', 'M', 'MOPEN', 2 * H]));
    expect(odd.map((a) => a.amountMinor)).toEqual([51, 50]);
  });

  it('one prize per runner: the richer pool first, its winner leaves the later pools', () => {
    const pools = [
      { category: 'M40', amountsMinor: [100] },
      { category: 'M', amountsMinor: [1000, 500] },
    ];
    const field = standings(['1', 'M', 'M40', 2 * H], ['2', 'M', 'M40', 2.1 * H], ['3', 'M', 'MOPEN', 2.2 * H]);
    expect(computeAwards(schedule({ pools }), field).map((a) => `${a.category}:${a.bib}`)).toEqual(['M:1', 'M:2']);
    expect(computeAwards(schedule({ pools, onePrizePerRunner: false }), field).map((a) => `${a.category}:${a.bib}`)).toEqual(['M40:1', 'M:1', 'M:2']);
  });

  it('one prize per runner: the runner takes the higher cash award, even from a poorer pool', () => {
    const pools = [
      { category: 'overall', amountsMinor: [400, 300, 250, 100, 50] },
      { category: 'M40', amountsMinor: [150] },
    ];
    const field = standings(
      ['1', 'M', 'MOPEN', 2 * H], ['2', 'M', 'MOPEN', 2.1 * H], ['3', 'M', 'MOPEN', 2.2 * H], ['4', 'M', 'MOPEN', 2.3 * H],
      ['5', 'M', 'M40', 2.4 * H], ['6', 'M', 'M40', 2.5 * H], ['7', 'M', 'MOPEN', 2.6 * H],
    );
    expect(computeAwards(schedule({ pools }), field).map((a) => `${a.category}:${a.place}:${a.bib}:${a.amountMinor}`)).toEqual([
      'overall:1:1:400', 'overall:2:2:300', 'overall:3:3:250', 'overall:4:4:100', 'overall:5:6:50', 'M40:1:5:150',
    ]);
  });

  it('goes by net time when the schedule says so', () => {
    const awards = computeAwards(schedule({ basis: 'net' }), standings(['1', 'M', 'MOPEN', 2 * H, 2 * H], ['2', 'M', 'MOPEN', 2.01 * H, 1.9 * H]));
    expect(awards.map((a) => a.bib)).toEqual(['2', '1']);
  });
});

describe('the prize ledger', () => {
  const { given } = deciderSpec(prizeLedgerDecider);
  const award: AwardData = {
    awardId: 'marathon:M:1:1:40000000',
    editionId: 'almaty-2018',
    raceId: 'marathon',
    category: 'M',
    place: 1,
    bib: '1',
    runner: 'Mikhail Krasilov',
    amountMinor: 40_000_000,
    currency: 'KZT',
    basis: 'gun',
    time: '2:33:05',
    resultsPosition: 10,
  };
  const awarded: PrizeEvent = { type: 'PrizeAwarded', data: award };
  const certification = { editionId: 'almaty-2018', raceId: 'marathon', certifiedAt: 'now', resultsPosition: 10 };
  const certified: PrizeEvent = { type: 'ResultsCertified', data: certification };
  const pay = (amountMinor: number, reference: string) => ({
    type: 'RecordPayment' as const,
    data: { editionId: 'almaty-2018', awardId: award.awardId, paymentId: `p-${reference}`, amountMinor, reference },
  });
  const paidEvent = (amountMinor: number, reference: string): PrizeEvent => ({
    type: 'PrizePaid',
    data: { paymentId: `p-${reference}`, awardId: award.awardId, editionId: 'almaty-2018', bib: '1', amountMinor, currency: 'KZT', reference },
  });

  it('certifies once, awarding what the results justify', () => {
    const { resultsPosition: _, ...desired } = award;
    const certify = { type: 'CertifyResults' as const, data: certification, openReviewItems: [], override: false };
    given([]).when({ ...certify, awards: [desired] }).then([certified, awarded]);
    given([certified]).when({ ...certify, awards: [] }).thenThrows(ConflictError, 'already certified');
  });

  it('waits for the reads still open for review, unless overridden, and then names them', () => {
    const { resultsPosition: _, ...desired } = award;
    const certify = { type: 'CertifyResults' as const, data: certification, awards: [desired], openReviewItems: ['mat-A:17'] };
    given([]).when({ ...certify, override: false }).thenThrows(ConflictError, '1 reads waiting for review');
    given([])
      .when({ ...certify, override: true })
      .then([{ ...certified, data: { ...certified.data, openReviewItems: ['mat-A:17'] } } as typeof certified, awarded]);
  });

  it('records partial payments, refuses a reused reference and an overpayment (saying the amounts in the major unit)', () => {
    given([certified, awarded]).when(pay(10_000_000, 'B-1')).then([paidEvent(10_000_000, 'B-1')]);
    given([certified, awarded, paidEvent(10_000_000, 'B-1')]).when(pay(1, 'B-1')).thenThrows(ConflictError, 'reference B-1 is already used');
    given([certified, awarded, paidEvent(10_000_000, 'B-1')])
      .when(pay(30_000_001, 'B-2'))
      .thenThrows(ConflictError, 'has 300000 KZT outstanding; a payment of 300000.01 KZT would overpay');
    given([certified, awarded]).when(pay(0, 'B-3')).thenThrows(RuleViolationError, 'more than zero');
  });

  it('a result change after certification revokes the award, never edits it; money paid becomes money to recover', () => {
    const reconcile = { type: 'ReconcileAwards' as const, data: { editionId: 'almaty-2018', raceId: 'marathon', resultsPosition: 20, reason: 'DSQ' }, awards: [] };
    given([certified, awarded, paidEvent(40_000_000, 'B-1')])
      .when(reconcile)
      .then([{ type: 'PrizeRevoked', data: { awardId: award.awardId, editionId: 'almaty-2018', raceId: 'marathon', bib: '1', amountMinor: 40_000_000, currency: 'KZT', reason: 'DSQ', resultsPosition: 20 } }]);
    const revoked: PrizeEvent = { type: 'PrizeRevoked', data: { awardId: award.awardId, editionId: 'almaty-2018', raceId: 'marathon', bib: '1', amountMinor: 40_000_000, currency: 'KZT', reason: 'DSQ', resultsPosition: 20 } };
    given([certified, awarded, paidEvent(40_000_000, 'B-1'), revoked]).when(pay(1, 'B-9')).thenThrows(ConflictError, 'revoked');
    given([certified, awarded, paidEvent(40_000_000, 'B-1'), revoked])
      .when({ type: 'RecordRecovery', data: { editionId: 'almaty-2018', awardId: award.awardId, recoveryId: 'r0', amountMinor: 40_000_001, reference: 'R-0' } })
      .thenThrows(ConflictError, 'has 400000 KZT to recover; 400000.01 KZT is more');
    given([certified, awarded, paidEvent(40_000_000, 'B-1'), revoked])
      .when({ type: 'RecordRecovery', data: { editionId: 'almaty-2018', awardId: award.awardId, recoveryId: 'r1', amountMinor: 40_000_000, reference: 'R-1' } })
      .then([{ type: 'PrizeRecovered', data: { recoveryId: 'r1', awardId: award.awardId, editionId: 'almaty-2018', bib: '1', amountMinor: 40_000_000, currency: 'KZT', reference: 'R-1' } }]);
  });

  it('an unchanged result reconciles to nothing', () => {
    const { resultsPosition: _, ...desired } = award;
    given([certified, awarded]).when({ type: 'ReconcileAwards', data: { editionId: 'almaty-2018', raceId: 'marathon', resultsPosition: 30, reason: 'x' }, awards: [desired] }).then([]);
  });

  it('refuses a schedule in another currency than the edition', () =>
    given([]).when({ type: 'SetPrizeSchedule', data: schedule({ currency: 'USD' }), editionCurrency: 'KZT' }).thenThrows(RuleViolationError, 'KZT'));
});
