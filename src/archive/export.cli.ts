import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { runCli, UsageError } from '../cli/cli-session';
import { logProgress } from '../replay/log-progress';
import { exportEdition } from './export-edition';

const USAGE = `usage: npm run archive:export -- --edition <editionId> --out <file.jsonl>
Writes every event of the edition's streams, in log order, from the store configured by DATA_DIR /
EVENTSTORE_CONNECTION_STRING: one JSON line per event, then a manifest line with counts per type and a
SHA-256 over the event lines. Exit 0: written; 1: the edition has no events; 2: usage or configuration error.`;

const OPTIONS = { edition: { type: 'string' }, out: { type: 'string' } } as const;

void runCli(USAGE, OPTIONS, async (store, flags) => {
  if (!flags.edition || !flags.out) throw new UsageError('--edition and --out are required');
  try {
    accessSync(dirname(flags.out), constants.W_OK);
  } catch (error) {
    throw new UsageError(`cannot write to ${dirname(flags.out)}: ${(error as Error).message}`);
  }
  const progress = logProgress('exporting', await store.headPosition());
  const manifest = await exportEdition(store, flags.edition, flags.out, progress.onEvent);
  progress.done();
  const types = Object.entries(manifest.types).map(([type, count]) => `${type} ${count}`).join(', ');
  process.stdout.write(`exported ${manifest.events} events of ${manifest.streams} streams of edition ${manifest.editionId} to ${flags.out}\n`);
  process.stdout.write(`${types}\nsha256 ${manifest.sha256}\n`);
  return 0;
});
