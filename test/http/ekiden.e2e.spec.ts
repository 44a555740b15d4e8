import { almaty2018, ekiden } from './race-day-fixtures';
import { expectRebuildsEqualLive, startTestApp, TestApp } from './test-app';

const team = (bib: string, name: string, category: string, organisation?: string) => ({
  bib,
  chipId: `SASH${bib}`,
  raceId: 'ekiden',
  name,
  category,
  ...(organisation && { organisation }),
  runners: [1, 2, 3, 4, 5, 6].map((leg) => ({ leg, firstName: `${name} leg`, lastName: String(leg), gender: leg % 2 ? 'M' : 'F', dateOfBirth: '1990-03-03', country: 'KAZ' })),
});
const at = (minutes: number) => new Date(Date.parse('2018-04-22T03:00:00.000Z') + minutes * 60000).toISOString();

describe('ekiden over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await t.http().post('/editions').set(t.as('organiser')).send(almaty2018).expect(201);
    await t.http().post('/editions/almaty-2018/races').set(t.as('organiser')).send(ekiden).expect(201);
    await t.http().post('/editions/almaty-2018/races/ekiden/start').set(t.as('timing')).send({ gunTime: at(0) }).expect(201);
    for (const [bib, name, category, organisation] of [
      ['1', 'Batyr-1', 'military', 'Presidential Regiment'],
      ['2', 'Omron', 'corporate', 'Omron'],
      ['3', 'Batyr-2', 'military', 'Presidential Regiment'],
      ['4', 'Tengrinews.kz', 'media', 'Effective Media Liaison'],
    ] as const) {
      await t.http().post('/editions/almaty-2018/ekiden/teams').set(t.as('organiser')).send(team(bib, name, category, organisation)).expect(201);
    }
  });
  afterEach(async () => t.close());

  const legsOf = (bib: string, exchangeMinutes: number[], points = ['x1', 'x2', 'x3', 'x4', 'x5', 'finish']) =>
    points.map((pointId, index) => ({ readId: `${bib}-${pointId}`, chipId: `SASH${bib}`, pointId, time: at(exchangeMinutes[index]!) }));

  it('ranks teams by team time with per-leg times from the exchange mats', async () => {
    const reads = [
      ...legsOf('1', [16, 50, 67, 102, 119, 144]),
      ...legsOf('2', [17, 52, 69, 105, 122, 148]),
      ...legsOf('3', [17, 53, 70, 106, 123, 150]),
      ...legsOf('4', [25, 80, 165, 192, 235], ['x1', 'x2', 'x4', 'x5', 'finish']),
    ];
    const response = await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads }).expect(200);
    expect(response.body.summary.accepted).toBe(reads.length);

    const standings = await t.http().get('/editions/almaty-2018/ekiden/standings').expect(200);
    expect(standings.body.rows.map((r: { name: string; place: number; teamTime: string }) => [r.name, r.place, r.teamTime])).toEqual([
      ['Batyr-1', 1, '2:24:00'],
      ['Omron', 2, '2:28:00'],
      ['Batyr-2', 3, '2:30:00'],
      ['Tengrinews.kz', 4, '3:55:00'],
    ]);
    expect(standings.body.rows[0].legs[1]).toEqual({ leg: 2, runner: 'Batyr-1 leg 2', time: '0:34:00', rank: 1 });
    expect(standings.body.rows[3].missingExchanges).toEqual(['x3']);
    expect(standings.body.rows[3].legs[2].time).toBeNull();
    const military = await t.http().get('/editions/almaty-2018/ekiden/standings?category=military').expect(200);
    expect(military.body.rows.map((r: { name: string; categoryPlace: number }) => [r.name, r.categoryPlace])).toEqual([
      ['Batyr-1', 1],
      ['Batyr-2', 2],
    ]);

    await t.http().post('/editions/almaty-2018/entries/1/disqualifications').set(t.as('organiser')).send({ rule: 'TR 54.7', reason: 'leg 2 cut the course', leg: 2 }).expect(201);
    const after = await t.http().get('/editions/almaty-2018/ekiden/standings').expect(200);
    expect(after.body.rows.map((r: { name: string; place: number | null; status: string }) => [r.name, r.place, r.status])).toEqual([
      ['Omron', 1, 'finished'],
      ['Batyr-2', 2, 'finished'],
      ['Tengrinews.kz', 3, 'finished'],
      ['Batyr-1', null, 'DSQ'],
    ]);
    expect(after.body.rows[3].disqualification).toEqual({ rule: 'TR 54.7', leg: 2 });
    await expectRebuildsEqualLive(t);
  });

  it('answers 400, 404 and 409 to bad teams, and only organisers register them', async () => {
    const bad = await t.http().post('/editions/almaty-2018/ekiden/teams').set(t.as('organiser')).send({ ...team('9', 'X', 'pirates'), runners: [] }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'runners']);
    const missingLeg = await t.http().post('/editions/almaty-2018/ekiden/teams').set(t.as('organiser')).send({ ...team('9', 'X', 'open'), runners: team('9', 'X', 'open').runners.slice(1) }).expect(400);
    expect(missingLeg.body.message).toMatch(/one runner for each of legs/);
    await t.http().post('/editions/almaty-2018/ekiden/teams').set(t.as('organiser')).send(team('1', 'Again', 'open')).expect(409);
    await t.http().post('/editions/almaty-2018/ekiden/teams').set(t.as('organiser')).send({ ...team('9', 'X', 'open'), chipId: 'SASH1' }).expect(409);
    await t.http().post('/editions/almaty-2018/entries/2/disqualifications').set(t.as('organiser')).send({ rule: 'X', reason: 'none', leg: 9 }).expect(400);
    await t.http().get('/editions/nowhere/ekiden/standings').expect(404);
    await t.http().post('/editions/almaty-2018/ekiden/teams').set(t.as('timing')).send(team('9', 'X', 'open')).expect(403);
  });
});
