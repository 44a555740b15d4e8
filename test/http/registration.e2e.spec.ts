import { EVENT_STORE } from '../../src/event-store/event-store.module';
import { EventStore } from '../../src/event-store/event-store';
import { planRaceDay, register, runner } from './race-day-fixtures';
import { startTestApp, TestApp } from './test-app';

describe('registration over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
  });
  afterEach(async () => t.close());

  const entryEvents = async (bib: string) => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    return store.readStream(`entry-almaty-2018-${bib}`).catch(() => []);
  };

  it('registers a runner and records the entry fee in integer minor units', async () => {
    const response = await register(t, runner('101', { club: 'Almaty Runners', entryFee: 7500.5 })).expect(201);
    expect(response.body).toMatchObject({ bib: '101', chipId: 'C00101', entryFee: { amountMinor: 750050, currency: 'KZT' } });
    expect((await entryEvents('101')).map((e) => e.type)).toEqual(['RunnerRegistered']);
  });

  it('answers 409 for a taken bib or chip and leaves the first registration and no stray chip claim', async () => {
    await register(t, runner('101')).expect(201);
    const bibTaken = await register(t, runner('101', { chipId: 'FRESH1' })).expect(409);
    expect(bibTaken.body.message).toMatch(/bib 101 is already taken/);
    const chipTaken = await register(t, runner('102', { chipId: 'C00101' })).expect(409);
    expect(chipTaken.body.message).toMatch(/chip C00101 is already assigned to bib 101/);
    expect(await entryEvents('102')).toEqual([]);
    await register(t, runner('103', { chipId: 'FRESH1' })).expect(201);
  });

  it('of concurrent registrations of one bib, exactly one wins', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => register(t, runner('200', { chipId: `RACE${i}` }))),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await entryEvents('200')).toHaveLength(1);
  });

  it('answers 400 for an under-age runner, 404 for an unknown race, 409 once registration is closed', async () => {
    const young = await register(t, runner('300', { dateOfBirth: '2004-01-01' })).expect(400);
    expect(young.body.message).toMatch(/under the minimum age of 18/);
    await register(t, runner('301', { raceId: 'ultra' })).expect(404);
    await t.http().post('/editions/almaty-2018/registration/close').set(t.as('organiser')).expect(200);
    const closed = await register(t, runner('302')).expect(409);
    expect(closed.body.message).toMatch(/closed/);
    expect(await entryEvents('300')).toEqual([]);
  });

  it('answers 400 with the invalid fields', async () => {
    const response = await register(t, runner('bad bib', { chipId: 'C1', gender: 'X', country: 'kz', entryFee: -1 })).expect(400);
    expect(response.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['bib', 'country', 'entryFee', 'gender']);
  });

  it('only lets an organiser register', async () => {
    await t.http().post('/editions/almaty-2018/entries').send(runner('1')).expect(401);
    await t.http().post('/editions/almaty-2018/entries').set(t.as('timing')).send(runner('1')).expect(403);
    await t.http().post('/editions/almaty-2018/entries').set(t.as('finance')).send(runner('1')).expect(403);
  });
});
