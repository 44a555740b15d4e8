import { planRaceDay, register, runner } from './race-day-fixtures';
import { expectRebuildsEqualLive, startTestApp, TestApp } from './test-app';

const at = (hms: string) => `2018-04-22T${hms}Z`;

describe('adjudication over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
    await t.http().post('/editions/almaty-2018/races/10k/start').set(t.as('timing')).send({ gunTime: at('03:30:00.0') }).expect(201);
    await register(t, runner('7', { raceId: '10k' })).expect(201);
    await t
      .http()
      .post('/editions/almaty-2018/timing/reads')
      .set(t.as('timing'))
      .send({ reads: [{ readId: 'f7', chipId: 'C00007', pointId: 'finish', time: at('04:05:00.0') }] })
      .expect(200);
  });
  afterEach(async () => t.close());

  const entry = (path = '') => `/editions/almaty-2018/entries/7${path}`;

  it('corrects a finish time, naming the read it corrects, and shows before and after in the audit trail', async () => {
    const corrected = await t
      .http()
      .post(entry('/corrections'))
      .set(t.as('organiser'))
      .send({ pointId: 'finish', time: '2018-04-22T10:04:58.5+06:00', reason: 'mat clock drift, checked on video' })
      .expect(201);
    expect(corrected.body.events[0].data).toMatchObject({
      time: at('04:04:58.500'),
      previousTime: at('04:05:00.000'),
      corrects: { type: 'FinishRecorded', id: 'f7' },
      finish: true,
    });
    const audit = await t.http().get('/editions/almaty-2018/audit?bib=7&type=TimeCorrected').set(t.as('organiser')).expect(200);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        type: 'TimeCorrected',
        bib: '7',
        raceId: '10k',
        reason: 'mat clock drift, checked on video',
        actor: expect.objectContaining({ role: 'organiser' }),
        change: { before: at('04:05:00.000'), after: at('04:04:58.500') },
      }),
    ]);
    // One page holds it all: no next page.
    expect(audit.body.next).toBeNull();
  });

  it('keeps the whole history: registration, read, correction, disqualification, rescission', async () => {
    await t.http().patch(entry()).set(t.as('organiser')).send({ dateOfBirth: '1975-06-01', reason: 'passport checked' }).expect(200);
    await t.http().post(entry('/disqualifications')).set(t.as('organiser')).send({ rule: 'TR 54.7', reason: 'cut the course' }).expect(201);
    await t.http().post(entry('/disqualifications')).set(t.as('organiser')).send({ rule: 'TR 54.7', reason: 'again' }).expect(409);
    await t.http().delete(entry('/disqualifications')).set(t.as('organiser')).send({ reason: 'video shows no cutting' }).expect(200);
    const trail = await t.http().get('/editions/almaty-2018/audit?bib=7').set(t.as('finance')).expect(200);
    expect(trail.body.entries.map((e: { type: string }) => e.type)).toEqual([
      'RunnerRegistered',
      'ReadRecorded',
      'FinishRecorded',
      'RunnerDetailsCorrected',
      'RunnerDisqualified',
      'DisqualificationRescinded',
    ]);
    expect(trail.body.entries[3].change).toEqual({ before: { dateOfBirth: '1985-06-01' }, after: { dateOfBirth: '1975-06-01' } });
    const csv = await t.http().get('/editions/almaty-2018/audit?bib=7&format=csv').set(t.as('organiser')).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^position,recordedAt,occurredAt,type,bib,raceId,actorId,actorRole,reason,before,after/);
    expect(csv.text).toMatch(/RunnerDisqualified,7,10k,organiser#[0-9a-f]+,organiser,cut the course/);
  });

  it('answers 409 with the current revision to a correction decided on an old revision; a retry succeeds', async () => {
    const first = await t
      .http()
      .post(entry('/status'))
      .set(t.as('organiser'))
      .send({ status: 'DNF', reason: 'crossed the finish after walking off at 8 km', override: true, expectedRevision: 2 })
      .expect(201);
    expect(first.body.revision).toBe(3);
    const stale = await t
      .http()
      .post(entry('/disqualifications'))
      .set(t.as('organiser'))
      .send({ rule: 'TR 6', reason: 'assistance', expectedRevision: 2 })
      .expect(409);
    expect(stale.body.currentRevision).toBe(3);
    await t.http().post(entry('/disqualifications')).set(t.as('organiser')).send({ rule: 'TR 6', reason: 'assistance', expectedRevision: 3 }).expect(201);
  });

  it('of concurrent corrections on one runner decided on the same revision, one wins and the other gets 409', async () => {
    const attempts = await Promise.all(
      ['04:04:50.0', '04:04:51.0', '04:04:52.0'].map((time) =>
        t.http().post(entry('/corrections')).set(t.as('organiser')).send({ pointId: 'finish', time: at(time), reason: 'video', expectedRevision: 2 }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409]);
  });

  it('assigns an unmatched read to the runner whose bib was mistyped', async () => {
    await register(t, runner('8', { raceId: '10k' })).expect(201);
    await t
      .http()
      .post('/editions/almaty-2018/timing/reads')
      .set(t.as('timing'))
      .send({ reads: [{ readId: 'typo', bib: '88', pointId: 'finish', time: at('04:10:00.0') }] })
      .expect(200);
    const unmatched = await t.http().get('/editions/almaty-2018/timing/unmatched').set(t.as('organiser')).expect(200);
    expect(unmatched.body[0].suggestedBibs).toEqual(['8']);
    const assigned = await t
      .http()
      .post('/editions/almaty-2018/timing/unmatched/typo/assignment')
      .set(t.as('organiser'))
      .send({ bib: '8', reason: 'bib 8 on the finish video' })
      .expect(201);
    expect(assigned.body).toMatchObject({ readId: 'typo', bib: '8', status: 'accepted' });
    expect((await t.http().get('/editions/almaty-2018/timing/unmatched').set(t.as('organiser'))).body).toEqual([]);
    await t.http().post('/editions/almaty-2018/timing/unmatched/typo/assignment').set(t.as('organiser')).send({ bib: '7', reason: 'again' }).expect(404);
    const trail = await t.http().get('/editions/almaty-2018/audit?bib=8&type=FinishRecorded').set(t.as('organiser')).expect(200);
    expect(trail.body.entries[0]).toMatchObject({ reason: 'bib 8 on the finish video', causationId: expect.any(String) });
  });

  it('answers 400 to bad input and 404 to an unknown runner', async () => {
    const bad = await t.http().post(entry('/corrections')).set(t.as('organiser')).send({ pointId: 'finish', time: '10:04', reason: '' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['reason', 'time']);
    await t.http().post(entry('/corrections')).set(t.as('organiser')).send({ pointId: 'bridge', time: at('04:00:00.0'), reason: 'typo' }).expect(400);
    await t.http().post('/editions/almaty-2018/entries/999/corrections').set(t.as('organiser')).send({ pointId: 'finish', time: at('04:00:00.0'), reason: 'none' }).expect(404);
    await t.http().post('/editions/almaty-2018/entries/999/disqualifications').set(t.as('organiser')).send({ rule: 'X', reason: 'none' }).expect(404);
    await t.http().get('/editions/almaty-2018/audit?from=yesterday').set(t.as('organiser')).expect(400);
    await t.http().get('/editions/almaty-2018/audit').expect(401);
  });

  it('results reflect a correction or disqualification at once, and the places before it stay readable', async () => {
    await register(t, runner('9', { raceId: '10k' })).expect(201);
    await t
      .http()
      .post('/editions/almaty-2018/timing/reads')
      .set(t.as('timing'))
      .send({ reads: [{ readId: 'f9', chipId: 'C00009', pointId: 'finish', time: at('04:06:00.0') }] })
      .expect(200);
    const places = async (query = '') =>
      (await t.http().get(`/editions/almaty-2018/races/10k/results${query}`).expect(200)).body.rows.map(
        (row: { bib: string; place: number | null; status: string; gunTime: string | null }) => [row.bib, row.place, row.status, row.gunTime],
      );
    expect(await places()).toEqual([['7', 1, 'finished', '0:35:00'], ['9', 2, 'finished', '0:36:00']]);
    const before = (await t.http().get('/health')).body.store.head;

    await t.http().post('/editions/almaty-2018/entries/9/corrections').set(t.as('organiser')).send({ pointId: 'finish', time: at('04:04:30.2'), reason: 'video' }).expect(201);
    expect(await places()).toEqual([['9', 1, 'finished', '0:34:31'], ['7', 2, 'finished', '0:35:00']]);

    await t.http().post('/editions/almaty-2018/entries/9/disqualifications').set(t.as('organiser')).send({ rule: 'TR 54.7', reason: 'cut' }).expect(201);
    expect(await places()).toEqual([['7', 1, 'finished', '0:35:00'], ['9', null, 'DSQ', null]]);

    await t.http().delete('/editions/almaty-2018/entries/9/disqualifications').set(t.as('organiser')).send({ reason: 'appeal upheld' }).expect(200);
    expect(await places()).toEqual([['9', 1, 'finished', '0:34:31'], ['7', 2, 'finished', '0:35:00']]);

    expect(await places(`?asOf=${before}`)).toEqual([['7', 1, 'finished', '0:35:00'], ['9', 2, 'finished', '0:36:00']]);

    await t.http().patch('/editions/almaty-2018/entries/9').set(t.as('organiser')).send({ gender: 'F', reason: 'data entry error' }).expect(200);
    const women = await t.http().get('/editions/almaty-2018/races/10k/results?gender=F').expect(200);
    expect(women.body.rows.map((row: { bib: string; category: string }) => [row.bib, row.category])).toEqual([['9', 'FOPEN']]);
    await expectRebuildsEqualLive(t);
  });
});
