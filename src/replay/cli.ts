import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, UsageError } from '../cli/cli-session';
import { loadConfig } from '../config';
import { SnapshotStore } from '../projections/snapshot-store';
import { logProgress } from './log-progress';
import { READ_MODEL_NAMES, selectReadModels, UnknownReadModelError } from './read-model-names';
import { rebuildModels, verifyModels } from './replay-models';

const USAGE = `usage: npm run replay -- [--verify] [--projection NAME ...]
Rebuilds every read model (or each one named; repeat --projection or separate names with commas) from
zero by folding the whole log of the store configured by DATA_DIR / EVENTSTORE_CONNECTION_STRING.
  --verify   compare each rebuilt model, folded up to the checkpoint of its live snapshot in
             DATA_DIR/read-models.sqlite, with that snapshot (byte-identical JSON); writes nothing
  (default)  write the rebuilt snapshots in one transaction, for when a model's code changed; stop the
             API first (it would overwrite them), or rebuild a running API with POST /replay/rebuilds
Read models: ${READ_MODEL_NAMES.join(', ')}
Exit 0: every model matches (or was written); 1: some differ or cannot be replayed; 2: usage or configuration error.`;

/** Every value of every --projection (the option may be repeated, each a name or names separated by commas). */
const projectionNames = (values: string[]): string[] =>
  values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');

const OPTIONS = { verify: { type: 'boolean' }, projection: { type: 'string', multiple: true } } as const;

void runCli(USAGE, OPTIONS, async (store, flags) => {
  if (flags.projection && projectionNames(flags.projection).length === 0) throw new UsageError('--projection needs a read model name');
  let projections;
  try {
    projections = selectReadModels(projectionNames(flags.projection ?? []));
  } catch (error) {
    if (error instanceof UnknownReadModelError) throw new UsageError(error.message);
    throw error;
  }

  const { dataDir } = loadConfig();
  const file = join(dataDir, 'read-models.sqlite');
  const verify = flags.verify === true;
  if (verify && !existsSync(file)) {
    process.stdout.write(`no live read models at ${file}: nothing to verify against (has the API run on this DATA_DIR?)\n`);
    return 1;
  }
  mkdirSync(dataDir, { recursive: true });
  const snapshots = new SnapshotStore(file);
  try {
    const progress = logProgress(verify ? 'verifying' : 'rebuilding', await store.headPosition());
    const outcomes = verify
      ? await verifyModels(store, snapshots, projections, progress.onEvent)
      : await rebuildModels(store, snapshots, projections, progress.onEvent);
    const events = progress.done();
    for (const outcome of outcomes) process.stdout.write(`${outcome.name}: ${outcome.detail}\n`);
    const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.name);
    if (failed.length > 0) {
      process.stdout.write(`${failed.length} of ${outcomes.length} read models ${verify ? 'differ from the log' : 'cannot be replayed'}: ${failed.join(', ')}\n`);
      return 1;
    }
    process.stdout.write(
      verify
        ? `all ${outcomes.length} read models match a rebuild from the log (${events} events read)\n`
        : `rebuilt ${outcomes.length} read models from ${events} events into ${file}\n`,
    );
    return 0;
  } finally {
    snapshots.close();
  }
});
