import { randomUUID } from 'node:crypto';
import { DomainEvent } from '../../src/decider/decider';
import { EventStore } from '../../src/event-store/event-store';
import { EVENT_STORE } from '../../src/event-store/event-store.module';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import {
  after,
  finishRecorded,
  runnerRegistered,
  splitRecorded,
  tenKFinish,
} from '../results/results-fixtures';
import { tenK } from './race-day-fixtures';
import { startTestApp, TestApp } from './test-app';

const GUN_10K = '2018-04-22T03:00:00.000Z';
const GUN_MARATHON = '2018-04-22T02:00:00.000Z';

const edition = (editionId: string, number: number, date: string) => ({
  editionId,
  name: `${number}th Almaty Marathon`,
  number,
  city: 'Almaty',
  date,
  timezone: 'Asia/Almaty',
  currency: 'KZT',
});

const marathon = (courseId: string) => ({
  raceId: 'marathon',
  name: 'Marathon',
  distanceM: 42195,
  laps: 2,
  kind: 'individual',
  minAge: 18,
  courseId,
  timingPoints: [
    { pointId: 'finish', distanceM: 21097.5, lap: 1 },
    { pointId: 'finish', distanceM: 42195, lap: 2 },
  ],
});

/** Registrations and reads are appended to the entry streams as the command side appends them, to set up exact times. */
const append = async (t: TestApp, events: DomainEvent[]): Promise<number> => {
  const store = t.app.get<EventStore>(EVENT_STORE);
  let position = -1;
  for (const event of events) {
    const { editionId, bib } = event.data as { editionId: string; bib: string };
    const appended = await store.appendToStream(`entry-${editionId}-${bib}`, [
      {
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: {
          actor: { id: 'timing#e2e', role: 'timing' },
          correlationId: 'results-e2e',
          occurredAt: new Date().toISOString(),
          schemaVersion: 1,
        },
      },
    ]);
    position = appended.position;
  }
  await t.app.get(ProjectionRunner).waitFor(position);
  return position;
};

const planEdition = async (t: TestApp, editionId: string, number: number, date: string, races: object[], guns: [string, string][]) => {
  await t.http().post('/editions').set(t.as('organiser')).send(edition(editionId, number, date)).expect(201);
  for (const race of races) await t.http().post(`/editions/${editionId}/races`).set(t.as('organiser')).send(race).expect(201);
  for (const [raceId, gunTime] of guns) {
    await t.http().post(`/editions/${editionId}/races/${raceId}/start`).set(t.as('organiser')).send({ gunTime }).expect(201);
  }
};

const fiveK = (bib: string, raceTime: string) => splitRecorded({ bib, pointId: '5k', distanceM: 5000, time: after(GUN_10K, raceTime) });
const startMat = (bib: string, raceTime: string) => splitRecorded({ bib, pointId: 'start', distanceM: 0, time: after(GUN_10K, raceTime) });

const marathonFinish = (editionId: string, gun: string, bib: string, raceTime: string) => [
  splitRecorded({ editionId, raceId: 'marathon', bib, pointId: 'finish', lap: 1, distanceM: 21097.5, time: after(gun, '1:15:00') }),
  finishRecorded({ editionId, raceId: 'marathon', bib, pointId: 'finish', lap: 2, distanceM: 42195, time: after(gun, raceTime) }),
];

/** The 10 km of the 7th edition: a tie, a start-mat runner, a DNF and a DNS. */
const tenKDay: DomainEvent[] = [
  runnerRegistered('101', { firstName: 'Islam', lastName: 'Amangos', country: 'KAZ', dateOfBirth: '1983-04-22', club: 'Kairat' }),
  runnerRegistered('102', { firstName: 'Zhanna', lastName: 'Momyrzhanova', gender: 'F', country: 'KAZ' }),
  runnerRegistered('103', { firstName: 'Ruslan', lastName: 'Oglov', country: 'RUS' }),
  runnerRegistered('104', { firstName: 'Erlan', lastName: 'Zhanasanov', country: 'KAZ' }),
  runnerRegistered('110', { firstName: 'Aiman', lastName: 'Radova', gender: 'F', country: 'UZB' }),
  startMat('101', '0:00:05'), fiveK('101', '0:15:05'), tenKFinish('101', '0:31:00.2'),
  startMat('103', '0:00:10'), fiveK('103', '0:15:30'), tenKFinish('103', '0:31:00.2'),
  fiveK('102', '0:17:00'), tenKFinish('102', '0:34:44.3'),
  startMat('104', '0:00:30'), fiveK('104', '0:16:00'),
];

