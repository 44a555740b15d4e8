import { bulkModeFlag, cliContext, readInputFile, runCli, UsageError } from '../cli/cli-session';
import { progressBar } from '../cli/progress-bar';
import { registerFromCsv } from './bulk-registration';

const USAGE = `usage: npm run register:csv -- --edition <editionId> --file <runners.csv> [--mode all-or-nothing|valid-rows-only]
CSV header: bib,chipId,raceId,firstName,lastName,gender,dateOfBirth,country[,club,wave,entryFee]
Writes to the store configured by DATA_DIR / EVENTSTORE_CONNECTION_STRING. Exit 0: all registered;
1: some or all rows refused (report on stdout); 2: usage or configuration error.`;

const OPTIONS = { edition: { type: 'string' }, file: { type: 'string' }, mode: { type: 'string' } } as const;

void runCli(USAGE, OPTIONS, async (store, flags) => {
  if (!flags.edition || !flags.file) throw new UsageError('--edition and --file are required');
  const mode = bulkModeFlag(flags.mode);
  const csv = readInputFile(flags.file);
  const bar = progressBar('registering', 'runners');
  const report = await registerFromCsv(store, flags.edition, csv, mode, cliContext('organiser', `bulk registration from ${flags.file}`), bar.update);
  bar.done();
  for (const failure of report.failed) {
    process.stdout.write(`line ${failure.line}${failure.bib ? ` (bib ${failure.bib})` : ''}: ${failure.errors.join('; ')}\n`);
  }
  process.stdout.write(
    report.refused
      ? `refused: ${report.failed.length} of ${report.rows} rows are invalid; nothing was registered (use --mode valid-rows-only to register the rest)\n`
      : `registered ${report.registered} of ${report.rows} rows; ${report.failed.length} failed\n`,
  );
  return report.failed.length === 0 ? 0 : 1;
});
