import { runCli, UsageError } from '../cli/cli-session';
import { progressBar } from '../cli/progress-bar';
import { loadSeedEdition } from './load-seeds';
import { readNamePools, readSeedFacts, SEED_EDITIONS } from './seed-facts';
import { planSeedEdition } from './seed-plan';
import { SeedProgress } from './seed-session';
import { seedSummary, unexpectedReads } from './seed-summary';

const USAGE = `usage: npm run seed -- [--scale <share>]
Loads the seed editions ${SEED_EDITIONS.join(' and ')} (seeds/*.json: the facts of the 7th Almaty Marathon's
race-day article, plus a deterministic, clearly labelled synthetic field, ekiden teams, prize payments and
donations) into the store configured by DATA_DIR / EVENTSTORE_CONNECTION_STRING, through the same commands
the API runs: race day, then prize certification and the charity fund.
--scale (or SEED_SCALE): share of the synthetic runners and teams, above 0 and at most 1 (default 1; 0.02 for a quick look).
Running it again writes nothing twice; an interrupted load resumes. Exit 0: loaded; 1: a read broke the
timing rules or the store holds other editions of the same id; 2: usage or configuration error.`;

const NEXT_STEPS = `
Next: serve these editions with \`npm start\` (same DATA_DIR; API_TOKENS=finance:<token>,... for finance reads), then for example
  curl 'localhost:3000/editions/almaty-2018/races/marathon/results?limit=5'
  curl localhost:3000/editions/almaty-2018/races/marathon/records
  curl localhost:3000/editions/almaty-2018/statistics
  curl localhost:3000/editions/almaty-2018/entries/2
  curl localhost:3000/editions/almaty-2018/ekiden/standings
  curl -H "Authorization: Bearer $FINANCE_TOKEN" localhost:3000/editions/almaty-2018/prizes/reconciliation
  curl localhost:3000/editions/almaty-2018/charity`;

const scaleFrom = (text: string | undefined): number => {
  if (text === undefined || text === '') return 1;
  const scale = Number(text);
  if (!(scale > 0 && scale <= 1)) throw new UsageError(`--scale / SEED_SCALE must be above 0 and at most 1, not ${text}`);
  return scale;
};

/** One bar per step with a volume, each with its own rate. */
const progressBars = (editionId: string): SeedProgress & { done(): void } => {
  const bars = {
    registration: progressBar(`${editionId} registering`, 'runners'),
    'timing reads': progressBar(`${editionId} timing reads`, 'reads'),
  };
  let current: keyof typeof bars | undefined;
  const progress = (step: keyof typeof bars, done: number, total: number) => {
    if (current !== undefined && current !== step) bars[current].done();
    current = step;
    bars[step].update(done, total);
  };
  return Object.assign(progress, { done: () => current && bars[current].done() });
};

void runCli(USAGE, { scale: { type: 'string' } } as const, async (store, flags) => {
  const scale = scaleFrom(flags.scale ?? process.env.SEED_SCALE);
  const names = readNamePools();
  let unexpected = 0;
  for (const editionId of SEED_EDITIONS) {
    const facts = readSeedFacts(editionId);
    const plan = planSeedEdition(facts, names, { scale });
    const bars = progressBars(editionId);
    const report = await loadSeedEdition(store, plan, bars);
    bars.done();
    process.stdout.write(`${seedSummary(facts, plan, report)}\n`);
    unexpected += unexpectedReads(report);
  }
  process.stdout.write(`${NEXT_STEPS}\n`);
  if (unexpected > 0) {
    process.stderr.write(`${unexpected} reads were not accepted as crossings or resends: the generator broke a timing rule\n`);
    return 1;
  }
  return 0;
});
