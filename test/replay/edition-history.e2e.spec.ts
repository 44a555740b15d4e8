import { startTestApp, TestApp } from '../http/test-app';
import { EDITION, seedRaceDay } from './replay-fixtures';

describe('an edition as it stood, and what changed between two moments, over HTTP', () => {
  let t: TestApp;
  let at: Awaited<ReturnType<typeof seedRaceDay>>;
  beforeAll(async () => {
    t = await startTestApp();
    at = await seedRaceDay(t);
  });
  afterAll(async () => t.close());

  const get = (path: string) => t.http().get(`/editions/${EDITION}/${path}`);
  const podium = (rows: { bib: string; place: number | null; gunTime: string | null; status: string }[]) =>
    rows.map((row) => [row.bib, row.place, row.gunTime, row.status]);

  it('shows results as they stood at a log position, and as they stand now', async () => {
    const then = await get(`as-of?model=results&raceId=marathon&at=${at.firstFinishes}`).expect(200);
    expect(then.body).toMatchObject({ editionId: EDITION, model: 'results', asOf: { position: at.firstFinishes }, position: at.firstFinishes });
    expect(podium(then.body.view.races[0].rows)).toEqual([
      ['1', 1, '2:33:04', 'finished'],
      ['2', 2, '2:35:10', 'finished'],
      ['3', null, null, 'notStarted'],
    ]);
    expect(then.body.view.races[0].records.eventRecords).toEqual([expect.objectContaining({ gender: 'M', bib: '1', time: '2:33:04' })]);
    const now = await get(`as-of?model=results&raceId=marathon&at=${new Date(Date.now() + 60_000).toISOString()}`).expect(200);
    expect(now.body.position).toBe(at.final);
    expect(podium(now.body.view.races[0].rows)).toEqual([
      ['2', 1, '2:32:59', 'finished'],
      ['1', 2, '2:33:04', 'finished'],
      ['3', 3, '2:38:00', 'finished'],
    ]);
    const current = await get('races/marathon/results').expect(200);
    expect(now.body.view.races[0].rows).toEqual(current.body.rows);
    expect(now.body.view.races[0].records).toEqual((await get('races/marathon/records').expect(200)).body);

    const beforeAnything = await get('as-of?model=results&at=2000-01-01T00:00:00%2B06:00').expect(200);
    expect(beforeAnything.body).toMatchObject({ asOf: { instant: '1999-12-31T18:00:00.000Z' }, position: -1, view: { races: [] } });
  });

  it('lists what changed per bib between two moments', async () => {
    const diff = await get(`diff?model=results&raceId=marathon&from=${at.firstFinishes}&to=${at.final}`).expect(200);
    expect(diff.body.summary).toEqual({ added: 0, removed: 0, changed: 3 });
    expect(diff.body.changes).toEqual([
      {
        key: 'marathon/2',
        change: 'changed',
        fields: ['place', 'gunTime', 'netTime'],
        before: { raceId: 'marathon', bib: '2', name: 'Nikolay Grigorov', place: 2, status: 'finished', gunTime: '2:35:10', netTime: '2:35:10', recordsBroken: '' },
        after: { raceId: 'marathon', bib: '2', name: 'Nikolay Grigorov', place: 1, status: 'finished', gunTime: '2:32:59', netTime: '2:32:59', recordsBroken: '' },
      },
      expect.objectContaining({ key: 'marathon/1', fields: ['place'] }),
      expect.objectContaining({ key: 'marathon/3', fields: ['place', 'status', 'gunTime', 'netTime'] }),
    ]);
    const added = await get(`diff?model=results&from=0&to=${at.registered}`).expect(200);
    expect(added.body.changes.map((c: { key: string; change: string }) => `${c.key} ${c.change}`)).toEqual(['marathon/1 added', 'marathon/2 added', 'marathon/3 added']);
  });

  it('shows ekiden standings and charity totals as they stood', async () => {
    const ekiden = await get(`as-of?model=ekiden&at=${at.registered}`).expect(200);
    expect(ekiden.body.view.races[0].rows.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([['Omron', 'notStarted']]);
    const finished = await get(`diff?model=ekiden&from=${at.registered}&to=${at.final}`).expect(200);
    expect(finished.body.changes).toEqual([
      expect.objectContaining({ key: 'ekiden/901', fields: ['place', 'status', 'teamTime'], after: expect.objectContaining({ place: 1, teamTime: '2:28:00' }) }),
    ]);

    const charity = await get(`as-of?model=charity&at=${at.registered}`).expect(200);
    expect(charity.body.view).toMatchObject({ total: 45000, bySource: { entryFees: 45000, donations: 0 }, donations: 0 });
    const donated = await get(`diff?model=charity&from=${at.registered}&to=${at.final}`).expect(200);
    expect(donated.body.changes.map((c: { key: string; before: { amount: number } | null; after: { amount: number } | null }) => [c.key, c.before?.amount ?? null, c.after?.amount ?? null])).toEqual([
      ['total', 45000, 145000],
      ['bySource.donations', 0, 100000],
      ['byCompany.Omron', null, 100000],
      ['unallocated', 45000, 145000],
      ['donations', 0, 1],
    ]);
  });

  it('shows prize money as it stood to finance only', async () => {
    const path = `diff?model=prizes&from=${at.beforePayment}&to=${at.final}`;
    await get(path).expect(401);
    await get(path).set(t.as('timing')).expect(403);
    const paid = await get(path).set(t.as('finance')).expect(200);
    expect(paid.body.changes).toEqual([
      expect.objectContaining({
        key: at.winner,
        fields: ['status', 'paid', 'outstanding'],
        before: expect.objectContaining({ bib: '2', place: 1, amount: 400000, status: 'awarded', paid: 0, outstanding: 400000 }),
        after: expect.objectContaining({ status: 'paid', paid: 400000, outstanding: 0 }),
      }),
    ]);
    const ledger = await get(`as-of?model=prizes&raceId=marathon&at=${at.beforePayment}`).set(t.as('organiser')).expect(200);
    expect(ledger.body.view.totals).toMatchObject({ awarded: 950000, paid: 0, outstanding: 950000 });
    await get(`as-of?model=results&at=${at.final}`).set({ Authorization: 'Bearer wrong-token-000' }).expect(200);
  });

  it('answers bad moments and models with 400, unknown editions and races with 404', async () => {
    const yesterday = await get('as-of?model=results&at=yesterday').expect(400);
    expect(yesterday.body.message).toMatch(/at must be an ISO-8601 instant with an offset .* or a log position/);
    expect((await get('as-of?model=results&at=2018-02-30T00:00:00Z').expect(400)).body.message).toMatch(/not a real calendar time/);
    await get('as-of?model=results&at=2018-04-22T06:00:00').expect(400);
    await get('as-of?at=5').expect(400);
    expect((await get('as-of?model=podium&at=5').expect(400)).body.message).toMatch(/model must be one of results, ekiden, prizes, charity/);
    expect((await get('as-of?model=charity&raceId=marathon&at=5').expect(400)).body.message).toMatch(/raceId does not apply to the charity model/);
    expect((await get('diff?model=results&from=9&to=5').expect(400)).body.message).toMatch(/from must not be later than to/);
    await get('diff?model=results&from=5').expect(400);
    expect((await t.http().get('/editions/nope-1999/as-of?model=results&at=5').expect(404)).body.message).toMatch(/edition nope-1999 does not exist/);
    expect((await get('as-of?model=results&raceId=ultra&at=5').expect(404)).body.message).toMatch(/race ultra does not exist/);
  });
});
