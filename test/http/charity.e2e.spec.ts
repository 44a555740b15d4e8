import { parseCsvRecords } from '../../src/csv/csv';
import { charityProjection, CHARITY_PROJECTION } from '../../src/charity/charity.projection';
import { EventStore } from '../../src/event-store/event-store';
import { EVENT_STORE } from '../../src/event-store/event-store.module';
import { toMinorUnits } from '../../src/money/money';
import { foldLog } from '../../src/projections/fold-log';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { planRaceDay, register, runner } from './race-day-fixtures';
import { startTestApp, TestApp } from './test-app';

const CHARITY = '/editions/almaty-2018/charity';

describe('the charity fund over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
  });
  afterEach(async () => t.close());

  const donate = (body: Record<string, unknown>) => t.http().post(`${CHARITY}/donations`).set(t.as('finance')).send(body);
  const allocate = (body: Record<string, unknown>) => t.http().post(`${CHARITY}/allocations`).set(t.as('finance')).send(body);
  const totals = async () => (await t.http().get(CHARITY).expect(200)).body;
  const charityEvents = async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    return store.readStream('charity-almaty-2018').catch(() => []);
  };

  /** Entry fees through registration, donations and an allocation through finance. */
  const raiseFund = async () => {
    await register(t, runner('101', { entryFee: 7500.5 })).expect(201);
    await register(t, runner('102', { entryFee: 7500.01 })).expect(201);
    await register(t, runner('201', { raceId: '10k', entryFee: 3000.33 })).expect(201);
    await register(t, runner('202', { raceId: '10k' })).expect(201);
    const omron = { donationId: 'KASPI-0042', donor: 'Omron Kazakhstan', company: 'Omron', teamBib: '902', cause: 'childrens-hospital' };
    await donate({ ...omron, amount: 500000 }).expect(201);
    await donate({ donor: 'Aigerim', cause: 'school-sports', amount: 1.23, receivedAt: '2018-04-20T15:00:00+06:00' }).expect(201);
    await allocate({ allocationId: 'ALLOC-1', cause: 'childrens-hospital', amount: 400000, reason: 'board decision of 2018-05-02' }).expect(201);
  };

  it('publishes an empty fund for a planned edition, with every race', async () => {
    expect(await totals()).toEqual({
      editionId: 'almaty-2018',
      currency: 'KZT',
      total: 0,
      bySource: { entryFees: 0, donations: 0 },
      byRace: { '10k': 0, marathon: 0 },
      byCompany: {},
      byTeam: {},
      byCause: {},
      allocated: 0,
      unallocated: 0,
      entries: 0,
      donations: 0,
    });
  });

  it('totals entry fees by race, donations by company, team and cause, and what is allocated', async () => {
    await raiseFund();
    expect(await totals()).toEqual({
      editionId: 'almaty-2018',
      currency: 'KZT',
      total: 518002.07,
      bySource: { entryFees: 18000.84, donations: 500001.23 },
      byRace: { '10k': 3000.33, marathon: 15000.51 },
      byCompany: { Omron: 500000 },
      byTeam: { '902': 500000 },
      byCause: {
        'childrens-hospital': { donated: 500000, allocated: 400000 },
        'school-sports': { donated: 1.23, allocated: 0 },
      },
      allocated: 400000,
      unallocated: 118002.07,
      entries: 3,
      donations: 2,
    });
    const [donation, , allocation] = await charityEvents();
    expect(donation!.data).toEqual({
      editionId: 'almaty-2018',
      donationId: 'KASPI-0042',
      donor: 'Omron Kazakhstan',
      company: 'Omron',
      teamBib: '902',
      cause: 'childrens-hospital',
      amountMinor: 50_000_000,
      currency: 'KZT',
      receivedAt: donation!.metadata.occurredAt,
    });
    expect(allocation!.metadata).toMatchObject({ actor: { role: 'finance' }, reason: 'board decision of 2018-05-02' });
  });

  it('exports a ledger of every underlying event whose amounts add up to the totals, to the tiyn', async () => {
    await raiseFund();
    const response = await t.http().get(`${CHARITY}.csv`).set(t.as('finance')).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/almaty-2018-charity-ledger\.csv/);
    const rows = parseCsvRecords(response.text).map(({ record }) => record);
    expect(rows.map((row) => `${row.source}:${row.id}`)).toEqual([
      'entryFee:101',
      'entryFee:102',
      'entryFee:201',
      'donation:KASPI-0042',
      `donation:${rows[4]!.id}`,
      'allocation:ALLOC-1',
    ]);
    expect(rows[4]).toMatchObject({ date: '2018-04-20T09:00:00.000Z', cause: 'school-sports', amount: '1.23' });
    const sum = (source?: string) =>
      rows.filter((row) => source === undefined || row.source === source).reduce((total, row) => total + toMinorUnits(Number(row.amount), 'KZT'), 0);
    const fund = await totals();
    expect(sum('entryFee')).toBe(toMinorUnits(fund.bySource.entryFees, 'KZT'));
    expect(sum('donation')).toBe(toMinorUnits(fund.bySource.donations, 'KZT'));
    expect(-sum('allocation')).toBe(toMinorUnits(fund.allocated, 'KZT'));
    expect(sum()).toBe(toMinorUnits(fund.unallocated, 'KZT'));
  });

  it('rebuilt from zero, the charity read model equals the live one', async () => {
    await raiseFund();
    const runner = t.app.get(ProjectionRunner);
    const rebuilt = await foldLog(t.app.get<EventStore>(EVENT_STORE), charityProjection);
    expect(JSON.parse(JSON.stringify(rebuilt.state))).toEqual(JSON.parse(JSON.stringify(runner.state(CHARITY_PROJECTION))));
  });

  it('records a resent donation once, and refuses its id with other details', async () => {
    const body = { donationId: 'KASPI-0042', donor: 'Omron Kazakhstan', amount: 1000 };
    const first = await donate(body).expect(201);
    expect(first.body).toMatchObject({ editionId: 'almaty-2018', donationId: 'KASPI-0042', duplicate: false, fund: { total: 1000 } });
    const again = await donate(body).expect(201);
    expect(again.body).toMatchObject({ duplicate: true, fund: { total: 1000, donations: 1 } });
    const changed = await donate({ ...body, amount: 2000 }).expect(409);
    expect(changed.body.message).toMatch(/donation KASPI-0042 is already recorded with other details/);
    expect(await charityEvents()).toHaveLength(1);
  });

  it('answers 409 to an allocation beyond what the fund holds unallocated, and writes nothing', async () => {
    await register(t, runner('101', { entryFee: 5000 })).expect(201);
    await donate({ donor: 'Aigerim', amount: 1000 }).expect(201);
    const refused = await allocate({ cause: 'water-wells', amount: 6000.01 }).expect(409);
    expect(refused.body.message).toMatch(/allocating 6000.01 KZT to water-wells is more than the 6000 KZT the fund holds unallocated/);
    expect(refused.body.details).toEqual({ unallocated: 6000, currency: 'KZT' });
    const exact = await allocate({ cause: 'water-wells', amount: 6000 }).expect(201);
    expect(exact.body).toMatchObject({ duplicate: false, fund: { allocated: 6000, unallocated: 0 } });
    expect((await charityEvents()).map((event) => event.type)).toEqual(['DonationReceived', 'FundsAllocated']);
  });

  it('of concurrent allocations that each fit but not together, exactly one is recorded', async () => {
    await donate({ donor: 'Aigerim', amount: 1000 }).expect(201);
    const attempts = await Promise.all(Array.from({ length: 4 }, () => allocate({ cause: 'water-wells', amount: 600 })));
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([201, 409, 409, 409]);
    expect((await totals()).allocated).toBe(600);
  });

  it('answers 400 to amounts with too many decimals, zero, negative or in another currency', async () => {
    const decimals = await donate({ donor: 'A', amount: 10.005 }).expect(400);
    expect(decimals.body.message).toMatch(/amount 10.005 has more than 2 decimals for KZT/);
    const currency = await donate({ donor: 'A', amount: 10, currency: 'USD' }).expect(400);
    expect(currency.body.message).toMatch(/kept in KZT, not USD/);
    for (const amount of [0, -5, '100', null]) {
      const response = await donate({ donor: 'A', amount }).expect(400);
      expect(response.body.fields.map((f: { field: string }) => f.field)).toEqual(['amount']);
    }
    await allocate({ cause: 'x', amount: 1.001 }).expect(400);
    await allocate({ cause: 'x', amount: -1 }).expect(400);
    await allocate({ cause: 'x', amount: 1, currency: 'EUR' }).expect(400);
    expect(await charityEvents()).toEqual([]);
  });

  it('answers 400 with the invalid fields of a donation or an allocation', async () => {
    const donation = await donate({
      donationId: 'has space',
      donor: ' ',
      teamBib: 'too-long-bib!',
      cause: 'Not A Slug',
      amount: 1,
      receivedAt: '2018-04-20 10:00',
      note: 'x',
    }).expect(400);
    const fields = donation.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['cause', 'donationId', 'donor', 'note', 'receivedAt', 'teamBib']);
    const allocation = await allocate({ amount: 1, reason: '' }).expect(400);
    expect(allocation.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['cause', 'reason']);
    await donate({ donor: 'A', amount: 1, receivedAt: '2018-02-30T10:00:00Z' }).expect(400);
  });

  it('answers 404 for an unknown edition', async () => {
    await t.http().get('/editions/almaty-1999/charity').expect(404);
    await t.http().get('/editions/almaty-1999/charity.csv').set(t.as('finance')).expect(404);
    await t.http().post('/editions/almaty-1999/charity/donations').set(t.as('finance')).send({ donor: 'A', amount: 1 }).expect(404);
    await t.http().post('/editions/almaty-1999/charity/allocations').set(t.as('finance')).send({ cause: 'x', amount: 1 }).expect(404);
  });

  it('lets only finance record money and read the ledger; the totals are public', async () => {
    for (const path of [`${CHARITY}/donations`, `${CHARITY}/allocations`]) {
      await t.http().post(path).send({ donor: 'A', cause: 'x', amount: 1 }).expect(401);
      await t.http().post(path).set({ Authorization: 'Bearer not-a-token' }).send({ donor: 'A', cause: 'x', amount: 1 }).expect(401);
      await t.http().post(path).set(t.as('organiser')).send({ donor: 'A', cause: 'x', amount: 1 }).expect(403);
      await t.http().post(path).set(t.as('timing')).send({ donor: 'A', cause: 'x', amount: 1 }).expect(403);
    }
    await t.http().get(`${CHARITY}.csv`).expect(401);
    await t.http().get(`${CHARITY}.csv`).set(t.as('organiser')).expect(403);
    await t.http().get(`${CHARITY}.csv`).set(t.as('timing')).expect(403);
    await t.http().get(CHARITY).expect(200);
    expect(await charityEvents()).toEqual([]);
  });
});
