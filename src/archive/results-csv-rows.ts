import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parseCsvRecords } from '../csv/csv';
import { DomainError, RuleViolationError } from '../decider/domain-errors';
import { RunnerRegistered } from '../registration/entry-events';
import { RegisterRunnerDto } from '../registration/registration.dto';
import { competitionRanks } from '../results/standings';
import { formatRaceTime, parseRaceTime } from '../time/instant';

export const RESULTS_CSV_COLUMNS = ['place', 'bib', 'name', 'gender', 'birthYear', 'country', 'gunTime', 'netTime'];

/**
 * The CSV gives a birth year only; registration needs a date of birth for the age on race day. The middle
 * of the year is the approximation: an age (and so a masters category) can be a year off for a runner
 * born in the other half of the year than race day falls in.
 */
export const approximateDateOfBirth = (birthYear: string) => `${birthYear}-07-01`;

/** Chip ids are not in a results CSV: one per bib, unique in the edition as the bib is. */
export const chipOfBib = (bib: string) => `csv:${bib}`;

/** A runner of a past edition pays no entry fee through this system. */
export type PastRegistration = Omit<RunnerRegistered['data'], 'entryFee'>;

export interface ResultLine {
  line: number;
  bib?: string;
  errors: string[];
  place?: number;
  registration?: PastRegistration;
  gunMs?: number;
  netMs?: number;
  /** How far before the published gun time the finish read goes, to keep the CSV's order inside one second. */
  tieBreakMs?: number;
}

const splitName = (name: string): { firstName: string; lastName: string } | undefined => {
  const [firstName, ...rest] = name.split(/\s+/).filter((part) => part !== '');
  return firstName && rest.length > 0 ? { firstName, lastName: rest.join(' ') } : undefined;
};

const raceTime = (text: string, column: string, errors: string[]): number | undefined => {
  try {
    return parseRaceTime(text);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    errors.push(`${column} ${text === '' ? 'is missing' : `${text} is not H:MM:SS`}`);
    return undefined;
  }
};

/** One row as a registration (validated as the API validates one) and its published times. */
const parseLine = async (line: number, record: Record<string, string>, editionId: string, raceId: string): Promise<ResultLine> => {
  const errors: string[] = [];
  const row: ResultLine = { line, errors, ...(record.bib !== '' && { bib: record.bib }) };
  if (/^[1-9]\d*$/.test(record.place!)) row.place = Number(record.place);
  else errors.push(`place ${record.place === '' ? 'is missing' : `${record.place} is not a place (1, 2, ...)`}`);
  const name = splitName(record.name!);
  if (!name) errors.push(`name "${record.name}" needs a first and a last name`);
  if (!/^\d{4}$/.test(record.birthYear!)) errors.push(`birthYear ${record.birthYear} is not a year`);
  const bib = record.bib!;
  const plain = {
    bib,
    chipId: chipOfBib(bib),
    raceId,
    firstName: name?.firstName ?? '-',
    lastName: name?.lastName ?? '-',
    gender: record.gender!.toUpperCase(),
    dateOfBirth: approximateDateOfBirth(record.birthYear!),
    country: record.country!.toUpperCase(),
  };
  const problems = await validate(plainToInstance(RegisterRunnerDto, plain));
  // A bad date of birth is a bad birthYear, reported above in the CSV's own terms.
  errors.push(...problems.filter((p) => p.property !== 'dateOfBirth').flatMap((p) => Object.values(p.constraints ?? {})));
  if (problems.length === 0) row.registration = { ...plain, editionId, gender: plain.gender as PastRegistration['gender'] };
  const gunMs = raceTime(record.gunTime!, 'gunTime', errors);
  const netMs = record.netTime === '' ? gunMs : raceTime(record.netTime!, 'netTime', errors);
  if (gunMs !== undefined && netMs !== undefined && netMs > gunMs) {
    errors.push(`netTime ${record.netTime} is longer than gunTime ${record.gunTime}: the start mat is crossed after the gun`);
  }
  if (gunMs !== undefined && netMs !== undefined) Object.assign(row, { gunMs, netMs });
  return row;
};

/**
 * Published times are whole seconds, so runners the CSV places one after another can share one: inside
 * such a second the finish reads go a millisecond apart in the CSV's order (still rounding up to the
 * published second). Then the places the results will rank must be the CSV's places; a row whose place
 * its time contradicts is an error.
 */
const checkPlaces = (rows: ResultLine[]): void => {
  const timed = rows.filter((row) => row.place !== undefined && row.gunMs !== undefined);
  const placesByTime = new Map<number, Set<number>>();
  timed.forEach((row) => (placesByTime.get(row.gunMs!) ?? placesByTime.set(row.gunMs!, new Set()).get(row.gunMs!)!).add(row.place!));
  timed.forEach((row) => {
    const places = [...placesByTime.get(row.gunMs!)!].sort((a, b) => a - b);
    row.tieBreakMs = places.length - 1 - places.indexOf(row.place!);
  });
  const ordered = [...timed].sort((a, b) => a.gunMs! - a.tieBreakMs! - (b.gunMs! - b.tieBreakMs!));
  competitionRanks(ordered.map((row) => row.gunMs! - row.tieBreakMs!)).forEach((rank, index) => {
    const row = ordered[index]!;
    if (rank !== row.place) row.errors.push(`place ${row.place} contradicts the times: gun time ${formatRaceTime(row.gunMs!)} ranks ${rank}`);
  });
};

const checkDuplicates = (rows: ResultLine[]): void => {
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.bib === undefined) continue;
    const first = seen.get(row.bib);
    if (first !== undefined) row.errors.push(`bib ${row.bib} is also on line ${first}`);
    else seen.set(row.bib, row.line);
  }
};

/** Every row of a results CSV, each with its own errors: fields, duplicate bibs, places against times. */
export const readResultLines = async (csv: string, editionId: string, raceId: string): Promise<ResultLine[]> => {
  const records = parseCsvRecords(csv);
  const missing = RESULTS_CSV_COLUMNS.filter((column) => records.length > 0 && !(column in records[0]!.record));
  if (records.length === 0) throw new RuleViolationError(`the CSV has no rows; its header must be ${RESULTS_CSV_COLUMNS.join(',')}`);
  if (missing.length > 0) throw new RuleViolationError(`the CSV lacks the column(s) ${missing.join(', ')}; its header must be ${RESULTS_CSV_COLUMNS.join(',')}`);
  const rows = await Promise.all(
    records.map(({ line, record, problem }): ResultLine | Promise<ResultLine> => (problem ? { line, errors: [problem] } : parseLine(line, record, editionId, raceId))),
  );
  checkDuplicates(rows);
  checkPlaces(rows);
  return rows;
};
