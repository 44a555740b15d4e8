import { planRaceDay, register, runner } from './race-day-fixtures';
import { startTestApp, TestApp } from './test-app';

const at = (hms: string) => `2018-04-22T${hms}Z`;

describe('timing reads over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
    await t.http().post('/editions/almaty-2018/races/marathon/start').set(t.as('timing')).send({ gunTime: '2018-04-22T09:00:00+06:00' }).expect(201);
    await register(t, runner('101')).expect(201);
    await register(t, runner('102')).expect(201);
  });
  afterEach(async () => t.close());

  const send = (reads: Record<string, unknown>[]) =>
    t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads });

  it('answers per read: accepted, duplicate, unmatched, flagged, rejected', async () => {
    const response = await send([
      { readId: 'a1', chipId: 'C00101', pointId: 'start', time: at('03:00:15.2') },
      { readId: 'a1', chipId: 'C00101', pointId: 'start', time: at('03:00:15.2') },
      { readId: 'a2', chipId: 'C09999', pointId: 'start', time: at('03:00:16.0') },
      { readId: 'a3', bib: '102', pointId: 'start', time: at('02:58:00.0') },
      { readId: 'a4', bib: '102', pointId: 'bridge', time: at('03:10:00.0') },
      { readId: 'a5', bib: '102', pointId: 'start', time: '09:10:00' },
    ]).expect(200);
    expect(response.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'duplicate',
      'unmatched',
      'flagged',
      'rejected',
      'rejected',
    ]);
    expect(response.body.results[2].reason).toMatch(/chip C09999 is not registered/);
    expect(response.body.results[3].reason).toMatch(/before the gun/);
    expect(response.body.results[4].reason).toMatch(/not on the course/);
    expect(response.body.summary).toEqual({ accepted: 1, duplicate: 1, unmatched: 1, flagged: 1, rejected: 2 });
  });

  it('a mat that reconnects and resends its backlog loses and doubles nothing', async () => {
    const backlog = [
      { readId: 'm1', chipId: 'C00101', pointId: '10k', lap: 1, time: at('03:40:00.0') },
      { readId: 'm2', chipId: 'C00102', pointId: '10k', lap: 1, time: at('03:41:00.0') },
    ];
    await send(backlog.slice(0, 1)).expect(200);
    const resent = await send(backlog).expect(200);
    expect(resent.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'accepted']);
  });

  it('keeps unmatched reads and offers the near-miss bibs for an organiser to assign', async () => {
    await send([{ readId: 'u1', bib: '1011', pointId: 'finish', lap: 2, time: at('05:40:00.0') }]).expect(200);
    await send([{ readId: 'u1', bib: '1011', pointId: 'finish', lap: 2, time: at('05:40:00.0') }]).expect(200);
    const unmatched = await t.http().get('/editions/almaty-2018/timing/unmatched').set(t.as('organiser')).expect(200);
    expect(unmatched.body).toEqual([expect.objectContaining({ readId: 'u1', bib: '1011', suggestedBibs: ['101'] })]);
  });

  it('answers 400 to a malformed batch and 404 to an unknown edition', async () => {
    const bad = await send([{ readId: '', pointId: 'Finish Line', time: at('05:40:00.0'), lap: 0 }]).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['reads.0.readId', 'reads.0.pointId', 'reads.0.lap']);
    await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads: [] }).expect(400);
    await t.http().post('/editions/nowhere/timing/reads').set(t.as('timing')).send({ reads: [{ readId: 'x', bib: '1', pointId: 'start', time: at('03:00:00.0') }] }).expect(404);
  });

  it('only the timing crew records reads; organisers and timing fire the gun', async () => {
    await send([]).set(t.as('organiser')).expect(403);
    await t.http().post('/editions/almaty-2018/timing/reads').send({ reads: [] }).expect(401);
    await t.http().post('/editions/almaty-2018/races/10k/start').set(t.as('finance')).send({ gunTime: at('03:30:00.0') }).expect(403);
    await t.http().post('/editions/almaty-2018/races/10k/start').set(t.as('organiser')).send({ gunTime: at('03:30:00.0') }).expect(201);
    await t.http().post('/editions/almaty-2018/races/10k/start').set(t.as('timing')).send({ gunTime: at('03:30:00.0') }).expect(409);
    await t.http().post('/editions/almaty-2018/races/10k/start').set(t.as('timing')).send({ gunTime: '2018-04-22 09:30' }).expect(400);
  });
});