describe('results over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await planEdition(t, 'almaty-2017', 6, '2017-04-23', [marathon('almaty-first-presidents-park')], [['marathon', '2017-04-23T02:00:00.000Z']]);
    await planEdition(t, 'almaty-2018', 7, '2018-04-22', [tenK, marathon('almaty-new-square-2018')], [['10k', GUN_10K], ['marathon', GUN_MARATHON]]);
    await append(t, [
      runnerRegistered('7', { editionId: 'almaty-2017', raceId: 'marathon', firstName: 'Nikolay', lastName: 'Grigorov', country: 'RUS' }),
      ...marathonFinish('almaty-2017', '2017-04-23T02:00:00.000Z', '7', '2:30:09'),
      runnerRegistered('1', { raceId: 'marathon', firstName: 'Mikhail', lastName: 'Krasilov', country: 'KAZ' }),
      ...marathonFinish('almaty-2018', GUN_MARATHON, '1', '2:33:00'),
      ...tenKDay,
    ]);
  });
  afterAll(async () => t.close());

  const results = (query = '') => t.http().get(`/editions/almaty-2018/races/10k/results${query}`);

  it('places finishers by gun time, ties sharing a place, then runners on the course and not started', async () => {
    const { body } = await results().expect(200);
    expect(body).toMatchObject({ editionId: 'almaty-2018', raceId: '10k', total: 5, limit: 100, offset: 0 });
    expect(body.rows.map((r: Record<string, unknown>) => [r.bib, r.place, r.tied, r.status, r.gunTime, r.netTime])).toEqual([
      ['101', 1, true, 'finished', '0:31:01', '0:30:56'],
      ['103', 1, true, 'finished', '0:31:01', '0:30:51'],
      ['102', 3, false, 'finished', '0:34:45', '0:34:45'],
      ['104', null, false, 'onCourse', null, null],
      ['110', null, false, 'notStarted', null, null],
    ]);
    expect(body.rows[0]).toMatchObject({
      firstName: 'Islam',
      lastName: 'Amangos',
      gender: 'M',
      country: 'KAZ',
      club: 'Kairat',
      category: 'M35',
      genderPlace: 1,
      categoryPlace: 1,
      pace: '3:06',
    });
    expect(body.rows[2]).toMatchObject({ category: 'FOPEN', genderPlace: 1 });
    expect(body.rows[1].splits).toEqual([
      expect.objectContaining({ pointId: '5k', segmentFrom: null, segmentTime: '0:15:20', segmentRank: 2, gunTime: '0:15:30' }),
      expect.objectContaining({ pointId: 'finish', segmentFrom: { pointId: '5k', lap: 1 }, segmentTime: '0:15:31', segmentRank: 1, finish: true }),
    ]);
  });

  it('filters by gender, category, country and a bib or name, without re-ranking, and pages', async () => {
    const bibs = async (query: string) => (await results(query).expect(200)).body.rows.map((r: { bib: string }) => r.bib);
    expect(await bibs('?gender=F')).toEqual(['102', '110']);
    expect(await bibs('?category=m35')).toEqual(['101']);
    expect(await bibs('?country=kaz')).toEqual(['101', '102', '104']);
    expect(await bibs('?q=ZHAN')).toEqual(['102', '104']);
    expect(await bibs('?q=oglov%20ruslan')).toEqual(['103']);
    expect(await bibs('?q=10')).toEqual(['101', '103', '102', '104', '110']);
    const page = await results('?gender=M&limit=2&offset=1').expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.body.rows.map((r: { bib: string; place: number }) => [r.bib, r.place])).toEqual([['103', 1], ['104', null]]);
  });

  it('answers 400 to invalid queries and 404 to an unknown edition or race', async () => {
    const invalid = [
      '?limit=0', '?limit=1001', '?limit=ten', '?offset=-1', '?gender=X', '?category=veterans',
      '?asOf=yesterday', '?asOf=2018-02-30T00:00:00Z', '?sort=name', '?format=xml',
    ];
    for (const query of invalid) {
      const response = await results(query);
      expect([query, response.status]).toEqual([query, 400]);
    }
    expect((await t.http().get('/editions/nowhere/races/10k/results').expect(404)).body.message).toMatch(/edition nowhere/);
    expect((await t.http().get('/editions/almaty-2018/races/ultra/results').expect(404)).body.message).toMatch(/race ultra/);
    await t.http().get('/editions/almaty-2018/races/ultra/results.csv').expect(404);
    await t.http().get('/editions/almaty-2018/races/ultra/records').expect(404);
    await t.http().get('/editions/almaty-2018/races/ultra/live').expect(404);
    await t.http().get('/editions/almaty-2018/entries/999').expect(404);
    await t.http().get('/editions/nowhere/statistics').expect(404);
  });

  it('exports CSV with a header and the same filters, at results.csv or with format=csv', async () => {
    const csv = await t.http().get('/editions/almaty-2018/races/10k/results.csv?country=KAZ').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="almaty-2018-10k-results.csv"');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('place,tied,bib,firstName,lastName,gender,category,genderPlace,categoryPlace,country,club,status,gunTime,netTime,pace,5k');
    expect(lines.slice(1)).toEqual([
      '1,true,101,Islam,Amangos,M,M35,1,1,KAZ,Kairat,finished,0:31:01,0:30:56,3:06,0:15:05',
      '3,false,102,Zhanna,Momyrzhanova,F,FOPEN,1,1,KAZ,,finished,0:34:45,0:34:45,3:29,0:17:00',
      ',false,104,Erlan,Zhanasanov,M,MOPEN,,,KAZ,,onCourse,,,,0:16:00',
    ]);
    const same = await results('?format=csv&country=KAZ').expect(200);
    expect(same.headers['content-type']).toMatch(/^text\/csv/);
    expect(same.text).toBe(csv.text);
  });

  it('shows one runner\'s card: details, status, places, splits and the events of the entry', async () => {
    const { body } = await t.http().get('/editions/almaty-2018/entries/103').expect(200);
    expect(body).toMatchObject({
      editionId: 'almaty-2018',
      raceId: '10k',
      raceName: '10 km',
      bib: '103',
      firstName: 'Ruslan',
      lastName: 'Oglov',
      country: 'RUS',
      category: 'MOPEN',
      status: 'finished',
      place: 1,
      tied: true,
      gunTime: '0:31:01',
      netTime: '0:30:51',
    });
    expect(body.dateOfBirth).toBeUndefined();
    expect(body.splits.map((s: { pointId: string; segmentRank: number }) => [s.pointId, s.segmentRank])).toEqual([['5k', 2], ['finish', 1]]);
    expect(body.history.map((h: { type: string }) => h.type)).toEqual(['RunnerRegistered', 'SplitRecorded', 'SplitRecorded', 'FinishRecorded']);
    expect(body.history[0]).toEqual({ type: 'RunnerRegistered', recordedAt: expect.any(String), occurredAt: expect.any(String), position: expect.any(Number), summary: 'registered for 10k with bib 103' });
  });

  it('gives event and course records: 2:30:09 from the 6th edition stands, the new course starts afresh', async () => {
    const { body } = await t.http().get('/editions/almaty-2018/races/marathon/records').expect(200);
    expect(body).toMatchObject({ editionId: 'almaty-2018', raceId: 'marathon', series: 'almaty', courseId: 'almaty-new-square-2018' });
    expect(body.eventRecords).toEqual([
      expect.objectContaining({
        gender: 'M',
        time: '2:30:09',
        lastName: 'Grigorov',
        country: 'RUS',
        editionId: 'almaty-2017',
        brokenInThisEdition: false,
        previous: expect.objectContaining({ time: '2:30:09', editionId: 'almaty-2017' }),
      }),
    ]);
    expect(body.courseRecords).toEqual([
      expect.objectContaining({
        gender: 'M',
        time: '2:33:00',
        lastName: 'Krasilov',
        editionId: 'almaty-2018',
        brokenInThisEdition: false,
        previous: null,
      }),
    ]);
    const winner = async () => (await t.http().get('/editions/almaty-2018/races/marathon/results?limit=1').expect(200)).body.rows[0];
    expect(await winner()).toMatchObject({ lastName: 'Krasilov', recordsBroken: [] });
  });

  it('flags the result that breaks a record', async () => {
    const { body: card } = await t.http().get('/editions/almaty-2018/races/marathon/results?limit=1').expect(200);
    const gunTime = (await t.http().get('/editions/almaty-2018').expect(200)).body.races.find((r: { raceId: string }) => r.raceId === 'marathon').guns[0].gunTime;
    const faster = new Date(Date.parse(gunTime) + (2 * 3600 + 29 * 60) * 1000).toISOString();
    await t
      .http()
      .post(`/editions/almaty-2018/entries/${card.rows[0].bib}/corrections`)
      .set(t.as('organiser'))
      .send({ pointId: 'finish', lap: 2, time: faster, reason: 'test: a record-breaking time' })
      .expect(201);
    const { body } = await t.http().get('/editions/almaty-2018/races/marathon/results?limit=1').expect(200);
    expect(body.rows[0]).toMatchObject({ lastName: 'Krasilov', gunTime: '2:29:00', recordsBroken: ['event'] });
    const records = (await t.http().get('/editions/almaty-2018/races/marathon/records').expect(200)).body;
    expect(records.eventRecords[0]).toMatchObject({ time: '2:29:00', brokenInThisEdition: true, previous: expect.objectContaining({ time: '2:30:09' }) });
  });

  it('counts entrants, their countries and entrants per race', async () => {
    const { body } = await t.http().get('/editions/almaty-2018/statistics').expect(200);
    expect(body).toEqual({
      editionId: 'almaty-2018',
      entrants: 6,
      countries: 3,
      byRace: { '10k': 5, marathon: 1 },
      byCountry: { KAZ: 4, RUS: 1, UZB: 1 },
    });
  });

  it('documents the routes in the OpenAPI document, and reports the projection in health', async () => {
    const openapi = await t.http().get('/api-json').expect(200);
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/editions/{editionId}/races/{raceId}/results',
        '/editions/{editionId}/races/{raceId}/results.csv',
        '/editions/{editionId}/races/{raceId}/live',
        '/editions/{editionId}/races/{raceId}/records',
        '/editions/{editionId}/entries/{bib}',
        '/editions/{editionId}/statistics',
      ]),
    );
    const health = await t.http().get('/health').expect(200);
    expect(health.body.projections.projections.map((p: { name: string }) => p.name)).toContain('results');
  });
});

