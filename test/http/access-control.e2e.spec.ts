import { startTestApp, TestApp, TOKENS } from './test-app';

type Role = keyof typeof TOKENS;

/**
 * Who may call each route that is not a public read. Every such route in the OpenAPI document must
 * be listed here, so a new endpoint cannot ship without its access rule being tested.
 */
const PROTECTED: Record<string, Role[]> = {
  'POST /editions': ['organiser'],
  'POST /editions/{editionId}/races': ['organiser'],
  'POST /editions/{editionId}/registration/close': ['organiser'],
  'POST /editions/{editionId}/races/{raceId}/start': ['timing', 'organiser'],
  'PUT /editions/{editionId}/races/{raceId}/start': ['timing', 'organiser'],
  'POST /editions/{editionId}/races/{raceId}/close': ['organiser'],
  'POST /editions/{editionId}/entries': ['organiser'],
  'POST /editions/{editionId}/entries/bulk': ['organiser'],
  'POST /editions/{editionId}/timing/reads': ['timing'],
  'GET /editions/{editionId}/timing/unmatched': ['organiser', 'timing'],
  'POST /editions/{editionId}/timing/unmatched/{readId}/assignment': ['organiser'],
  'GET /editions/{editionId}/timing/review': ['organiser', 'timing'],
  'POST /editions/{editionId}/timing/reads/{readId}/review': ['organiser'],
  'POST /editions/{editionId}/entries/{bib}/corrections': ['organiser'],
  'PATCH /editions/{editionId}/entries/{bib}': ['organiser'],
  'POST /editions/{editionId}/entries/{bib}/status': ['organiser'],
  'DELETE /editions/{editionId}/entries/{bib}/status': ['organiser'],
  'POST /editions/{editionId}/entries/{bib}/disqualifications': ['organiser'],
  'DELETE /editions/{editionId}/entries/{bib}/disqualifications': ['organiser'],
  'GET /editions/{editionId}/audit': ['organiser', 'finance', 'timing'],
  'POST /editions/{editionId}/charity/donations': ['finance'],
  'POST /editions/{editionId}/charity/allocations': ['finance'],
  'GET /editions/{editionId}/charity.csv': ['finance'],
  'POST /editions/{editionId}/ekiden/teams': ['organiser'],
  'PUT /editions/{editionId}/races/{raceId}/prize-schedule': ['organiser'],
  'POST /editions/{editionId}/races/{raceId}/certification': ['organiser'],
  'GET /editions/{editionId}/prizes': ['finance', 'organiser'],
  'POST /editions/{editionId}/prizes/{awardId}/payments': ['finance'],
  'POST /editions/{editionId}/prizes/{awardId}/recoveries': ['finance'],
  'GET /editions/{editionId}/prizes/reconciliation': ['finance', 'organiser'],
  'POST /replay/rebuilds': ['organiser'],
  'GET /replay/rebuilds/{rebuildId}': ['organiser'],
};

const concrete = (path: string) =>
  path.replace('{editionId}', 'almaty-2018').replace('{raceId}', 'marathon').replace('{bib}', '1').replace('{readId}', 'r1').replace(/\{[^}]+\}/g, 'x');

describe('access control on every route that is not a public read', () => {
  let t: TestApp;
  let routes: { method: string; path: string; secured: boolean }[];

  beforeAll(async () => {
    t = await startTestApp();
    const document = (await t.http().get('/api-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, secured: !!operation.security })),
    );
  });
  afterAll(async () => t.close());

  it('lists every mutating route, and every route the document marks as needing a token', () => {
    const needingRules = routes.filter((r) => r.method !== 'GET' || r.secured).map((r) => `${r.method} ${r.path}`);
    expect(needingRules.filter((route) => !(route in PROTECTED))).toEqual([]);
    expect(Object.keys(PROTECTED).filter((route) => !needingRules.includes(route))).toEqual([]);
  });

  it.each(Object.entries(PROTECTED))('%s: 401 without or with a bad token, 403 for the wrong role', async (route, allowed) => {
    const [method, path] = route.split(' ') as [string, string];
    const call = () => t.http()[method.toLowerCase() as 'get'](concrete(path));
    await call().expect(401);
    await call().set({ Authorization: 'Bearer wrong-token-000' }).expect(401);
    await call().set({ Authorization: TOKENS.organiser }).expect(401);
    for (const role of Object.keys(TOKENS) as Role[]) {
      const response = await call().set(t.as(role));
      if (allowed.includes(role)) expect([401, 403]).not.toContain(response.status);
      else expect(response.status).toBe(403);
    }
  });
});
