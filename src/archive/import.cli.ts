import { cliContext, readInputFile, runCli, UsageError } from '../cli/cli-session';
import { progressBar } from '../cli/progress-bar';
import { readArchive } from './archive-format';
import { importArchive } from './import-archive';

const USAGE = `usage: npm run archive:import -- --file <file.jsonl>
Checks an edition archive (npm run archive:export) against its manifest (SHA-256 and counts), then appends
its events to the store configured by DATA_DIR / EVENTSTORE_CONNECTION_STRING with their own ids, streams,
revisions and metadata, in log order. Importing the same archive again appends nothing. Import with the
API stopped: its read models then catch up from the log at start. Exit 0: imported (or already there);
1: the archive is invalid or a stream in the store holds other events (nothing is written); 2: usage error.`;

void runCli(USAGE, { file: { type: 'string' } } as const, async (store, flags) => {
  if (!flags.file) throw new UsageError('--file is required');
  const archive = readArchive(readInputFile(flags.file));
  const bar = progressBar('importing', 'events');
  const context = cliContext('organiser', `archive import from ${flags.file}`);
  const report = await importArchive(store, archive, context, bar.update);
  bar.done();
  if (report.conflicts.length > 0) {
    report.conflicts.forEach((conflict) => process.stdout.write(`conflict: ${conflict}\n`));
    const { editionId, appended, events, conflicts } = report;
    process.stdout.write(
      appended === 0
        ? `nothing imported: ${conflicts.length} stream(s) of edition ${editionId} hold other events in this store\n`
        : `import of edition ${editionId} stopped after ${appended} of ${events} events; run it again to finish\n`,
    );
    return 1;
  }
  process.stdout.write(
    `imported edition ${report.editionId}: ${report.appended} of ${report.events} events appended to ${report.streams} streams (${report.alreadyPresent} were already there)\n`,
  );
  return 0;
});
