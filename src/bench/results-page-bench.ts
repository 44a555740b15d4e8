import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultsPage } from '../results/results.queries';
import type { ResultRow } from '../results/standings';
import { SEED_EDITIONS } from '../seeds/seed-facts';
import { seededRandom, SeededRandom } from '../seeds/seeded-random';
import { Benchmark, BenchSettings, Comparison, latencySummary, note } from './benchmark';
import { BenchClient } from './http-client';
import { loadSeededDataDir, startApp } from './seeded-app';

/**
 * A results page of the biggest race, the 7th edition's 10 km (8,200 entrants, some 7,700 finishers at
 * full scale), as the public pages through it: `GET .../results?limit=100&offset=N` at offsets across the
 * field, unfiltered and filtered by gender, category or a search (`q`, part of a name or a bib), over
 * HTTP to the real app loaded with both seed editions. The baseline is `GET /health` (a store ping and
 * the projections' status), timed alternately with the pages through the same connection: the ratio is
 * what producing a page costs over a request that does next to nothing.
 */

const NAME = 'results page';
const EDITION = 'almaty-2018';
const RACE = '10k';
const LIMIT = 100;
/** Timed results requests, each followed by a timed /health. */
const REQUESTS = 500;
/** Untimed first: the first request ranks the race, and the JIT compiles both routes. */
const WARM_UP_REQUESTS = 50;
/** The prefetch of every row that the filters are drawn from. */
const PREFETCH_LIMIT = 1000;
/** A fixed seed: the same requests, in the same order, on every run. */
const REQUEST_SEED = 2018_04_22;

type Kind = 'unfiltered' | 'gender' | 'category' | 'q';
const KINDS: { kind: Kind; share: number; label: string }[] = [
  { kind: 'unfiltered', share: 0.4, label: 'unfiltered, any offset' },
  { kind: 'gender', share: 0.2, label: 'gender=M|F' },
  { kind: 'category', share: 0.2, label: 'category=MOPEN, F40, ...' },
  { kind: 'q', share: 0.2, label: 'q=part of a name or bib' },
];

interface PageRequest {
  kind: Kind;
  filter: Record<string, string>;
  offset: number;
}

const resultsPath = (filter: Record<string, string>, limit: number, offset: number) =>
  `/editions/${EDITION}/races/${RACE}/results?${new URLSearchParams({ ...filter, limit: String(limit), offset: String(offset) })}`;

const page = async (client: BenchClient, filter: Record<string, string>, limit: number, offset: number) =>
  JSON.parse((await client.get(resultsPath(filter, limit, offset))).body) as ResultsPage;

/** Every row of the race, paged through untimed: what the filters and search terms are drawn from. */
const everyRow = async (client: BenchClient): Promise<ResultRow[]> => {
  const rows: ResultRow[] = [];
  for (let offset = 0; ; offset += PREFETCH_LIMIT) {
    const { rows: more, total } = await page(client, {}, PREFETCH_LIMIT, offset);
    rows.push(...more);
    if (rows.length >= total || more.length === 0) return rows;
  }
};

/** A search as someone types it: three letters from inside a surname, or the first digits of a bib. */
const searchTerm = (random: SeededRandom, row: ResultRow): string => {
  if (random.chance(0.5) && row.bib.length > 1) return row.bib.slice(0, Math.max(1, row.bib.length - 2));
  const name = row.lastName.toLowerCase();
  const start = Math.floor(random.next() * Math.max(1, name.length - 2));
  return name.slice(start, start + 3);
};

const filterOf = (kind: Kind, random: SeededRandom, rows: ResultRow[], categories: string[]): Record<string, string> => {
  switch (kind) {
    case 'unfiltered':
      return {};
    case 'gender':
      return { gender: random.pick(['M', 'F']) };
    case 'category':
      return { category: random.pick(categories) };
    case 'q':
      return { q: searchTerm(random, random.pick(rows)) };
  }
};

/**
 * The timed requests: kinds in their shares, shuffled; each at an offset anywhere in what its filter
 * matches (the matching count is asked for untimed, once per filter), so pages near the end are read too.
 */
