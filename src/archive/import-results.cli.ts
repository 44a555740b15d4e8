import { bulkModeFlag, cliContext, readInputFile, runCli, UsageError } from '../cli/cli-session';
import { progressBar } from '../cli/progress-bar';
import { importResults } from './import-results';
import { approximateDateOfBirth, RESULTS_CSV_COLUMNS } from './results-csv-rows';

const USAGE = `usage: npm run import:results -- --edition <editionId> --race <raceId> --file <results.csv>
    [--date YYYY-MM-DD --name NAME --number N --city CITY --timezone ZONE --currency CODE --series SERIES]
    [--race-name NAME --distance METRES --course COURSE_ID] [--gun-time ISO_INSTANT] [--mode all-or-nothing|valid-rows-only]
Imports a past edition's results CSV (header ${RESULTS_CSV_COLUMNS.join(',')}) into the store configured by
DATA_DIR / EVENTSTORE_CONNECTION_STRING through the normal commands: plans the edition if the store lacks it
(--date required; defaults: name = id, number 1, Almaty, Asia/Almaty, KZT, series = id without -YYYY), adds
the race if missing (--distance required: a single lap with a start and a finish mat), registers each runner
(chip csv:<bib>; date of birth ${approximateDateOfBirth('<birthYear>')}: an approximation, the CSV gives only the year),
fires the gun (--gun-time, default 09:00 local on race day) and records a finish read at gun + gunTime and a
start-mat read at finish - netTime. Every row is checked first: by default a bad row means nothing is written.
Exit 0: every row imported; 1: some or all rows refused (report on stdout); 2: usage or configuration error.`;

const NAMES = ['edition', 'race', 'file', 'date', 'name', 'number', 'city', 'timezone', 'currency', 'series', 'race-name', 'distance', 'course', 'gun-time', 'mode'] as const;
const OPTIONS = Object.fromEntries(NAMES.map((name) => [name, { type: 'string' }])) as Record<(typeof NAMES)[number], { type: 'string' }>;

const numberFlag = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new UsageError(`--${name} must be a number, got ${value}`);
  return number;
};

void runCli(USAGE, OPTIONS, async (store, flags) => {
  if (!flags.edition || !flags.race || !flags.file) throw new UsageError('--edition, --race and --file are required');
  const mode = bulkModeFlag(flags.mode);
  const csv = readInputFile(flags.file);
  const number = numberFlag(flags.number, 'number');
  const distanceM = numberFlag(flags.distance, 'distance');
  const { date, name, city, timezone, currency, series } = flags;
  const edition = Object.fromEntries(Object.entries({ date, name, number, city, timezone, currency, series }).filter(([, value]) => value !== undefined));
  const race = {
    ...(flags['race-name'] && { name: flags['race-name'] }),
    ...(distanceM !== undefined && { distanceM }),
    ...(flags.course && { courseId: flags.course }),
  };
  const reason = `results import from ${flags.file}`;
  const bars = { registration: progressBar('registering', 'runners'), 'timing reads': progressBar('timing', 'runners') };
  const report = await importResults(
    store,
    {
      editionId: flags.edition,
      raceId: flags.race,
      csv,
      edition,
      race,
      ...(flags['gun-time'] && { gunTime: flags['gun-time'] }),
      mode,
      organiser: cliContext('organiser', `${reason}: date of birth approximated as 1 July of the birth year`),
      timing: cliContext('timing', `${reason}: reads derived from the published gun and net times`),
    },
    (step, done, total) => bars[step].update(done, total),
  );
  Object.values(bars).forEach((bar) => bar.done());
  for (const failure of report.failed) {
    process.stdout.write(`line ${failure.line}${failure.bib ? ` (bib ${failure.bib})` : ''}: ${failure.errors.join('; ')}\n`);
  }
  if (report.refused) {
    const hint = mode === 'all-or-nothing' ? ' (use --mode valid-rows-only to import the rest)' : '';
    process.stdout.write(`refused: ${report.failed.length} of ${report.rows} rows are invalid; nothing was written${hint}\n`);
    return 1;
  }
  const created = [report.plannedEdition && `planned edition ${flags.edition}`, report.addedRace && `added race ${flags.race}`].filter(Boolean);
  const imported = `imported ${report.imported} of ${report.rows} rows into ${flags.edition}/${flags.race} (gun ${report.gunTime})`;
  const prefix = created.length > 0 ? `${created.join(', ')}; ` : '';
  process.stdout.write(`${prefix}${imported}; ${report.failed.length} failed\n`);
  return report.failed.length === 0 ? 0 : 1;
});
