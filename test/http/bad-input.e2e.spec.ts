import request from 'supertest';
import { almaty2018, marathon, planRaceDay, register, runner } from './race-day-fixtures';
import { startTestApp, TestApp } from './test-app';

const at = (hms: string) => `2018-04-22T${hms}Z`;
const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field);

/** The one body every refusal has: its status, what kind of error, and why. */
const expectErrorBody = (response: { status: number; body: unknown; headers: Record<string, string> }) => {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toEqual(
    expect.objectContaining({ statusCode: response.status, error: expect.stringMatching(/\w/), message: expect.stringMatching(/\w/) }),
  );
};

describe('bad input over HTTP: a clear 4xx, and nothing breaks', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
    await t.http().post('/editions/almaty-2018/races/10k/start').set(t.as('timing')).send({ gunTime: at('03:30:00.0') }).expect(201);
    await register(t, runner('7', { raceId: '10k' })).expect(201);
  });
  afterEach(async () => t.close());

  const postJson = (path: string, role: 'organiser' | 'timing' | 'finance', json: string) =>
    t.http().post(path).set(t.as(role)).set('Content-Type', 'application/json').send(json);

  it('refuses a body nested 5,000 levels deep with 400 before validation walks it, on any write route', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const edition = await postJson('/editions', 'organiser', `{"editionId":"x","extra":${deep}}`).expect(400);
    expect(edition.body.message).toMatch(/extra\.a\.a.* nests deeper than the 32 levels a body may have/);
    expectErrorBody(edition);
    const reads = `{"reads":[{"readId":"r1","pointId":"finish","time":"${at('04:00:00')}","x":${'['.repeat(5000)}${']'.repeat(5000)}}]}`;
    await postJson('/editions/almaty-2018/timing/reads', 'timing', reads).expect(400);
    await t.http().get('/health').expect(200);
  });

  it('answers 400 naming the field to a distance in exponent notation, and to arrays where objects are expected', async () => {
    const tiny = await t
      .http()
      .post('/editions/almaty-2018/races')
      .set(t.as('organiser'))
      .send({ ...marathon, raceId: 'tiny', distanceM: 1e-7, timingPoints: [{ pointId: 'finish', distanceM: 1e-7 }] })
      .expect(400);
    expect(fieldsOf(tiny.body)).toEqual(['distanceM', 'timingPoints.0.distanceM']);
    expect(tiny.body.message).toMatch(/distanceM must be a number with at most 1 decimal/);

    const schedule = { currency: 'KZT', basis: 'gun', prizes: [[{ category: 'M', places: [400000] }]] };
    const prizes = await t.http().put('/editions/almaty-2018/races/marathon/prize-schedule').set(t.as('organiser')).send(schedule).expect(400);
    expect(prizes.body.message).toMatch(/prizes \(each of prizes must be an object/);
    const points = await t
      .http()
      .post('/editions/almaty-2018/races')
      .set(t.as('organiser'))
      .send({ ...marathon, raceId: 'nested', timingPoints: [[{ pointId: 'finish', distanceM: 42195 }]] })
      .expect(400);
    expect(fieldsOf(points.body)).toContain('timingPoints');
    const reads = await t
      .http()
      .post('/editions/almaty-2018/timing/reads')
      .set(t.as('timing'))
      .send({ reads: [[{ readId: 'r1', chipId: 'C00007', pointId: 'finish', time: at('04:00:00') }]] })
      .expect(400);
    expect(fieldsOf(reads.body)).toContain('reads');
    expect((await t.http().get('/editions/almaty-2018').expect(200)).body.races.map((r: { raceId: string }) => r.raceId)).toEqual(['marathon', '10k']);
  });

  it('refuses null for a field, where a value is required or may be left out: charity currency, a corrected country', async () => {
    const donation = await t.http().post('/editions/almaty-2018/charity/donations').set(t.as('finance')).send({ amount: 5, donor: 'A', currency: null }).expect(400);
    expect(fieldsOf(donation.body)).toEqual(['currency']);
    expect(donation.body.message).toMatch(/currency must not be null: leave it out, or give it a value/);
    const allocation = await t.http().post('/editions/almaty-2018/charity/allocations').set(t.as('finance')).send({ amount: 5, cause: 'x', currency: null }).expect(400);
    expect(fieldsOf(allocation.body)).toEqual(['currency']);

    await register(t, runner('8', { raceId: '10k', country: 'RUS' })).expect(201);
    const corrected = await t.http().patch('/editions/almaty-2018/entries/7').set(t.as('organiser')).send({ country: null, reason: 'unknown' }).expect(400);
    expect(fieldsOf(corrected.body)).toEqual(['country']);
    await register(t, runner('9', { raceId: '10k', club: null })).expect(400);
    const statistics = await t.http().get('/editions/almaty-2018/statistics').expect(200);
    expect(statistics.body).toMatchObject({ entrants: 2, byCountry: { KAZ: 1, RUS: 1 } });
  });

  it('refuses an edition on a day the calendar does not have', async () => {
    const refused = await t.http().post('/editions').set(t.as('organiser')).send({ ...almaty2018, editionId: 'feb-2018', date: '2018-02-30' }).expect(400);
    expect(refused.body.fields).toEqual([{ field: 'date', errors: ['date must be a real calendar date YYYY-MM-DD'] }]);
    await t.http().post('/editions').set(t.as('organiser')).send({ ...almaty2018, editionId: 'leap-2020', date: '2020-02-29' }).expect(201);
  });

  it('takes the same read ids in a batch as in the routes that name a read, and refuses the rest in both', async () => {
    const reads = (readId: string) => ({ reads: [{ readId, bib: '77', pointId: 'finish', time: at('04:05:00.0') }] });
    const spaced = await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send(reads('mat A 0001')).expect(400);
    expect(fieldsOf(spaced.body)).toEqual(['reads.0.readId']);
    const path = await t.http().post('/editions/almaty-2018/timing/unmatched/mat%20A%200001/assignment').set(t.as('organiser')).send({ bib: '7', reason: 'video' }).expect(400);
    const rule = '1 to 100 letters, digits, dots, colons, underscores, dashes, @ or /';
    expect(spaced.body.message).toContain(rule);
    expect(path.body.message).toBe(`readId in the path must be ${rule}`);
    await t.http().post('/editions/almaty-2018/timing/reads/mat%20A%200001/review').set(t.as('organiser')).send({ decision: 'dismiss', reason: 'noise' }).expect(400);

    for (const readId of ['mat-finish-A:000123', '10k/finish@1/main/77']) {
      const sent = await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send(reads(readId)).expect(200);
      expect(sent.body.results[0]).toMatchObject({ readId, status: 'unmatched' });
      const assigned = await t
        .http()
        .post(`/editions/almaty-2018/timing/unmatched/${encodeURIComponent(readId)}/assignment`)
        .set(t.as('organiser'))
        .send({ bib: '7', reason: 'bib 7 on the finish video' })
        .expect(201);
      expect(assigned.body).toMatchObject({ readId, bib: '7' });
    }
  });

  it("honours a stale expectedRevision of the edition's unmatched-read stream on an assignment: 409 with the current one", async () => {
    const unmatched = (readId: string) => ({ reads: [{ readId, bib: '77', pointId: 'finish', time: at('04:05:00.0') }] });
    await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send(unmatched('u1')).expect(200);
    await t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send(unmatched('u2')).expect(200);
    const assign = (expectedRevision: number) =>
      t.http().post('/editions/almaty-2018/timing/unmatched/u1/assignment').set(t.as('organiser')).send({ bib: '7', reason: 'video', expectedRevision });

    const stale = await assign(0).expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, error: 'WrongExpectedVersionError', currentRevision: 1 });
    expect(stale.body.message).toMatch(/unmatched-almaty-2018 changed since it was read/);
    const assigned = await assign(1).expect(201);
    expect(assigned.body).toMatchObject({ readId: 'u1', bib: '7', status: 'accepted', revision: 2 });
  });

  it('answers every refusal in the one body: validation, auth, domain rules, unknown routes, 413, 415 and 431', async () => {
    const refusals = [
      await t.http().post('/editions').set(t.as('organiser')).send({}).expect(400),
      await t.http().post('/editions').send(almaty2018).expect(401),
      await t.http().post('/editions').set(t.as('finance')).send(almaty2018).expect(403),
      await t.http().get('/editions/nowhere').expect(404),
      await t.http().post('/editions').set(t.as('organiser')).send(almaty2018).expect(409),
      await t.http().get('/no/such/route').expect(404),
      await postJson('/editions', 'organiser', '{"editionId":').expect(400),
      await postJson('/editions', 'organiser', JSON.stringify({ ...almaty2018, name: 'x'.repeat(300_000) })).expect(413),
      await t.http().post('/editions').set(t.as('organiser')).set('Content-Type', 'text/plain').send('almaty-2018').expect(415),
      await t.http().post('/editions/almaty-2018/entries/bulk').set(t.as('organiser')).send({ csv: 'bib' }).expect(415),
      await t.http().get('/health').set('X-Padding', 'x'.repeat(20_000)).expect(431),
    ];
    refusals.forEach(expectErrorBody);
    const [, , , , , unknownRoute, badJson, tooLarge, wrongType, , headers] = refusals.map((response) => response.body);
    expect(unknownRoute).toMatchObject({ error: 'Not Found', message: 'Cannot GET /no/such/route' });
    expect(badJson.message).toMatch(/^the body is not valid JSON/);
    expect(tooLarge).toMatchObject({ error: 'Payload Too Large', message: 'POST /editions takes a body of at most 262144 bytes (one command)', limitBytes: 262144 });
    expect(wrongType).toMatchObject({ error: 'Unsupported Media Type', message: 'POST /editions takes a body of application/json, not text/plain' });
    expect(headers.message).toMatch(/request headers are larger than the \d+ bytes the server reads/);
    await t.http().get('/health').expect(200);
  });

  it('refuses a timing batch far over the limit with 413 before reading it, while /health keeps answering at once', async () => {
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const read = (n: number) => ({ readId: `mat-finish-A:${n}`, chipId: 'C00007', pointId: 'finish', time: at('04:05:00.0') });
    const batch = JSON.stringify({ reads: Array.from({ length: 100_000 }, (_, n) => read(n)) });
    const health = async () => {
      const started = Date.now();
      await request(server).get('/health').expect(200);
      return Date.now() - started;
    };
    const alone = await health();

    let answered = false;
    const upload = request(server)
      .post('/editions/almaty-2018/timing/reads')
      .set(t.as('timing'))
      .set('Content-Type', 'application/json')
      .send(batch)
      .then((response) => {
        answered = true;
        return response;
      });
    // /health asked again and again until the batch is answered: one asked while it was parsed would wait.
    const duringUpload: number[] = [];
    do duringUpload.push(await health());
    while (!answered);
    const response = await upload;

    expect(response.status).toBe(413);
    expectErrorBody(response);
    expect(response.body.message).toMatch(/at most 4194304 bytes \(a batch of at most 10,000 reads\)/);
    // Generous bounds: parsing and validating such a batch held every request up for 3 to 10 seconds.
    expect(Math.max(...duringUpload)).toBeLessThan(Math.max(1000, alone * 20));
  });

  it('registers an IOC code as the ISO code of the same country, keeping the code sent, so statistics count one country', async () => {
    const german = await register(t, runner('8', { raceId: '10k', country: 'GER' })).expect(201);
    expect(german.body).toMatchObject({ country: 'DEU', countrySent: 'GER' });
    const iso = await register(t, runner('9', { raceId: '10k', country: 'DEU' })).expect(201);
    expect(iso.body.country).toBe('DEU');
    expect(iso.body).not.toHaveProperty('countrySent');
    const statistics = await t.http().get('/editions/almaty-2018/statistics').expect(200);
    expect(statistics.body).toMatchObject({ entrants: 3, countries: 2, byCountry: { DEU: 2, KAZ: 1 } });
    const germans = await t.http().get('/editions/almaty-2018/races/10k/results?country=GER').expect(200);
    expect(germans.body.rows.map((row: { bib: string }) => row.bib).sort()).toEqual(['8', '9']);
    await t.http().patch('/editions/almaty-2018/entries/8').set(t.as('organiser')).send({ country: 'DEU', reason: 'same country' }).expect(400);
  });

  describe('bulk registration CSV', () => {
    const header = 'bib,chipId,raceId,firstName,lastName,gender,dateOfBirth,country,club,wave,entryFee';
    const upload = (csv: string, mode = 'all-or-nothing') =>
      t.http().post(`/editions/almaty-2018/entries/bulk?mode=${mode}`).set(t.as('organiser')).set('Content-Type', 'text/csv').send(csv);

    it('refuses rows with a wrong number of fields or a stray quote with their line, and registers the rest when asked', async () => {
      const csv = [
        header,
        '11,C11,10k,Ann,Lee,F,1990-01-01,KAZ,,,',
        '12,C12,10k,Bo,Kim,M,1990-01-01,KAZ,Almaty, Runners,,',
        '13,C13,10k,Cy,O"Neil,M,1990-01-01,KAZ,,,',
        '14,C14,10k,Di,Fox,F,1990-01-01,KAZ',
      ].join('\n');
      const refused = await upload(csv).expect(400);
      expect(refused.body.failed).toEqual([
        { line: 3, errors: ['12 fields where the header has 11 (a field holding a comma must be quoted)'] },
        { line: 4, errors: [expect.stringMatching(/^a quote inside a field that does not start with one/)] },
        { line: 5, errors: ['8 fields where the header has 11 (a field holding a comma must be quoted)'] },
      ]);
      const partly = await upload(csv, 'valid-rows-only').expect(200);
      expect(partly.body).toMatchObject({ rows: 4, registered: 1 });
      await t.http().get('/editions/almaty-2018/entries/12').expect(404);
    });

    it('tells a file separated by semicolons to use commas', async () => {
      const semicolons = await upload([header.replace(/,/g, ';'), '11;C11;10k;Ann;Lee;F;1990-01-01;KAZ;;;'].join('\n')).expect(400);
      expect(semicolons.body.message).toMatch(/separated by semicolons: use commas/);
    });
  });
});