const plannedRequests = async (client: BenchClient, rows: ResultRow[], count: number): Promise<PageRequest[]> => {
  const random = seededRandom(REQUEST_SEED);
  const categories = [...new Set(rows.map((row) => row.category))].sort();
  const totals = new Map<string, number>();
  const totalOf = async (filter: Record<string, string>) => {
    const key = JSON.stringify(filter);
    if (!totals.has(key)) totals.set(key, (await page(client, filter, 1, 0)).total);
    return totals.get(key)!;
  };
  const kinds = KINDS.flatMap(({ kind, share }) => Array.from({ length: Math.round(share * count) }, () => kind));
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  const requests: PageRequest[] = [];
  for (const kind of kinds) {
    const filter = filterOf(kind, random, rows, categories);
    const total = await totalOf(filter);
    requests.push({ kind, filter, offset: Math.floor(random.next() * Math.max(1, total - LIMIT + 1)) });
  }
  return requests;
};

interface Timings {
  pages: { kind: Kind; ms: number }[];
  health: number[];
}

/** Each page then a /health, one at a time: both see the same heap, JIT state and machine load. */
const timeRequests = async (client: BenchClient, requests: PageRequest[]): Promise<Timings> => {
  const timings: Timings = { pages: [], health: [] };
  for (const request of requests) {
    const response = await client.get(resultsPath(request.filter, LIMIT, request.offset));
    const { total, rows } = JSON.parse(response.body) as ResultsPage;
    const expected = Math.max(0, Math.min(LIMIT, total - request.offset));
    if (rows.length !== expected || total === 0) {
      throw new Error(`${resultsPath(request.filter, LIMIT, request.offset)} gave ${rows.length} rows of ${total}, not ${expected}`);
    }
    timings.pages.push({ kind: request.kind, ms: response.ms });
    timings.health.push((await client.get('/health')).ms);
  }
  return timings;
};

/** The public site's page of the same rows against the JSON of them: each HTML page then its JSON, one at a time. */
const SITE_PAGE_ROWS = 50;

const timeSitePages = async (client: BenchClient, requests: PageRequest[]): Promise<{ html: number[]; json: number[] }> => {
  const timings = { html: [] as number[], json: [] as number[] };
  for (const request of requests) {
    const page = Math.floor(request.offset / SITE_PAGE_ROWS) + 1;
    const html = await client.get(`/site/${EDITION}/races/${RACE}?${new URLSearchParams({ ...request.filter, page: String(page), lang: 'en' })}`);
    if (!html.body.includes('<table')) throw new Error(`the site's results page ${page} has no table`);
    timings.html.push(html.ms);
    timings.json.push((await client.get(resultsPath(request.filter, SITE_PAGE_ROWS, (page - 1) * SITE_PAGE_ROWS))).ms);
  }
  return timings;
};

const run = async ({ seedScale }: BenchSettings): Promise<Comparison[]> => {
  const directory = mkdtempSync(join(tmpdir(), 'race-bench-results-'));
  try {
    await loadSeededDataDir(NAME, directory, { editions: SEED_EDITIONS, scale: seedScale, reads: true });
    const app = await startApp(NAME, directory);
    const client = new BenchClient(app.port);
    try {
      const rows = await everyRow(client);
      const finishers = rows.filter((row) => row.status === 'finished').length;
      note(NAME, `${RACE}: ${rows.length.toLocaleString('en-US')} rows, ${finishers.toLocaleString('en-US')} finishers`);
      const requests = await plannedRequests(client, rows, WARM_UP_REQUESTS + REQUESTS);
      await timeRequests(client, requests.slice(0, WARM_UP_REQUESTS));
      const { pages, health } = await timeRequests(client, requests.slice(WARM_UP_REQUESTS));
      await timeSitePages(client, requests.slice(0, WARM_UP_REQUESTS));
      const site = await timeSitePages(client, requests.slice(WARM_UP_REQUESTS));

      const baseline = latencySummary(health);
      const field = `${RACE} results (${rows.length.toLocaleString('en-US')} rows, ${finishers.toLocaleString('en-US')} finishers)`;
      const figure = (label: string, ms: number[]): Comparison => ({
        kind: 'latency',
        figure: `GET ${field}, limit ${LIMIT}: ${label}`,
        against: 'GET /health',
        subject: latencySummary(ms),
        baseline,
      });
      return [
        figure('mixed offsets and filters', pages.map((timing) => timing.ms)),
        ...KINDS.map(({ kind, label }) => figure(`  ${label}`, pages.filter((timing) => timing.kind === kind).map((timing) => timing.ms))),
        {
          kind: 'latency',
          figure: `GET the site's ${RACE} results page (${SITE_PAGE_ROWS} rows, HTML), same filters and offsets`,
          against: `GET the same ${SITE_PAGE_ROWS} rows as JSON`,
          subject: latencySummary(site.html),
          baseline: latencySummary(site.json),
        },
      ];
    } finally {
      client.close();
      await app.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

export const resultsPageBenchmark: Benchmark = { name: NAME, run };
