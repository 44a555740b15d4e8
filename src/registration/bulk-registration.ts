import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CommandContext } from '../decider/command-context';
import { DomainError, NotFoundError } from '../decider/domain-errors';
import { foldStream, readStreamOrEmpty } from '../decider/handle-command';
import { EditionView, readEditionView } from '../editions/editions.projection';
import { EventStore } from '../event-store/event-store';
import { parseCsvRecords } from '../csv/csv';
import { toMinorUnits } from '../money/money';
import { chipDecider } from './chip';
import { entryDecider } from './entry';
import { chipStream, editionFactsFor, entryStream, registerRunner, RegistrationRequest } from './register-runner';
import { RegisterRunnerDto } from './registration.dto';

export type BulkMode = 'all-or-nothing' | 'valid-rows-only';

export interface RowError {
  line: number;
  bib?: string;
  errors: string[];
}

export interface BulkReport {
  mode: BulkMode;
  rows: number;
  registered: number;
  failed: RowError[];
  /** all-or-nothing with an invalid row: nothing was written. */
  refused: boolean;
}

const OPTIONAL_COLUMNS = ['club', 'wave', 'entryFee'];
const YIELD_EVERY_ROWS = 50;
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

/** A CSV row as the same DTO the HTTP endpoint validates, so both paths apply the same rules. */
const toRequest = async (
  editionId: string,
  record: Record<string, string>,
): Promise<{ request?: RegistrationRequest; errors: string[] }> => {
  const plain: Record<string, unknown> = Object.fromEntries(
    Object.entries(record).filter(([column, value]) => !(OPTIONAL_COLUMNS.includes(column) && value === '')),
  );
  if (typeof plain.entryFee === 'string') plain.entryFee = Number(plain.entryFee);
  const dto = plainToInstance(RegisterRunnerDto, plain);
  const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (problems.length > 0) return { errors: problems.flatMap((p) => Object.values(p.constraints ?? {})) };
  return { request: { ...dto, editionId }, errors: [] };
};

/**
 * Registers runners from a CSV file (header: bib, chipId, raceId, firstName, lastName, gender,
 * dateOfBirth, country, and optionally club, wave, entryFee). Every row is checked first — fields,
 * duplicates within the file, bib and chip already taken, the race rules, the fee — so that all-or-nothing
 * writes nothing when any row is bad. Registrations are separate streams, so the writing itself is not
 * one transaction: a row that loses a race with a concurrent registration while writing is reported as
 * failed with the reason, and the rows before it stay registered (the report says which).
 * Both passes hand the event loop back now and then: a 14,000-row file must not stall race-day timing.
 */
export const registerFromCsv = async (
  store: EventStore,
  editionId: string,
  csv: string,
  mode: BulkMode,
  context: CommandContext,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<BulkReport> => {
  const edition = await readEditionView(store, editionId);
  if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
  const records = parseCsvRecords(csv);
  const seenBibs = new Map<string, number>();
  const seenChips = new Map<string, number>();
  const checked: { line: number; request?: RegistrationRequest; errors: string[] }[] = [];

  for (const [index, { line, record, problem }] of records.entries()) {
    if (index % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await yieldToEventLoop();
    // A row that is not CSV has its fields in the wrong columns: checking them would only add noise.
    if (problem) {
      checked.push({ line, errors: [problem] });
      continue;
    }
    const { request, errors } = await toRequest(editionId, record);
    if (request) {
      errors.push(...(await ruleErrors(store, edition, request)));
      const bibLine = seenBibs.get(request.bib);
      const chipLine = seenChips.get(request.chipId);
      if (bibLine !== undefined) errors.push(`bib ${request.bib} is also on line ${bibLine}`);
      if (chipLine !== undefined) errors.push(`chip ${request.chipId} is also on line ${chipLine}`);
      seenBibs.set(request.bib, bibLine ?? line);
      seenChips.set(request.chipId, chipLine ?? line);
    }
    checked.push({ line, errors, ...(request && { request }) });
  }

  const failed: RowError[] = checked
    .filter((row) => row.errors.length > 0)
    .map((row) => ({ line: row.line, errors: row.errors, ...(row.request && { bib: row.request.bib }) }));
  if (mode === 'all-or-nothing' && failed.length > 0) {
    return { mode, rows: records.length, registered: 0, failed, refused: true };
  }

  let registered = 0;
  const valid = checked.filter((row) => row.errors.length === 0);
  for (const [index, row] of valid.entries()) {
    if (index % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await yieldToEventLoop();
    try {
      await registerRunner(store, row.request!, context);
      registered++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failed.push({ line: row.line, bib: row.request!.bib, errors: [error.message] });
    }
    onProgress(index + 1, valid.length);
  }
  failed.sort((a, b) => a.line - b.line);
  return { mode, rows: records.length, registered, failed, refused: false };
};

/** The registration rules a row would meet, checked without writing anything. */
const ruleErrors = async (store: EventStore, edition: EditionView, request: RegistrationRequest): Promise<string[]> => {
  const errors: string[] = [];
  try {
    const entry = foldStream(entryDecider, await readStreamOrEmpty(store, entryStream(edition.editionId, request.bib)));
    const { entryFee, ...data } = request;
    if (entryFee !== undefined) toMinorUnits(entryFee, edition.currency, 'entryFee');
    entryDecider.decide(
      { type: 'RegisterRunner', data, edition: editionFactsFor(edition, request.raceId) },
      entry,
    );
    const chip = foldStream(chipDecider, await readStreamOrEmpty(store, chipStream(edition.editionId, request.chipId)));
    chipDecider.decide({ type: 'ClaimChip', data: { editionId: edition.editionId, chipId: request.chipId, bib: request.bib } }, chip);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    errors.push(error.message);
  }
  return errors;
};
