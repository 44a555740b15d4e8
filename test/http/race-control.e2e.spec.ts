import { planRaceDay } from './race-day-fixtures';
import { expectRebuildsEqualLive, startTestApp, TestApp } from './test-app';

const GUN = '2018-04-22T03:00:00.000Z';
const CORRECTED = '2018-04-22T03:00:05.000Z';
const REASON = "the starter's clock ran 5 s fast; time from the start video";

type Race = { raceId: string; guns: { wave?: string; gunTime: string }[]; closedAt?: string };

describe('race control over HTTP: correcting a gun time, closing a race', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
  });
  afterEach(async () => t.close());

  const start = (raceId = 'marathon') => `/editions/almaty-2018/races/${raceId}/start`;
  const fire = (body: Record<string, unknown> = { gunTime: GUN }) => t.http().post(start()).set(t.as('timing')).send(body);
  const correct = (body: Record<string, unknown> = { gunTime: CORRECTED, reason: REASON }, raceId = 'marathon') =>
    t.http().put(start(raceId)).set(t.as('timing')).send(body);
  const close = (raceId = 'marathon') =>
    t.http().post(`/editions/almaty-2018/races/${raceId}/close`).set(t.as('organiser')).send({ reason: 'course closed at the 6-hour cut-off' });
  const race = async (raceId = 'marathon'): Promise<Race> =>
    (await t.http().get('/editions/almaty-2018').expect(200)).body.races.find((candidate: Race) => candidate.raceId === raceId);

  describe('PUT .../start', () => {
    it('corrects the gun, with its reason and before and after in the audit trail', async () => {
      await fire().expect(201);
      const corrected = await correct().expect(200);
      expect(corrected.body.races.find((candidate: Race) => candidate.raceId === 'marathon').guns).toEqual([{ gunTime: CORRECTED }]);
      expect((await race()).guns).toEqual([{ gunTime: CORRECTED }]);

      const trail = await t.http().get('/editions/almaty-2018/audit?type=GunTimeCorrected').set(t.as('organiser')).expect(200);
      expect(trail.body.entries).toHaveLength(1);
      expect(trail.body.entries[0]).toMatchObject({
        raceId: 'marathon',
        reason: REASON,
        actor: { role: 'timing' },
        change: { before: GUN, after: CORRECTED },
      });
      await expectRebuildsEqualLive(t);
    });

    it("corrects one wave's gun and leaves the others", async () => {
      await fire({ gunTime: GUN, wave: 'a' }).expect(201);
      await fire({ gunTime: '2018-04-22T03:10:00.000Z', wave: 'b' }).expect(201);
      await correct({ gunTime: CORRECTED, wave: 'a', reason: REASON }).expect(200);
      expect((await race()).guns).toEqual([
        { wave: 'a', gunTime: CORRECTED },
        { wave: 'b', gunTime: '2018-04-22T03:10:00.000Z' },
      ]);
    });

    it('needs a reason (400)', async () => {
      await fire().expect(201);
      const missing = await correct({ gunTime: CORRECTED }).expect(400);
      expect(missing.body.fields.map((field: { field: string }) => field.field)).toEqual(['reason']);
      await correct({ gunTime: CORRECTED, reason: '' }).expect(400);
    });

    it('refuses the same time again (400), an unknown race (404) and a gun that has not fired (409)', async () => {
      await fire().expect(201);
      expect((await correct({ gunTime: GUN, reason: REASON }).expect(400)).body.message).toMatch(/changes nothing/);
      await correct(undefined, 'half-marathon').expect(404);
      const notFired = await correct(undefined, '10k').expect(409);
      expect(notFired.body.message).toMatch(/POST \/editions\/almaty-2018\/races\/10k\/start/);
    });

    it('is for timing or an organiser: finance 403, no token 401', async () => {
      await fire().expect(201);
      await t.http().put(start()).set(t.as('finance')).send({ gunTime: CORRECTED, reason: REASON }).expect(403);
      await t.http().put(start()).send({ gunTime: CORRECTED, reason: REASON }).expect(401);
      await t.http().put(start()).set(t.as('organiser')).send({ gunTime: CORRECTED, reason: REASON }).expect(200);
    });

    it('is the way out of a second POST .../start, which answers 409 naming it', async () => {
      await fire().expect(201);
      const again = await fire({ gunTime: CORRECTED }).expect(409);
      expect(again.body.message).toContain(`at ${GUN}`);
      expect(again.body.message).toContain('PUT /editions/almaty-2018/races/marathon/start');
      expect((await race()).guns).toEqual([{ gunTime: GUN }]);
    });
  });

  describe('POST .../close', () => {
    it('closes a started race once: 200 with the edition, then 409', async () => {
      await fire().expect(201);
      const closed = await close().expect(200);
      expect(closed.body.races.find((candidate: Race) => candidate.raceId === 'marathon').closedAt).toEqual(expect.any(String));
      expect((await race()).closedAt).toEqual(expect.any(String));
      expect((await race('10k')).closedAt).toBeUndefined();
      expect((await close().expect(409)).body.message).toMatch(/already closed/);
      await expectRebuildsEqualLive(t);
    });

    it('refuses a race whose gun has not fired (409), an unknown race (404), and callers other than an organiser', async () => {
      expect((await close().expect(409)).body.message).toMatch(/has not started/);
      await close('half-marathon').expect(404);
      await fire().expect(201);
      await t.http().post('/editions/almaty-2018/races/marathon/close').set(t.as('timing')).send({}).expect(403);
      await t.http().post('/editions/almaty-2018/races/marathon/close').send({}).expect(401);
      expect((await race()).closedAt).toBeUndefined();
    });
  });
});
