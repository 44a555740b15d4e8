import { expectRebuildsEqualLive, startTestApp, TestApp } from './test-app';
import { planRaceDay, register, runner } from './race-day-fixtures';

const at = (hms: string) => `2018-04-22T${hms}Z`;
const GUN = at('03:00:00.0');

/** A marathon runner's mats: start, 10 km (lap 1), halfway on the finish mat, 10 km (lap 2), the finish. */
const marathonReads = (bib: string, offsetS = 0) => {
  const t = (hms: string) => new Date(Date.parse(at(hms)) + offsetS * 1000).toISOString();
  return {
    start: { readId: `start:${bib}`, bib, pointId: 'start', time: t('03:00:40.0') },
    tenK: { readId: `10k-1:${bib}`, bib, pointId: '10k', time: t('03:36:00.0') },
    halfway: { readId: `finish-1:${bib}`, bib, pointId: 'finish', time: t('04:15:00.0') },
    tenKAgain: { readId: `10k-2:${bib}`, bib, pointId: '10k', time: t('04:51:00.0') },
    finish: { readId: `finish-2:${bib}`, bib, pointId: 'finish', time: t('05:33:10.0') },
  };
};

describe('race-day truth over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
    await t.http().post('/editions/almaty-2018/races/marathon/start').set(t.as('timing')).send({ gunTime: GUN }).expect(201);
    for (const bib of ['1', '2', '3']) await register(t, runner(bib)).expect(201);
  });
  afterEach(async () => t.close());

  const send = (reads: Record<string, unknown>[]) => t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads });
  const row = async (bib: string) => (await t.http().get(`/editions/almaty-2018/entries/${bib}`).expect(200)).body;

  it('the finish laptop first, the start and 10 km mats after they reconnect: the same results as in order', async () => {
    const one = marathonReads('1');
    const two = marathonReads('2', 60);
    // Bib 1 as the mats really upload: the finish laptop's last read first, then its halfway read, then the rest.
    expect((await send([one.finish]).expect(200)).body.summary).toMatchObject({ accepted: 1 });
    expect(await row('1')).toMatchObject({ status: 'onCourse', lastSeen: { pointId: 'finish', lap: 1 } });
    await send([one.halfway]).expect(200);
    expect(await row('1')).toMatchObject({ status: 'finished' });
    await send([one.tenKAgain, one.tenK]).expect(200);
    await send([one.start]).expect(200);
    // Bib 2 in course order, one read at a time.
    for (const read of Object.values(two)) await send([read]).expect(200);

    const [first, second] = [await row('1'), await row('2')];
    expect(first).toMatchObject({ status: 'finished', place: 1, gunTime: '2:33:10', netTime: '2:32:30' });
    expect(second).toMatchObject({ status: 'finished', place: 2, gunTime: '2:34:10', netTime: '2:32:30' });
    expect(first.splits.map((s: { pointId: string; lap: number }) => `${s.pointId}@${s.lap}`)).toEqual(['10k@1', 'finish@1', '10k@2', 'finish@2']);
    // The log says why: the first finish-mat read was taken for lap 1 until the halfway read came.
    const trail = await t.http().get('/editions/almaty-2018/audit?bib=1&type=ReadReinterpreted').set(t.as('organiser')).expect(200);
    expect(trail.body.entries.map((e: { data: { readId: string; now: string } }) => e.data)).toEqual(
      expect.arrayContaining([expect.objectContaining({ readId: 'finish-2:1', now: 'counted' })]),
    );
    expect(first.history.map((h: { type: string }) => h.type)).toContain('ReadReinterpreted');
    await expectRebuildsEqualLive(t);
  });

  it('during the race a runner is notStarted or onCourse at their last mat; DNF and DNS are declared, checked and rescinded', async () => {
    const one = marathonReads('1');
    await send([one.start, one.tenK]).expect(200);
    expect(await row('1')).toMatchObject({ status: 'onCourse', lastSeen: { pointId: '10k', lap: 1, time: one.tenK.time } });
    expect(await row('2')).toMatchObject({ status: 'notStarted', lastSeen: null });

    const status = (bib: string) => `/editions/almaty-2018/entries/${bib}/status`;
    const refused = await t.http().post(status('1')).set(t.as('organiser')).send({ status: 'DNS', reason: 'not seen at the start' }).expect(409);
    expect(refused.body.message).toMatch(/has timing reads: declaring DNS needs override: true/);
    await t.http().post(status('1')).set(t.as('organiser')).send({ status: 'DNF', reason: 'withdrew at the 12 km aid station' }).expect(201);
    expect(await row('1')).toMatchObject({ status: 'DNF' });
    await t.http().delete(status('1')).set(t.as('organiser')).send({ reason: 'rejoined: the aid station misread the bib' }).expect(200);
    expect(await row('1')).toMatchObject({ status: 'onCourse' });
    await t.http().delete(status('1')).set(t.as('organiser')).send({ reason: 'again' }).expect(409);
    await t.http().delete(status('1')).set(t.as('organiser')).send({}).expect(400);
    await t.http().delete(status('1')).set(t.as('timing')).send({ reason: 'not mine to say' }).expect(403);

    await send(Object.values(marathonReads('3'))).expect(200);
    await t.http().post(status('3')).set(t.as('organiser')).send({ status: 'DNF', reason: 'hmm' }).expect(409);
    await t.http().post(status('3')).set(t.as('organiser')).send({ status: 'DNF', reason: 'rode a bicycle for 10 km', override: true }).expect(201);
    await expectRebuildsEqualLive(t);
  });

  it('flags go to the review queue with their reasons and the runner\'s other crossings; accept and dismiss resolve them', async () => {
    const one = marathonReads('1');
    await send([one.start, one.tenK, one.halfway, one.tenKAgain, one.finish]).expect(200);
    const extra = { readId: 'walk-back:1', bib: '1', pointId: 'finish', time: at('05:40:00.0') };
    const early = { readId: 'early:2', bib: '2', pointId: 'start', time: at('02:58:00.0') };
    const flagged = await send([extra, early, { readId: 'stray', chipId: 'C77777', pointId: 'finish', time: at('05:41:00.0') }]).expect(200);
    expect(flagged.body.results.map((r: { status: string }) => r.status)).toEqual(['flagged', 'flagged', 'unmatched']);

    const queue = await t.http().get('/editions/almaty-2018/timing/review?raceId=marathon').set(t.as('timing')).expect(200);
    expect(queue.body.items.map((i: { readId: string; kind: string }) => `${i.kind}:${i.readId}`)).toEqual(['flagged:early:2', 'flagged:walk-back:1', 'unmatched:stray']);
    const walkBack = queue.body.items.find((i: { readId: string }) => i.readId === 'walk-back:1');
    expect(walkBack.reasons).toEqual(['every lap of finish is already recorded: an extra lap']);
    expect(walkBack.otherCrossings).toHaveLength(5);

    const review = (readId: string, body: Record<string, unknown>) =>
      t.http().post(`/editions/almaty-2018/timing/reads/${encodeURIComponent(readId)}/review`).set(t.as('organiser')).send(body);
    await review('walk-back:1', { decision: 'dismiss', reason: 'walked back to the family area' }).expect(200);
    await review('early:2', { decision: 'accept', reason: 'the gun clock is 2 minutes fast' }).expect(200);
    expect(await row('2')).toMatchObject({ status: 'onCourse' });
    await review('stray', { decision: 'accept', reason: 'x' }).expect(400);
    const assignInstead = await review('stray', { decision: 'accept', reason: 'a runner of ours' }).expect(409);
    expect(assignInstead.body.message).toMatch(/timing\/unmatched\/stray\/assignment/);
    await review('stray', { decision: 'dismiss', reason: 'a spectator carrying a chip' }).expect(200);
    await review('nothing-like-it', { decision: 'dismiss', reason: 'no such read' }).expect(404);
    await review('walk-back:1', { decision: 'dismiss', reason: 'twice' }).expect(409);
    expect((await t.http().get('/editions/almaty-2018/timing/review').set(t.as('organiser')).expect(200)).body.items).toEqual([]);
    const done = await t.http().get('/editions/almaty-2018/timing/review?status=dismissed').set(t.as('organiser')).expect(200);
    expect(done.body.items.map((i: { readId: string }) => i.readId)).toEqual(['walk-back:1']);
    await t.http().get('/editions/almaty-2018/timing/review').expect(401);
    await t.http().get('/editions/almaty-2018/timing/review?status=closed').set(t.as('organiser')).expect(400);
    await expectRebuildsEqualLive(t);
  });

  it('a time correction is checked like a read, unless overridden with a reason', async () => {
    const one = marathonReads('1');
    await send(Object.values(one)).expect(200);
    const correct = (body: Record<string, unknown>) => t.http().post('/editions/almaty-2018/entries/1/corrections').set(t.as('organiser')).send(body);
    const beforeGun = await correct({ pointId: 'start', time: at('02:59:00.0'), reason: 'typed the wrong minute' }).expect(400);
    expect(beforeGun.body.message).toMatch(/before the gun.*override: true/);
    const negative = await correct({ pointId: '10k', lap: 2, time: at('04:10:00.0'), reason: 'video' }).expect(400);
    expect(negative.body.message).toMatch(/negative segment/);
    await correct({ pointId: 'finish', lap: 2, time: at('05:33:01.0'), reason: 'finish video' }).expect(201);
    expect(await row('1')).toMatchObject({ gunTime: '2:33:01' });
    await correct({ pointId: 'start', time: at('02:59:30.0'), reason: 'corral mat ran early; verified', override: true }).expect(201);
    expect(await row('1')).toMatchObject({ netTime: '2:33:31' });
    await expectRebuildsEqualLive(t);
  });

  it('closing the race turns runners on the course into DNF and those never seen into DNS', async () => {
    const one = marathonReads('1');
    await send([one.start, one.tenK]).expect(200);
    await send(Object.values(marathonReads('3'))).expect(200);
    const close = (body: Record<string, unknown> = { reason: 'course closed at the 6-hour cut-off' }) =>
      t.http().post('/editions/almaty-2018/races/marathon/close').set(t.as('organiser')).send(body);
    await t.http().post('/editions/almaty-2018/races/10k/close').set(t.as('organiser')).send({}).expect(409);
    await close().set(t.as('timing')).expect(403);
    const closed = await close().expect(200);
    expect(closed.body.races.find((race: { raceId: string }) => race.raceId === 'marathon').closedAt).toEqual(expect.any(String));
    await close().expect(409);
    const results = await t.http().get('/editions/almaty-2018/races/marathon/results').expect(200);
    expect(results.body.rows.map((r: { bib: string; status: string }) => [r.bib, r.status])).toEqual([['3', 'finished'], ['1', 'DNF'], ['2', 'DNS']]);
    // A backup mat's late upload still counts: the runner it saw finish is no longer DNF.
    await send([{ ...marathonReads('1').halfway }, marathonReads('1').tenKAgain, marathonReads('1').finish]).expect(200);
    expect(await row('1')).toMatchObject({ status: 'finished' });
    await expectRebuildsEqualLive(t);
  });

  it('a gun time corrected with a reason re-times the race, with before and after in the audit trail', async () => {
    await send(Object.values(marathonReads('1'))).expect(200);
    const start = '/editions/almaty-2018/races/marathon/start';
    const again = await t.http().post(start).set(t.as('timing')).send({ gunTime: at('03:00:05.0') }).expect(409);
    expect(again.body.message).toMatch(/corrected with PUT \/editions\/almaty-2018\/races\/marathon\/start/);
    await t.http().put(start).set(t.as('timing')).send({ gunTime: at('03:00:05.0') }).expect(400);
    await t.http().put(start).set(t.as('finance')).send({ gunTime: at('03:00:05.0'), reason: 'starter clock' }).expect(403);
    await t.http().put('/editions/almaty-2018/races/10k/start').set(t.as('timing')).send({ gunTime: at('03:00:05.0'), reason: 'starter clock' }).expect(409);
    await t.http().put(start).set(t.as('timing')).send({ gunTime: at('03:00:05.0'), reason: "the starter's clock ran 5 s fast" }).expect(200);
    expect(await row('1')).toMatchObject({ gunTime: '2:33:05', netTime: '2:32:30' });
    const trail = await t.http().get('/editions/almaty-2018/audit?type=GunTimeCorrected').set(t.as('organiser')).expect(200);
    expect(trail.body.entries[0]).toMatchObject({
      reason: "the starter's clock ran 5 s fast",
      change: { before: '2018-04-22T03:00:00.000Z', after: '2018-04-22T03:00:05.000Z' },
    });
    await expectRebuildsEqualLive(t);
  });
});
