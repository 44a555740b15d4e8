import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { EVENT_STORE } from '../../src/event-store/event-store.module';
import { EsdbTestServer } from '../esdb-server/esdb-test-server';
import { planRaceDay, register, runner } from './race-day-fixtures';
import { startTestApp, TestApp } from './test-app';

const at = (hms: string) => `2018-04-22T${hms}Z`;

/**
 * The whole app on the EventStoreDB adapter, over the real client and the wire protocol (the in-process
 * test server): plan, register, time, publish, correct — the same HTTP flow the embedded store serves.
 */
describe('a race day over HTTP with the event log in EventStoreDB (wire-level test server)', () => {
  let server: EsdbTestServer;
  let t: TestApp;

  beforeAll(async () => {
    server = new EsdbTestServer();
    await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(async () => (t = await startTestApp({ eventStoreConnectionString: server.connectionString })));
  afterEach(async () => t.close());

  it('registers, ingests timing reads and publishes results, then keeps them across a restart', async () => {
    expect(t.app.get(EVENT_STORE)).toBeInstanceOf(EsdbEventStore);
    await planRaceDay(t);
    await t.http().post('/editions/almaty-2018/races/10k/start').set(t.as('timing')).send({ gunTime: at('03:30:00.0') }).expect(201);
    await register(t, runner('21', { raceId: '10k', firstName: 'Islam', lastName: 'Amangos' })).expect(201);
    await register(t, runner('22', { raceId: '10k', firstName: 'Erlan', lastName: 'Zhanasanov' })).expect(201);
    await register(t, runner('21', { raceId: '10k', chipId: 'OTHER' })).expect(409);

    const reads = [
      { readId: 'e1', chipId: 'C00021', pointId: 'start', time: at('03:30:04.0') },
      { readId: 'e2', chipId: 'C00022', pointId: 'start', time: at('03:30:06.0') },
      { readId: 'e3', chipId: 'C00021', pointId: '5k', time: at('03:46:00.0') },
      { readId: 'e4', chipId: 'C00022', pointId: '5k', time: at('03:46:30.0') },
      { readId: 'e5', chipId: 'C00022', pointId: 'finish', time: at('04:02:10.3') },
      { readId: 'e6', chipId: 'C00021', pointId: 'finish', time: at('04:02:44.3') },
      { readId: 'e6', chipId: 'C00021', pointId: 'finish', time: at('04:02:44.3') },
    ];
    const ingest = await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads }).expect(200);
    expect(ingest.body.summary).toMatchObject({ accepted: 6, duplicate: 1 });

    const results = await t.http().get('/editions/almaty-2018/races/10k/results').expect(200);
    expect(results.body.rows.map((r: { place: number; bib: string; gunTime: string; netTime: string }) => [r.place, r.bib, r.gunTime, r.netTime])).toEqual([
      [1, '22', '0:32:11', '0:32:05'],
      [2, '21', '0:32:45', '0:32:41'],
    ]);

    await t.http().post('/editions/almaty-2018/entries/22/disqualifications').set(t.as('organiser')).send({ rule: 'TR 54.7', reason: 'cut the course' }).expect(201);
    expect((await t.http().get('/editions/almaty-2018/races/10k/results').expect(200)).body.rows[0]).toMatchObject({ bib: '21', place: 1 });
    expect((await t.http().get('/health').expect(200)).body.status).toBe('ok');

    const dataDir = t.dataDir;
    await t.close();
    t = await startTestApp({ eventStoreConnectionString: server.connectionString, dataDir });
    expect((await t.http().get('/editions/almaty-2018/races/10k/results').expect(200)).body.rows.map((r: { bib: string; status: string }) => [r.bib, r.status])).toEqual([
      ['21', 'finished'],
      ['22', 'DSQ'],
    ]);
  });
});
