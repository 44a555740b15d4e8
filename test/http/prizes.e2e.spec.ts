import { ekiden, planRaceDay, register, runner } from './race-day-fixtures';
import { expectRebuildsEqualLive, startTestApp, TestApp } from './test-app';

const at = (hms: string) => `2018-04-22T${hms}Z`;
const podium = [
  ['1', 'Mikhail', 'Krasilov', 'KAZ', '05:33:04.0'],
  ['2', 'Nikolay', 'Grigorov', 'RUS', '05:35:10.0'],
  ['3', 'Ortyk', 'Ramazanov', 'UZB', '05:38:00.0'],
  ['4', 'Fourth', 'Runner', 'KAZ', '05:45:00.0'],
] as const;

const eventually = async (check: () => Promise<void>) => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

describe('prize money over HTTP: certification, payments, revocation after a disqualification, reconciliation', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
    await t.http().post('/editions/almaty-2018/races/marathon/start').set(t.as('timing')).send({ gunTime: at('03:00:00.0') }).expect(201);
    for (const [bib, firstName, lastName, country] of podium) {
      await register(t, runner(bib, { firstName, lastName, country })).expect(201);
    }
    const reads = podium.flatMap(([bib, , , , finish]) => [
      { readId: `${bib}-10k`, bib, pointId: '10k', lap: 1, time: at('03:40:00.0') },
      { readId: `${bib}-half`, bib, pointId: 'finish', lap: 1, time: at('04:16:00.0') },
      { readId: `${bib}-31k`, bib, pointId: '10k', lap: 2, time: at('04:55:00.0') },
      { readId: `${bib}-finish`, bib, pointId: 'finish', lap: 2, time: at(finish) },
    ]);
    await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads }).expect(200);
    await t
      .http()
      .put('/editions/almaty-2018/races/marathon/prize-schedule')
      .set(t.as('organiser'))
      .send({ currency: 'KZT', basis: 'gun', prizes: [{ category: 'M', places: [400000, 300000, 250000] }] })
      .expect(200);
  });
  afterEach(async () => t.close());

  const reconciliation = async () => (await t.http().get('/editions/almaty-2018/prizes/reconciliation').set(t.as('finance')).expect(200)).body;

  it('waits for the reads still open for review, listing them, unless overridden with a reason', async () => {
    const late = { readId: 'walk-back', bib: '1', pointId: 'finish', time: at('05:50:00.0') };
    await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads: [late] }).expect(200);
    const certify = (body: Record<string, unknown>) =>
      t.http().post('/editions/almaty-2018/races/marathon/certification').set(t.as('organiser')).send(body);
    const refused = await certify({}).expect(409);
    expect(refused.body).toMatchObject({ message: expect.stringMatching(/1 reads waiting for review/), details: { openReviewItems: ['walk-back'] } });
    await certify({ override: true }).expect(400);
    const certified = await certify({ override: true, reason: 'the walk-back read changes no place' }).expect(201);
    expect(certified.body).toMatchObject({ openReviewItems: ['walk-back'] });
    const trail = await t.http().get('/editions/almaty-2018/audit?type=ResultsCertified').set(t.as('organiser')).expect(200);
    expect(trail.body.entries[0]).toMatchObject({ reason: 'the walk-back read changes no place', schemaVersion: 2 });
  });

  it('awards on certification, and a disqualification after payment becomes money to recover', async () => {
    const certified = await t.http().post('/editions/almaty-2018/races/marathon/certification').set(t.as('organiser')).expect(201);
    expect(certified.body.awards.map((a: { bib: string; place: number; amount: number; time: string }) => [a.bib, a.place, a.amount, a.time])).toEqual([
      ['1', 1, 400000, '2:33:04'],
      ['2', 2, 300000, '2:35:10'],
      ['3', 3, 250000, '2:38:00'],
    ]);
    await t.http().post('/editions/almaty-2018/races/marathon/certification').set(t.as('organiser')).expect(409);

    const winner = certified.body.awards[0].awardId;
    await t.http().post(`/editions/almaty-2018/prizes/${winner}/payments`).set(t.as('finance')).send({ amount: 150000, reference: 'KASPI-1' }).expect(201);
    const paid = await t.http().post(`/editions/almaty-2018/prizes/${winner}/payments`).set(t.as('finance')).send({ amount: 250000, reference: 'KASPI-2' }).expect(201);
    expect(paid.body).toMatchObject({ status: 'paid', paid: 400000, outstanding: 0 });
    await t.http().post(`/editions/almaty-2018/prizes/${certified.body.awards[1].awardId}/payments`).set(t.as('finance')).send({ amount: 1, reference: 'KASPI-1' }).expect(409);

    await t.http().post('/editions/almaty-2018/entries/1/disqualifications').set(t.as('organiser')).send({ rule: 'TR 6.3', reason: 'unauthorised pacing' }).expect(201);
    await eventually(async () => {
      const report = await reconciliation();
      const byBib = (bib: string, status: string) => report.awards.find((a: { bib: string; status: string }) => a.bib === bib && a.status === status);
      expect(byBib('1', 'revoked')).toMatchObject({ place: 1, awarded: 400000, revoked: 400000, paid: 400000, toRecover: 400000, outstanding: 0 });
      expect(byBib('2', 'awarded')).toMatchObject({ place: 1, amount: 400000, outstanding: 400000 });
      expect(byBib('4', 'awarded')).toMatchObject({ place: 3, amount: 250000 });
      expect(report.totals).toEqual({
        awarded: 400000 + 300000 + 250000 + 400000 + 300000 + 250000,
        revoked: 400000 + 300000 + 250000,
        paid: 400000,
        recovered: 0,
        outstanding: 400000 + 300000 + 250000,
        toRecover: 400000,
      });
    });

    const audit = await t.http().get('/editions/almaty-2018/audit?type=PrizeRevoked').set(t.as('finance')).expect(200);
    expect(audit.body.entries).toHaveLength(3);
    expect(audit.body.entries[0]).toMatchObject({ actor: { id: 'process:prize-awards' }, causationId: expect.any(String) });

    await t.http().post(`/editions/almaty-2018/prizes/${winner}/payments`).set(t.as('finance')).send({ amount: 1, reference: 'KASPI-3' }).expect(409);
    const recovered = await t.http().post(`/editions/almaty-2018/prizes/${winner}/recoveries`).set(t.as('finance')).send({ amount: 400000, reference: 'REFUND-1' }).expect(201);
    expect(recovered.body).toMatchObject({ toRecover: 0, recovered: 400000 });

    const csv = await t.http().get('/editions/almaty-2018/prizes/reconciliation?format=csv').set(t.as('finance')).expect(200);
    expect(csv.text.split('\r\n')[0]).toBe('awardId,raceId,category,place,bib,runner,time,status,currency,awarded,revoked,paid,recovered,outstanding,toRecover,resultsPosition');
    expect(csv.text).toMatch(/TOTAL,,,,,,,,KZT,1900000,950000,400000,400000,950000,0,/);

    await expectRebuildsEqualLive(t);
  });

  it('a rescinded disqualification gives the runner the award back, with the money already paid on it', async () => {
    const certified = await t.http().post('/editions/almaty-2018/races/marathon/certification').set(t.as('organiser')).expect(201);
    const winner = certified.body.awards[0].awardId;
    await t.http().post(`/editions/almaty-2018/prizes/${winner}/payments`).set(t.as('finance')).send({ amount: 400000, reference: 'KASPI-9' }).expect(201);
    await t.http().post('/editions/almaty-2018/entries/1/disqualifications').set(t.as('organiser')).send({ rule: 'TR 6.3', reason: 'pacing' }).expect(201);
    await eventually(async () => expect((await reconciliation()).totals.toRecover).toBe(400000));
    await t.http().delete('/editions/almaty-2018/entries/1/disqualifications').set(t.as('organiser')).send({ reason: 'appeal upheld' }).expect(200);
    await eventually(async () => {
      const report = await reconciliation();
      const krasilov = report.awards.filter((a: { bib: string }) => a.bib === '1');
      expect(krasilov.map((a: { status: string; paid: number; toRecover: number; outstanding: number }) => [a.status, a.paid, a.toRecover, a.outstanding])).toEqual([
        ['revoked', 0, 0, 0],
        ['paid', 400000, 0, 0],
      ]);
      expect(krasilov[1].awardId).toMatch(/^marathon:M:1:1:40000000:r\d+$/);
      expect(report.totals).toMatchObject({ paid: 400000, toRecover: 0, outstanding: 300000 + 250000 });
    });
  });

  it('refuses a prize schedule on a relay', async () => {
    await t.http().post('/editions/almaty-2018/races').set(t.as('organiser')).send(ekiden).expect(201);
    const relay = await t.http().put('/editions/almaty-2018/races/ekiden/prize-schedule').set(t.as('organiser')).send({ currency: 'KZT', basis: 'gun', prizes: [{ category: 'overall', places: [100] }] }).expect(400);
    expect(relay.body.message).toMatch(/relay/);
  });

  it('refuses bad schedules and payments, and keeps money to finance', async () => {
    const bad = await t.http().put('/editions/almaty-2018/races/marathon/prize-schedule').set(t.as('organiser')).send({ currency: 'KZT', basis: 'chip', prizes: [{ category: 'Men', places: [-1] }] }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['basis', 'prizes.0.category', 'prizes.0.places']);
    await t.http().put('/editions/almaty-2018/races/marathon/prize-schedule').set(t.as('organiser')).send({ currency: 'USD', basis: 'gun', prizes: [{ category: 'M', places: [1] }] }).expect(400);
    await t.http().put('/editions/almaty-2018/races/marathon/prize-schedule').set(t.as('organiser')).send({ currency: 'KZT', basis: 'gun', prizes: [{ category: 'M', places: [0.001] }] }).expect(400);
    await t.http().put('/editions/almaty-2018/races/ultra/prize-schedule').set(t.as('organiser')).send({ currency: 'KZT', basis: 'gun', prizes: [{ category: 'M', places: [1] }] }).expect(404);
    await t.http().post('/editions/almaty-2018/races/marathon/certification').set(t.as('organiser')).expect(201);
    await t.http().post('/editions/almaty-2018/prizes/nope/payments').set(t.as('finance')).send({ amount: 1, reference: 'X' }).expect(404);
    const awards = (await t.http().get('/editions/almaty-2018/prizes').set(t.as('finance')).expect(200)).body;
    await t.http().post(`/editions/almaty-2018/prizes/${awards[0].awardId}/payments`).set(t.as('finance')).send({ amount: 500000, reference: 'BIG' }).expect(409);
    await t.http().post(`/editions/almaty-2018/prizes/${awards[0].awardId}/payments`).set(t.as('organiser')).send({ amount: 1, reference: 'Y' }).expect(403);
    await t.http().get('/editions/almaty-2018/prizes').expect(401);
  });
});
