import { almaty2018, ekiden, marathon } from './race-day-fixtures';
import { startTestApp, TestApp } from './test-app';

describe('editions over HTTP: command -> event -> projection -> query', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(async () => t.close());

  const plan = () => t.http().post('/editions').set(t.as('organiser')).send(almaty2018);

  it('plans an edition, adds races and reads them back', async () => {
    await plan().expect(201);
    await t.http().post('/editions/almaty-2018/races').set(t.as('organiser')).send(marathon).expect(201);
    const added = await t.http().post('/editions/almaty-2018/races').set(t.as('organiser')).send(ekiden).expect(201);
    expect(added.body.races.map((r: { raceId: string }) => r.raceId)).toEqual(['marathon', 'ekiden']);

    const read = await t.http().get('/editions/almaty-2018').expect(200);
    expect(read.body).toMatchObject({ ...almaty2018 });
    expect(read.body.races[0].timingPoints).toEqual(marathon.timingPoints);
    expect(read.body.races[1].legs).toHaveLength(6);
    expect((await t.http().get('/editions').expect(200)).body).toHaveLength(1);
  });

  it('answers 409 to a second edition with the same id, and keeps the first', async () => {
    await plan().expect(201);
    const again = await t.http().post('/editions').set(t.as('organiser')).send({ ...almaty2018, name: 'Other' }).expect(409);
    expect(again.body.message).toMatch(/already planned/);
    expect((await t.http().get('/editions/almaty-2018')).body.name).toBe('7th Almaty Marathon');
  });

  it('answers 400 with the invalid fields', async () => {
    const response = await t
      .http()
      .post('/editions')
      .set(t.as('organiser'))
      .send({ ...almaty2018, editionId: 'Almaty 2018', currency: 'tenge', number: 0, extra: 1 })
      .expect(400);
    expect(response.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(
      ['currency', 'editionId', 'extra', 'number'].sort(),
    );
  });

  it('answers 400 to nested invalid timing points, and to a course without a finish', async () => {
    await plan().expect(201);
    const nested = await t
      .http()
      .post('/editions/almaty-2018/races')
      .set(t.as('organiser'))
      .send({ ...marathon, timingPoints: [{ pointId: 'finish', distanceM: -1, lap: 0 }] })
      .expect(400);
    expect(nested.body.fields.map((f: { field: string }) => f.field)).toEqual(['timingPoints.0.distanceM', 'timingPoints.0.lap']);
    const noFinish = await t
      .http()
      .post('/editions/almaty-2018/races')
      .set(t.as('organiser'))
      .send({ ...marathon, timingPoints: [{ pointId: 'finish', distanceM: 21097.5, lap: 1 }] })
      .expect(400);
    expect(noFinish.body.message).toMatch(/needs a finish/);
    expect((await t.http().get('/editions/almaty-2018')).body.races).toEqual([]);
  });

  it('answers 404 for an unknown edition, to reads and to races added to it', async () => {
    await t.http().get('/editions/nowhere').expect(404);
    await t.http().post('/editions/nowhere/races').set(t.as('organiser')).send(marathon).expect(404);
  });

  it('refuses writes without a token (401), with a bad token (401) and for the wrong role (403)', async () => {
    await t.http().post('/editions').send(almaty2018).expect(401);
    await t.http().post('/editions').set({ Authorization: 'Bearer not-a-token' }).send(almaty2018).expect(401);
    await t.http().post('/editions').set(t.as('finance')).send(almaty2018).expect(403);
    await t.http().post('/editions').set(t.as('timing')).send(almaty2018).expect(403);
    await t.http().get('/editions/almaty-2018').expect(404);
  });

  it('records the authenticated actor, never one from the body, in the event metadata', async () => {
    await plan().set('X-Correlation-Id', 'import-42').expect(201);
    const { EVENT_STORE } = await import('../../src/event-store/event-store.module');
    const store = t.app.get(EVENT_STORE);
    const [event] = await store.readStream('edition-almaty-2018');
    expect(event.metadata).toMatchObject({
      actor: { role: 'organiser', id: expect.stringMatching(/^organiser#[0-9a-f]{10}$/) },
      correlationId: 'import-42',
      schemaVersion: 1,
    });
  });

  it('serves health and the OpenAPI document', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.projections.projections.map((p: { name: string }) => p.name)).toContain('editions');
    const openapi = await t.http().get('/api-json').expect(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/editions', '/editions/{editionId}/races']));
  });
});

describe('restarting the app', () => {
  it('resumes the read models from their checkpoint and keeps every write', async () => {
    const first = await startTestApp();
    await first.http().post('/editions').set(first.as('organiser')).send(almaty2018).expect(201);
    await first.close();

    const second = await startTestApp({ dataDir: first.dataDir });
    try {
      await second.http().get('/editions/almaty-2018').expect(200);
      await second.http().post('/editions/almaty-2018/races').set(second.as('organiser')).send(marathon).expect(201);
      expect((await second.http().get('/editions/almaty-2018')).body.races).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
