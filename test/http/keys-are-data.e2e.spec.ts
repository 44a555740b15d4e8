import { planRaceDay, register, runner } from './race-day-fixtures';
import { expectRebuildsEqualLive, startTestApp, TestApp } from './test-app';

const at = (hms: string) => `2018-04-22T${hms}Z`;

/** What a mat or a registration form sends is data: a chip named like an object property is just a chip. */
describe('keys are data', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it.each(['__proto__', 'constructor', 'toString'])('a chip named %s registers, its reads match, and it survives a restart', async (chipId) => {
    t = await startTestApp();
    await planRaceDay(t);
    await t.http().post('/editions/almaty-2018/races/10k/start').set(t.as('timing')).send({ gunTime: at('03:00:00.0') }).expect(201);
    await register(t, runner('7', { chipId, raceId: '10k' })).expect(201);
    const send = (readId: string, pointId: string, time: string) =>
      t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads: [{ readId, chipId, pointId, time }] }).expect(200);
    expect((await send('r1', 'start', at('03:00:30.0'))).body.results[0]).toMatchObject({ status: 'accepted', bib: '7' });
    await register(t, runner('8', { chipId, raceId: '10k' })).expect(409);
    await expectRebuildsEqualLive(t);

    const { dataDir } = t;
    await t.close();
    t = await startTestApp({ dataDir });
    for (let tries = 0; tries < 50 && (await t.http().get('/health')).status !== 200; tries++) await new Promise((r) => setTimeout(r, 100));
    expect((await send('r2', 'finish', at('03:40:00.0'))).body.results[0]).toMatchObject({ status: 'accepted', bib: '7' });
    expect((await t.http().get('/editions/almaty-2018/entries/7').expect(200)).body).toMatchObject({ status: 'finished', netTime: '0:39:30' });
  });
});
