import { DomainEvent } from '../decider/decider';
import { RecordedEvent } from '../event-store/event-store';
import { LedgerLine, ledgerCsv, ledgerLineOf } from './charity-ledger';
import { charityProjection, charityTotals } from './charity.projection';

const recorded = (events: DomainEvent[]): RecordedEvent[] =>
  events.map((event, position) => ({
    ...event,
    id: `event-${position}`,
    streamId: `stream-${position}`,
    revision: 0,
    position,
    recordedAt: '2018-04-22T12:00:00.000Z',
    metadata: { actor: { id: 'finance#1', role: 'finance' }, correlationId: 'c', occurredAt: '2018-04-22T11:00:00.000Z', schemaVersion: 1 },
  }));

const fold = (events: RecordedEvent[]) => events.reduce(charityProjection.evolve, charityProjection.initialState());

const planned = (editionId: string) => ({
  type: 'EditionPlanned',
  data: { editionId, name: editionId, number: 7, city: 'Almaty', date: '2018-04-22', timezone: 'Asia/Almaty', currency: 'KZT', series: 'almaty' },
});
const raceAdded = (editionId: string, raceId: string) => ({ type: 'RaceAdded', data: { editionId, raceId } });
const fee = (amountMinor: number) => ({ entryFee: { amountMinor, currency: 'KZT' } });
const registered = (editionId: string, bib: string, raceId: string, paid: object = {}) => ({
  type: 'RunnerRegistered',
  data: { editionId, raceId, bib, chipId: `C${bib}`, firstName: 'A', lastName: 'B', gender: 'F', dateOfBirth: '1990-01-01', country: 'KAZ', ...paid },
});
const teamRegistered = (editionId: string, bib: string, amountMinor: number) => ({
  type: 'TeamRegistered',
  data: { editionId, raceId: 'ekiden', bib, chipId: `T${bib}`, name: 'Batyr-1', category: 'military', runners: [], ...fee(amountMinor) },
});
const donated = (donationId: string, amountMinor: number, extra: object = {}) => ({
  type: 'DonationReceived',
  data: { editionId: 'almaty-2018', donationId, donor: 'A donor', amountMinor, currency: 'KZT', receivedAt: '2018-04-20T09:00:00.000Z', ...extra },
});
const allocated = (allocationId: string, cause: string, amountMinor: number) => ({
  type: 'FundsAllocated',
  data: { editionId: 'almaty-2018', allocationId, cause, amountMinor, currency: 'KZT' },
});

const log = recorded([
  planned('almaty-2017'),
  registered('almaty-2017', '1', 'marathon', fee(400_000)),
  planned('almaty-2018'),
  raceAdded('almaty-2018', 'marathon'),
  raceAdded('almaty-2018', '10k'),
  raceAdded('almaty-2018', 'kids'),
  raceAdded('almaty-2018', 'ekiden'),
  registered('almaty-2018', '101', 'marathon', fee(750_050)),
  registered('almaty-2018', '102', 'marathon', fee(750_001)),
  registered('almaty-2018', '201', '10k', fee(300_033)),
  registered('almaty-2018', '202', '10k'),
  registered('almaty-2018', '301', 'kids', fee(0)),
  teamRegistered('almaty-2018', '901', 3_000_000),
  donated('D1', 50_000_000, { company: 'Omron', teamBib: '902', cause: 'childrens-hospital' }),
  donated('D2', 10_000_007, { company: 'Omron' }),
  donated('D3', 123, { cause: 'school-sports' }),
  donated('D4', 99_999),
  allocated('A1', 'childrens-hospital', 40_000_000),
  allocated('A2', 'water-wells', 5_000_001),
]);

describe('the charity fund totals', () => {
  const state = fold(log);

  it('break the fund down by source, race, company, team and cause, in major units', () => {
    expect(charityTotals(state['almaty-2018']!)).toEqual({
      editionId: 'almaty-2018',
      currency: 'KZT',
      total: 649_002.13,
      bySource: { entryFees: 48_000.84, donations: 601_001.29 },
      byRace: { '10k': 3_000.33, ekiden: 30_000, kids: 0, marathon: 15_000.51 },
      byCompany: { Omron: 600_000.07 },
      byTeam: { '902': 500_000 },
      byCause: {
        'childrens-hospital': { donated: 500_000, allocated: 400_000 },
        'school-sports': { donated: 1.23, allocated: 0 },
        'water-wells': { donated: 0, allocated: 50_000.01 },
      },
      allocated: 450_000.01,
      unallocated: 199_002.12,
      entries: 5,
      donations: 4,
    });
  });

  it('reconcile to the tenge with the sum of the events beneath them', () => {
    const lines = log.map((event) => ledgerLineOf(event, 'almaty-2018')).filter((line): line is LedgerLine => !!line);
    const fund = state['almaty-2018']!;
    const sum = (source?: LedgerLine['source']) =>
      lines.filter((line) => source === undefined || line.source === source).reduce((total, line) => total + line.amountMinor, 0);
    expect(sum('entryFee')).toBe(fund.entryFees);
    expect(sum('donation')).toBe(fund.donated);
    expect(-sum('allocation')).toBe(fund.allocated);
    expect(sum()).toBe(fund.entryFees + fund.donated - fund.allocated);
    for (const [raceId, total] of Object.entries(fund.byRace)) {
      expect(lines.filter((line) => line.raceId === raceId).reduce((t, line) => t + line.amountMinor, 0)).toBe(total);
    }
    expect(lines).toHaveLength(5 + 4 + 2);
  });

  it('keep each edition to its own fund', () => {
    expect(charityTotals(state['almaty-2017']!)).toMatchObject({ total: 4_000, byRace: { marathon: 4_000 }, entries: 1 });
  });

  it('stop rather than add an entry fee in another currency', () => {
    const dollars = { entryFee: { amountMinor: 100, currency: 'USD' } };
    const foreign = recorded([planned('almaty-2018'), registered('almaty-2018', '1', 'marathon', dollars)]);
    expect(() => fold(foreign)).toThrow('entry fee of bib 1 is in USD, the fund of almaty-2018 in KZT');
  });
});

describe('the charity ledger export', () => {
  it('writes allocations as negative amounts in major units, and donor names as text, not formulas', () => {
    const events = recorded([donated('D1', 1_050, { donor: '=HYPERLINK("x")', company: 'Omron, LLP' }), allocated('A1', 'x', 25)]);
    const lines = events.map((event) => ledgerLineOf(event, 'almaty-2018')!);
    expect(ledgerCsv(lines).split('\r\n')).toEqual([
      'position,date,source,type,id,raceId,donor,company,teamBib,cause,amount,currency,actor',
      `0,2018-04-20T09:00:00.000Z,donation,DonationReceived,D1,,"'=HYPERLINK(""x"")","Omron, LLP",,,10.5,KZT,finance#1`,
      '1,2018-04-22T11:00:00.000Z,allocation,FundsAllocated,A1,,,,,x,-0.25,KZT,finance#1',
      '',
    ]);
  });
});
