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

  it('registers a runner, answers the entry fee in the major unit and records it in integer minor units', async () => {
    const response = await register(t, runner('101', { club: 'Almaty Runners', entryFee: 7500.5 })).expect(201);
    expect(response.body).toMatchObject({ bib: '101', chipId: 'C00101', entryFee: { amount: 7500.5, currency: 'KZT' } });
    const events = await entryEvents('101');
    expect(events.map((e) => e.type)).toEqual(['RunnerRegistered']);
    expect(events[0]!.data).toMatchObject({ entryFee: { amountMinor: 750050, currency: 'KZT' } });
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

  it('of identical registrations sent at once, one wins and the chip stays with it', async () => {
    const attempts = await Promise.all(Array.from({ length: 4 }, () => register(t, runner('210', { chipId: 'SAME1' }))));
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const other = await register(t, runner('211', { chipId: 'SAME1' })).expect(409);
    expect(other.body.message).toMatch(/chip SAME1 is already assigned to bib 210/);
  });

  it('answers 400 to ids in the path that could name another stream or an object property', async () => {
    await t.http().post('/editions/almaty/entries/2018-101/disqualifications').set(t.as('organiser')).send({ rule: 'X', reason: 'none' }).expect(400);
    await t.http().get('/editions/constructor').expect(400);
    await t.http().get('/editions/almaty-2018/entries/toString').expect(400);
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

  it('refuses a country code that does not exist, and takes IOC codes', async () => {
    const typo = await register(t, runner('401', { country: 'KZK' })).expect(400);
    expect(typo.body.message).toMatch(/country must be an ISO 3166-1 alpha-3 or IOC country code/);
    await register(t, runner('402', { country: 'GER' })).expect(201);
  });

  it('only lets an organiser register', async () => {
    await t.http().post('/editions/almaty-2018/entries').send(runner('1')).expect(401);
    await t.http().post('/editions/almaty-2018/entries').set(t.as('timing')).send(runner('1')).expect(403);
    await t.http().post('/editions/almaty-2018/entries').set(t.as('finance')).send(runner('1')).expect(403);
  });
});

describe('bulk registration from CSV over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
  });
  afterEach(async () => t.close());

  const header = 'bib,chipId,raceId,firstName,lastName,gender,dateOfBirth,country,club,wave,entryFee';
  const csv = [
    header,
    '1,C1,marathon,Mikhail,Krasilov,M,1990-05-01,KAZ,,,5000',
    '2,C2,10k,"Aidosova, Dana",Aidosova,F,1992-01-01,KAZ,"Club ""Alatau""",,',
    '3,C1,10k,Dup,Chip,M,1990-01-01,RUS,,,',
    '4,C4,marathon,Too,Young,F,2005-01-01,UZB,,,',
    '5,C5,10k,Bad,Gender,X,1990-01-01,KAZ,,,',
  ].join('\n');
  const upload = (body: string, mode?: string) =>
    t
      .http()
      .post(`/editions/almaty-2018/entries/bulk${mode ? `?mode=${mode}` : ''}`)
      .set(t.as('organiser'))
      .set('Content-Type', 'text/csv')
      .send(body);

  it('all-or-nothing writes nothing when any row is bad, and reports every bad row', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const headBefore = await store.headPosition();
    const response = await upload(csv).expect(400);
    expect(await store.headPosition()).toBe(headBefore);
    expect(response.body.refused).toBe(true);
    expect(response.body.failed.map((f: { line: number }) => f.line)).toEqual([4, 5, 6]);
    expect(response.body.failed[0].errors.join()).toMatch(/chip C1 is also on line 2/);
    expect(response.body.failed[1].errors.join()).toMatch(/under the minimum age/);
    expect(response.body.failed[2].errors.join()).toMatch(/gender/);
  });

  it('valid-rows-only registers the good rows and reports the rest', async () => {
    const response = await upload(csv, 'valid-rows-only').expect(200);
    expect(response.body).toMatchObject({ rows: 5, registered: 2, refused: false });
    expect(response.body.failed).toHaveLength(3);
    const again = await upload(csv, 'valid-rows-only').expect(200);
    expect(again.body.registered).toBe(0);
    expect(again.body.failed.find((f: { line: number }) => f.line === 2).errors.join()).toMatch(/bib 1 is already taken/);
  });

  it('checks entry fees before writing: a fee with too many decimals refuses the whole file', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const fees = [header, '11,C11,10k,A,B,M,1990-01-01,KAZ,,,5000', '12,C12,10k,C,D,F,1990-01-01,KAZ,,,5000.555'].join('\n');
    const response = await upload(fees).expect(400);
    expect(response.body.failed).toEqual([expect.objectContaining({ line: 3, errors: [expect.stringMatching(/more than 2 decimals/)] })]);
    expect(await store.headPosition()).toBe(head);
  });

  it('answers 400 to an empty body, a bad mode or a broken quote', async () => {
    await upload('').expect(400);
    await upload(csv, 'some').expect(400);
    const broken = await upload(`${header}\n1,"C1`).expect(400);
    expect(broken.body.message).toMatch(/inside a quoted field/);
  });
});
