import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_SCAN_BUDGET } from '../../src/adjudication/audit-trail';
import { TokenAuthenticator } from '../../src/auth/token-authenticator';
import { EventStore, ReadAllOptions, RecordedEvent } from '../../src/event-store/event-store';
import { EVENT_STORE } from '../../src/event-store/event-store.module';
import { freePort, startServer, stopServer } from '../faults/server-process';
import { almaty2018, planRaceDay, register, runner } from './race-day-fixtures';
import { startTestApp, TestApp, TOKENS } from './test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type AuditEntry = { position: number; type: string; correlationId: string; actor: { id: string; role: string }; bib?: string };

describe('operations: correlation ids, security headers, rate limits, the paged audit trail, named actors', () => {
  describe('one app', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        apiTokens: [
          { role: 'organiser', name: 'aigerim', token: TOKENS.organiser },
          { role: 'timing', token: TOKENS.timing },
          { role: 'finance', name: 'bolat.k', token: TOKENS.finance },
        ],
      });
      await planRaceDay(t);
      for (const bib of ['1', '2', '3', '4', '5']) await register(t, runner(bib)).expect(201);
      // Another edition whose id starts with this one's: none of its events are this edition's.
      await t.http().post('/editions').set(t.as('organiser')).send({ ...almaty2018, editionId: 'almaty-2018-b' }).expect(201);
    });
    afterAll(async () => t.close());

    const audit = (query: string) => t.http().get(`/editions/almaty-2018/audit?${query}`).set(t.as('organiser'));

    it('names the person of a role:name:token in every event and in the audit trail; a plain token keeps its digest id', async () => {
      const trail = await audit('type=EditionPlanned,RunnerRegistered').expect(200);
      expect(trail.body.entries.map((e: AuditEntry) => e.actor)).toEqual([
        { id: 'aigerim', role: 'organiser' },
        ...['1', '2', '3', '4', '5'].map(() => ({ id: 'aigerim', role: 'organiser' })),
      ]);
      const store = t.app.get<EventStore>(EVENT_STORE);
      expect((await store.readStream('entry-almaty-2018-1'))[0]!.metadata.actor).toEqual({ id: 'aigerim', role: 'organiser' });
      expect((await audit('actor=aigerim&type=EditionPlanned').expect(200)).body.entries).toHaveLength(1);
      // A finance token with a name: its donation is bolat.k's.
      await t.http().post('/editions/almaty-2018/charity/donations').set(t.as('finance')).send({ donor: 'Kaspi', amount: 1000 }).expect(201);
      const donated = await audit('actor=finance').expect(200);
      expect(donated.body.entries.map((e: AuditEntry) => e.actor)).toEqual([{ id: 'bolat.k', role: 'finance' }]);
      // A token that names nobody is known by a digest prefix, as before.
      expect(new TokenAuthenticator([{ role: 'timing', token: TOKENS.timing }]).authenticate(TOKENS.timing)).toEqual({ role: 'timing', id: expect.stringMatching(/^timing#[0-9a-f]{10}$/) });
    });

    it('uses one correlation id per request: the caller\'s or a new one, echoed in X-Correlation-Id and kept in the events\' metadata', async () => {
      const given = await register(t, runner('6')).set('X-Correlation-Id', 'batch-2018-04-22-7').expect(201);
      expect(given.headers['x-correlation-id']).toBe('batch-2018-04-22-7');
      const fresh = await register(t, runner('7')).expect(201);
      expect(fresh.headers['x-correlation-id']).toMatch(UUID);
      const trail = await audit('type=RunnerRegistered').expect(200);
      const byBib = new Map(trail.body.entries.map((e: AuditEntry) => [e.bib, e.correlationId]));
      expect(byBib.get('6')).toBe('batch-2018-04-22-7');
      expect(byBib.get('7')).toBe(fresh.headers['x-correlation-id']);
      // Public reads and refusals carry one too.
      expect((await t.http().get('/editions/almaty-2018').expect(200)).headers['x-correlation-id']).toMatch(UUID);
      expect((await t.http().get('/no-such-route').expect(404)).headers['x-correlation-id']).toMatch(UUID);
      expect((await t.http().get('/editions/almaty-2018').set('X-Correlation-Id', 'x'.repeat(201))).headers['x-correlation-id']).toMatch(UUID);
    });

    it('sends security headers, with a CSP for the API and one the Swagger UI at /api runs under', async () => {
      const api = await t.http().get('/editions/almaty-2018').expect(200);
      expect(api.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringMatching(/max-age=\d+/),
        'referrer-policy': 'no-referrer',
      });
      expect(api.headers['x-powered-by']).toBeUndefined();
      expect(api.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(api.headers['content-security-policy']).toMatch(/script-src 'self';/);
      expect(api.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);

      const ui = await t.http().get('/api').redirects(1).expect(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
      expect(ui.headers['content-security-policy']).toMatch(/script-src 'self' 'unsafe-inline'/);
      expect(ui.headers['content-security-policy']).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(ui.headers['content-security-policy']).toMatch(/img-src 'self' data: https:/);
      const scripts = [...ui.text.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) {
        await t.http().get(new URL(script, 'http://x/api').pathname).expect(200).expect('content-type', /javascript/);
      }
      const document = await t.http().get('/api-json').expect(200);
      expect(document.body.paths['/editions/{editionId}/audit'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['limit', 'after']));
      expect(document.body.paths['/editions/{editionId}/as-of'].get.responses['429']).toBeDefined();
    });

    it('pages the audit trail by log position: limit entries, next to follow until it is null', async () => {
      const all = (await audit('limit=1000').expect(200)).body;
      expect(all.next).toBeNull();
      expect(all.entries.length).toBeGreaterThan(10);
      expect(all.entries.every((e: AuditEntry & { streamId: string }) => !e.streamId.includes('almaty-2018-b'))).toBe(true);

      const paged: AuditEntry[] = [];
      let next: number | null | undefined;
      let pages = 0;
      do {
        const page = (await audit(`limit=3${next !== undefined ? `&after=${next}` : ''}`).expect(200)).body;
        expect(page.editionId).toBe('almaty-2018');
        expect(page.entries.length).toBeLessThanOrEqual(3);
        if (page.next !== null) expect(page.next).toBe(page.entries[page.entries.length - 1].position);
        paged.push(...page.entries);
        next = page.next;
        pages += 1;
      } while (next !== null && pages < 100);
      expect(paged).toEqual(all.entries);
      // One entry read past each page tells whether another follows: the last page says null.
      expect(pages).toBe(Math.ceil(all.entries.length / 3));

      // Filtered, a page at a time too; the default page is 100.
      const first = (await audit('type=RunnerRegistered&limit=2').expect(200)).body;
      expect(first.entries.map((e: AuditEntry) => e.bib)).toEqual(['1', '2']);
      const second = (await audit(`type=RunnerRegistered&limit=2&after=${first.next}`).expect(200)).body;
      expect(second.entries.map((e: AuditEntry) => e.bib)).toEqual(['3', '4']);
      const runnersTrail = (await audit('bib=3').expect(200)).body;
      expect(runnersTrail.entries[0]).toMatchObject({ type: 'RunnerRegistered', bib: '3' });
      const onePage = (await audit('bib=3&limit=1').expect(200)).body;
      expect(onePage.entries).toEqual(runnersTrail.entries.slice(0, 1));
      expect(onePage.next).toBe(runnersTrail.entries.length > 1 ? onePage.entries[0].position : null);
      expect((await audit(`bib=3&after=${runnersTrail.entries.at(-1).position}`).expect(200)).body).toEqual({ editionId: 'almaty-2018', entries: [], next: null });

      for (const bad of ['limit=0', 'limit=1001', 'limit=ten', 'after=-1', 'after=1.5']) await audit(bad).expect(400);
    });

    it('reads the edition\'s streams from the store, from `after`, and no further than one entry past the page', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const readAll = store.readAll.bind(store);
      const calls: { options: ReadAllOptions | undefined; yielded: number }[] = [];
      const spy = jest.spyOn(store, 'readAll').mockImplementation((options?: ReadAllOptions) => {
        const call = { options, yielded: 0 };
        calls.push(call);
        return (async function* () {
          for await (const event of readAll(options)) {
            call.yielded += 1;
            yield event as RecordedEvent;
          }
        })();
      });
      try {
        const page = (await audit('limit=2&after=3').expect(200)).body;
        expect(page.entries.map((e: AuditEntry) => e.position)).toEqual([expect.any(Number), page.next]);
        expect(calls).toEqual([
          {
            options: { after: 3, filter: { streamPrefixes: expect.arrayContaining(['edition-almaty-2018', 'entry-almaty-2018-', 'charity-almaty-2018']) }, maxCount: AUDIT_SCAN_BUDGET },
            yielded: 3,
          },
        ]);
      } finally {
        spy.mockRestore();
      }
    });

    it('exports every page of the trail as one CSV', async () => {
      const all = (await audit('limit=1000').expect(200)).body.entries as AuditEntry[];
      const csv = await audit('format=csv&limit=2').expect(200).expect('content-type', /text\/csv/);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^position,recordedAt,occurredAt,type,/);
      expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(all.map((e) => e.position));
    });
  });

  it('limits the expensive public reads per client: 429 with Retry-After and the usual body, then serves again', async () => {
    const t = await startTestApp({ rateLimits: { expensive: { requests: 2, perSeconds: 1 } } });
    try {
      await planRaceDay(t);
      const asOf = () => t.http().get('/editions/almaty-2018/as-of?model=results&at=0');
      await asOf().expect(200);
      await asOf().expect(200);
      const refused = await asOf().expect(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(/more expensive requests than the 2 per 1 s it may; retry in 1 s/),
      });
      // The class's other routes share the client's bucket; routes not marked are not limited.
      await t.http().get('/editions/almaty-2018/diff?model=results&from=0&to=1').expect(429);
      await t.http().get('/editions/almaty-2018/audit').set(t.as('organiser')).expect(429);
      await t.http().get('/editions/almaty-2018/charity.csv').set(t.as('finance')).expect(429);
      await t.http().get('/editions/almaty-2018/races/marathon/results').expect(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await asOf().expect(200);
      await t.http().get('/editions/almaty-2018/charity.csv').set(t.as('finance')).expect(200);
    } finally {
      await t.close();
    }
  });

  it('turns a rate limit off with RATE_LIMITS=expensive:off', async () => {
    const t = await startTestApp({ rateLimits: { expensive: null } });
    try {
      for (let i = 0; i < 40; i++) await t.http().get('/editions/almaty-2018/as-of?model=results&at=0').expect(404);
    } finally {
      await t.close();
    }
  });

  it('logs each request as one JSON line with method, route, status, duration and the correlation id, never the Authorization header', async () => {
    const token = 'ops-secret-token-1';
    const port = await freePort();
    const server = startServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'race-ops-')), PORT: String(port), LOG_LEVEL: 'info', API_TOKENS: `organiser:aigerim:${token}` });
    try {
      await server.serving;
      const base = `http://127.0.0.1:${port}`;
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const planned = await fetch(`${base}/editions`, { method: 'POST', headers: { ...auth, 'X-Correlation-Id': 'ops-corr-1' }, body: JSON.stringify(almaty2018) });
      expect(planned.status).toBe(201);
      const read = await fetch(`${base}/editions/almaty-2018`);
      const readId = read.headers.get('x-correlation-id');
      expect(readId).toMatch(UUID);
      expect((await fetch(`${base}/editions/almaty-2018/audit`, { headers: { Authorization: 'Bearer not-the-token' } })).status).toBe(401);
      const trail = (await (await fetch(`${base}/editions/almaty-2018/audit`, { headers: auth })).json()) as { entries: AuditEntry[] };
      expect(trail.entries[0]).toMatchObject({ type: 'EditionPlanned', correlationId: 'ops-corr-1', actor: { id: 'aigerim', role: 'organiser' } });

      const requestLines = () =>
        server
          .stdout()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((line) => 'status' in line);
      for (let wait = 0; requestLines().length < 4 && wait < 50; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = requestLines();
      expect(lines).toEqual([
        expect.objectContaining({ level: 'info', method: 'POST', route: '/editions', url: '/editions', status: 201, correlationId: 'ops-corr-1', durationMs: expect.any(Number) }),
        expect.objectContaining({ level: 'info', method: 'GET', route: '/editions/:editionId', url: '/editions/almaty-2018', status: 200, correlationId: readId }),
        expect.objectContaining({ level: 'warn', method: 'GET', route: '/editions/:editionId/audit', status: 401, correlationId: expect.stringMatching(UUID) }),
        expect.objectContaining({ level: 'info', method: 'GET', route: '/editions/:editionId/audit', status: 200 }),
      ]);
      expect(lines[0]!.time).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
      expect(lines[0]!.msg).toMatch(/^POST \/editions 201 \d+ ms$/);
      // The app's own lines are JSON lines too.
      expect(server.stdout()).toMatch(/^\{.*"level":"info".*"context":"Main".*"msg":"serving on port/m);
      expect(server.stdout()).not.toContain(token);
      expect(server.stdout()).not.toContain('not-the-token');
      expect(server.stdout().toLowerCase()).not.toContain('bearer');
    } finally {
      await stopServer(server);
    }
  }, 60_000);
});