describe('results as they stood', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planEdition(t, 'almaty-2018', 7, '2018-04-22', [tenK], [['10k', GUN_10K]]);
  });
  afterEach(async () => t.close());

  const placesOf = async (query: string) =>
    (await t.http().get(`/editions/almaty-2018/races/10k/results${query}`).expect(200)).body.rows.map(
      (r: { bib: string; place: number | null; status: string }) => [r.bib, r.place, r.status],
    );

  it('rebuilds the results up to a log position or a moment', async () => {
    await append(t, [runnerRegistered('1'), runnerRegistered('2'), tenKFinish('2', '0:40:00')]);
    const before = await append(t, [fiveK('1', '0:19:00')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const moment = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await append(t, [tenKFinish('1', '0:38:00')]);

    expect(await placesOf('')).toEqual([['1', 1, 'finished'], ['2', 2, 'finished']]);
    expect(await placesOf(`?asOf=${before}`)).toEqual([['2', 1, 'finished'], ['1', null, 'onCourse']]);
    expect(await placesOf(`?asOf=${moment}`)).toEqual([['2', 1, 'finished'], ['1', null, 'onCourse']]);
    const asOf = await t.http().get(`/editions/almaty-2018/races/10k/results?asOf=${before}`).expect(200);
    expect(asOf.body.asOf).toEqual({ position: before });
    await t.http().get('/editions/almaty-2018/races/10k/results?asOf=2000-01-01T00:00:00Z').expect(404);
  });

  it('agrees with the command side: registrations and timing reads sent over HTTP', async () => {
    const register = (bib: string, lastName: string) =>
      t.http().post('/editions/almaty-2018/entries').set(t.as('organiser')).send({
        bib, chipId: `C${bib}`, raceId: '10k', firstName: 'Runner', lastName, gender: 'M', dateOfBirth: '1990-01-01', country: 'KAZ',
      }).expect(201);
    await register('201', 'First');
    await register('202', 'Second');
    const reads = [
      { readId: 'r1', chipId: 'C201', pointId: 'start', time: after(GUN_10K, '0:00:12') },
      { readId: 'r2', chipId: 'C201', pointId: '5k', time: after(GUN_10K, '0:18:00') },
      { readId: 'r3', chipId: 'C202', pointId: '5k', time: after(GUN_10K, '0:17:00') },
      { readId: 'r4', chipId: 'C201', pointId: 'finish', time: after(GUN_10K, '0:36:00.4') },
      { readId: 'r4', chipId: 'C201', pointId: 'finish', time: after(GUN_10K, '0:36:00.4') },
    ];
    await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads }).expect(200);
    await t.app.get(ProjectionRunner).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition());
    const { body } = await t.http().get('/editions/almaty-2018/races/10k/results').expect(200);
    expect(body.rows.map((r: Record<string, unknown>) => [r.bib, r.place, r.status, r.gunTime, r.netTime])).toEqual([
      ['201', 1, 'finished', '0:36:01', '0:35:49'],
      ['202', null, 'onCourse', null, null],
    ]);
  });
});
