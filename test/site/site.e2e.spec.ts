import { gzipSync } from 'node:zlib';
import { ResultRow } from '../../src/results/standings';
import { projectFinish } from '../../src/site/projected-finish';
import { startTestApp, TestApp } from '../http/test-app';
import { buildSiteRaceDay, E, KAZAKH_RUNNER, PRIVATE_REASON, TEN_K } from './site-fixtures';

/** The site without a browser: what a phone without JavaScript gets. */
describe('public results site (server-rendered HTML)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await buildSiteRaceDay(t);
  });
  afterAll(async () => t.close());

  const page = (path: string, lang = 'en') => t.http().get(path).set('Accept-Language', lang);

  it('serves the home page at / with every edition linked, no token needed', async () => {
    const home = await page('/').expect(200).expect('Content-Type', /text\/html/);
    expect(home.text).toContain(`href="/site/${E}"`);
    expect(home.text).toContain('7th Almaty Marathon');
  });

  it('shows an edition: races with entrants, finishers and status, statistics, the charity total, links', async () => {
    const { text } = await page(`/site/${E}`).expect(200);
    expect(text).toMatch(/<a href="\/site\/almaty-2018\/races\/10k">10 km<\/a><\/td><td class="num">10 km<\/td><td class="num">60<\/td><td class="num">40<\/td><td data-race-state="running">running/);
    expect(text).toContain(`href="/site/${E}/ekiden"`);
    expect(text).toContain(`href="/site/${E}/records"`);
    expect(text).toContain(`href="/site/${E}/charity"`);
    expect(text).toMatch(/Entrants<\/dt><dd>75<\/dd>/); // 60 + 3 + 2 teams of 6
  });

  it('lists 50 rows per page in place order, usable without JavaScript, under 100 KB compressed with its assets', async () => {
    const first = await page(`/site/${E}/races/10k`).expect(200);
    const rows = [...first.text.matchAll(/<tr data-bib="([^"]+)">/g)].map((m) => m[1]);
    expect(rows).toHaveLength(50);
    // Bib 2's corrected finish puts them ahead of bib 1.
    expect(rows.slice(0, 3)).toEqual(['2', '1', '3']);
    expect(first.text).toContain('Rows 1–50 of 60');
    expect(first.text).toContain('href="/site/almaty-2018/races/10k?page=2" rel="next"');
    const second = await page(`/site/${E}/races/10k?page=2`).expect(200);
    expect([...second.text.matchAll(/<tr data-bib="([^"]+)">/g)]).toHaveLength(TEN_K.notStarted);
    const css = await page('/assets/site.css').expect(200);
    const js = await page('/assets/site.js').expect(200);
    const weight = [first.text, css.text, js.text].reduce((sum, body) => sum + gzipSync(body).length, 0);
    expect(weight).toBeLessThan(100 * 1024);
    // Sent compressed to a browser that takes gzip.
    await t.http().get(`/site/${E}/races/10k`).set('Accept-Encoding', 'gzip').expect('Content-Encoding', 'gzip');
  });

  it('filters by gender, category and country and finds a runner by name or bib, keeping their overall places', async () => {
    const women = await page(`/site/${E}/races/10k?gender=F&country=KAZ`).expect(200);
    const bibs = [...women.text.matchAll(/<tr data-bib="([^"]+)">/g)].map((m) => m[1]);
    expect(bibs).toEqual(['1', '16', '31', '46']);
    const found = await page(`/site/${E}/races/10k?q=${encodeURIComponent('қасым')}`).expect(200);
    expect([...found.text.matchAll(/<tr data-bib="([^"]+)">/g)].map((m) => m[1])).toEqual([KAZAKH_RUNNER.bib]);
    expect(found.text).toContain(`${KAZAKH_RUNNER.firstName} ${KAZAKH_RUNNER.lastName}`);
    expect(found.text).toMatch(/<td data-col="place" class="num">7<\/td>/);
  });

  it('speaks Kazakh, Russian and English, remembered in a cookie, with numbers in the locale', async () => {
    const kk = await t.http().get(`/site/${E}?lang=kk`).expect(200);
    expect(kk.text).toContain('<html lang="kk">');
    expect(kk.text).toContain('Қатысушылар');
    expect(kk.headers['set-cookie']?.[0]).toMatch(/^lang=kk;.*Path=\/.*Max-Age=/);
    const again = await t.http().get(`/site/${E}`).set('Cookie', 'lang=kk').expect(200);
    expect(again.text).toContain('<html lang="kk">');
    const ru = await t.http().get(`/site/${E}/charity?lang=ru`).expect(200);
    expect(ru.text).toContain('Благотворительный фонд');
    expect(ru.text).toMatch(/150\s000/); // grouped the Russian way
    const en = await page(`/site/${E}/charity`).expect(200);
    expect(en.text).toContain('150,000');
  });

  it('shows a runner: status, times, places with "of", splits with segment rank and pace, corrections in plain words only', async () => {
    const { text } = await page(`/site/${E}/runners/2`).expect(200);
    expect(text).toContain('data-status="finished"');
    expect(text).toMatch(/Overall<\/dt><dd>1 <span class="muted">of 40<\/span>/);
    expect(text).toContain('Segment rank');
    expect(text).toContain('Time corrected');
    expect(text).not.toContain(PRIVATE_REASON);
    expect(text).not.toContain('organiser-test-token');
    expect(text).toContain(`href="/site/${E}/runners/2/certificate.pdf"`);
  });

  it('projects the finish of a runner on the course from the field who passed the same point', async () => {
    const onCourse = await page(`/site/${E}/runners/45`).expect(200);
    expect(onCourse.text).toContain('data-status="onCourse"');
    expect(onCourse.text).toMatch(/Last seen at 5k at \d\d:\d\d:\d\d/);
    expect(onCourse.text).toMatch(/Projected finish<\/h2><p><strong data-projected="\d:\d\d:\d\d">/);
    const marathoner = await page(`/site/${E}/runners/102`).expect(200);
    expect(marathoner.text).toMatch(/data-projected="2:\d\d:\d\d"/);
  });

  it('projects from the median ratio of finishers at the same split', () => {
    const split = (pointId: string, gunTime: string, finish = false) => ({
      pointId, lap: 1, distanceM: finish ? 10000 : 5000, time: '', gunTime, netTime: gunTime, segmentFrom: null, segmentTime: null, segmentRank: null, plausibility: null, finish,
    });
    const row = (bib: string, status: ResultRow['status'], gunTime: string | null, splits: ResultRow['splits']) =>
      ({ bib, status, gunTime, splits }) as ResultRow;
    const field = [
      row('a', 'finished', '0:40:00', [split('5k', '0:20:00'), split('finish', '0:40:00', true)]),
      row('b', 'finished', '0:44:00', [split('5k', '0:20:00'), split('finish', '0:44:00', true)]),
      row('c', 'finished', '0:48:00', [split('5k', '0:20:00'), split('finish', '0:48:00', true)]),
    ];
    const me = row('me', 'onCourse', null, [split('5k', '0:25:00')]);
    expect(projectFinish(me, field, 10000)).toEqual({ time: '0:55:00', low: '0:52:30', high: '0:57:30', from: { pointId: '5k', lap: 1 }, basis: 3 });
    expect(projectFinish(me, [], 10000)).toMatchObject({ time: '0:50:00', basis: 0 });
    expect(projectFinish(field[0]!, field, 10000)).toBeUndefined();
  });

  it('shows ekiden standings, records and the charity fund', async () => {
    const ek = await page(`/site/${E}/ekiden`).expect(200);
    expect(ek.text).toMatch(/Batyr[\s\S]*2:24:00[\s\S]*Omron[\s\S]*2:28:00/);
    expect(ek.text).toContain('Fastest legs');
    const records = await page(`/site/${E}/records`).expect(200);
    expect(records.text).toContain('Event records: 10 km');
    const charity = await page(`/site/${E}/charity`).expect(200);
    expect(charity.text).toContain('children');
  });

  it('gives a finisher a PDF certificate, and an unknown page its own 404 page', async () => {
    const pdf = await t.http().get(`/site/${E}/runners/${KAZAKH_RUNNER.bib}/certificate.pdf?lang=kk`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200).expect('Content-Type', 'application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await page(`/site/${E}/runners/55/certificate.pdf`).expect(404).expect('Content-Type', /text\/html/);
    const missing = await page('/site/almaty-1999').expect(404).expect('Content-Type', /text\/html/);
    expect(missing.text).toContain('Not found');
    await page(`/site/${E}/runners/999`).expect(404);
  });
});
