import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CommandContext } from '../decider/command-context';
import { DomainError, RuleViolationError } from '../decider/domain-errors';
import { foldStream, handleCommand, readStreamOrEmpty } from '../decider/handle-command';
import { AddRace, EditionCommand, editionDecider, editionStream, PlanEdition } from '../editions/edition';
import { EditionEvent } from '../editions/edition-events';
import { AddRaceDto, PlanEditionDto } from '../editions/edition.dto';
import { editionsProjection, EditionView, gunTimeFor, RaceView, readEditionView } from '../editions/editions.projection';
import { EventStore, RecordedEvent } from '../event-store/event-store';
import { BulkMode, RowError } from '../registration/bulk-registration';
import { chipDecider } from '../registration/chip';
import { entryDecider } from '../registration/entry';
import { chipStream, editionFactsFor, entryStream, registerRunner } from '../registration/register-runner';
import { EditionRegistrations } from '../registration/registrations.projection';
import { toUtcInstant } from '../time/instant';
import { entryTimingDecider } from '../timing/entry-timing';
import { RawRead } from '../timing/read-interpretation';
import { IncomingRead, recordReads } from '../timing/record-reads';
import { readResultLines, ResultLine } from './results-csv-rows';
import { zonedInstant } from './zoned-time';

export interface ResultsImportRequest {
  editionId: string;
  raceId: string;
  csv: string;
  /** Plans the edition when the store does not have it (the date is then required). */
  edition: Partial<Omit<PlanEdition['data'], 'editionId'>>;
  /** Adds the race when the edition does not have it (the distance is then required). */
  race: { name?: string; distanceM?: number; courseId?: string };
  /** The gun, when the race has none yet; default 09:00 on race day in the edition's time zone. */
  gunTime?: string;
  mode: BulkMode;
  organiser: CommandContext;
  timing: CommandContext;
}

export interface ResultsImportReport {
  rows: number;
  imported: number;
  failed: RowError[];
  /** all-or-nothing with a bad row: nothing was written. */
  refused: boolean;
  plannedEdition: boolean;
  addedRace: boolean;
  gunTime: string;
}

/** Defaults for an edition the import plans: the Almaty Marathon's own, each overridable. */
const EDITION_DEFAULTS = { number: 1, city: 'Almaty', timezone: 'Asia/Almaty', currency: 'KZT' };
const DEFAULT_GUN_CLOCK = '09:00';
const READ_BATCH = 1000;

const assertValid = async (dto: ClassConstructor<object>, plain: object, what: string) => {
  const problems = await validate(plainToInstance(dto, plain), { whitelist: true, forbidNonWhitelisted: true });
  if (problems.length > 0) throw new RuleViolationError(`${what}: ${problems.flatMap((p) => Object.values(p.constraints ?? {})).join('; ')}`);
};

/**
 * The edition commands the import needs (plan the edition, add the race), decided on the edition's
 * stream as it is, and the edition as it will be once they are appended: every later rule is checked
 * against that before anything is written.
 */
const editionToBe = async (store: EventStore, request: ResultsImportRequest) => {
  const { editionId, raceId } = request;
  const history = await readStreamOrEmpty(store, editionStream(editionId));
  let state = foldStream(editionDecider, history);
  const commands: EditionCommand[] = [];
  const decided: EditionEvent[] = [];
  const decide = (command: EditionCommand) => {
    const events = editionDecider.decide(command, state);
    state = events.reduce(editionDecider.evolve, state);
    commands.push(command);
    decided.push(...events);
  };
  if (state.status === 'none') {
    if (!request.edition.date) throw new RuleViolationError(`edition ${editionId} is not in the store: give its --date (and --name, --number ...) to plan it`);
    const data = { ...EDITION_DEFAULTS, name: editionId, ...request.edition, date: request.edition.date, editionId };
    await assertValid(PlanEditionDto, data, `edition ${editionId} cannot be planned`);
    decide({ type: 'PlanEdition', data });
  }
  if (state.status === 'planned' && !state.raceIds.includes(raceId)) {
    const { distanceM, name = raceId, courseId } = request.race;
    if (distanceM === undefined) throw new RuleViolationError(`race ${raceId} is not in edition ${editionId}: give its --distance in metres to add it`);
    const race: Omit<AddRace['data'], 'editionId'> = {
      raceId, name, distanceM, laps: 1, kind: 'individual', minAge: 0, ...(courseId && { courseId }),
      timingPoints: [{ pointId: 'start', distanceM: 0 }, { pointId: 'finish', distanceM }],
    };
    await assertValid(AddRaceDto, race, `race ${raceId} cannot be added`);
    decide({ type: 'AddRace', data: { ...race, editionId } });
  }
  // The edition projection reads only the type and data of an event, which decided events have.
  const events = [...history, ...(decided as unknown as RecordedEvent[])];
  const view = events.reduce(editionsProjection.evolve, editionsProjection.initialState())[editionId]!;
  return { commands, view, race: view.races.find((candidate) => candidate.raceId === raceId)! };
};

/** A results CSV has one time per runner: only a single-lap individual race can be finished on it. */
const assertImportable = (race: RaceView) => {
  if (race.kind !== 'individual') throw new RuleViolationError(`race ${race.raceId} is a relay: a results CSV imports individual runners`);
  if (race.laps > 1) throw new RuleViolationError(`race ${race.raceId} runs ${race.laps} laps: a results CSV has no lap splits, so no runner could finish it`);
};

const gunOf = (race: RaceView, view: EditionView, requested?: string): string => {
  const fired = gunTimeFor(race);
  const wanted = requested === undefined ? undefined : toUtcInstant(requested, 'gun time');
  if (fired && wanted && fired !== wanted) throw new RuleViolationError(`race ${race.raceId} was started at ${fired}, not ${wanted}`);
  return fired ?? wanted ?? zonedInstant(view.date, DEFAULT_GUN_CLOCK, view.timezone);
};

/** The reads that give the CSV's times: the finish at the gun plus the gun time, the start mat at the finish less the net time. */
const readsOf = (row: ResultLine, race: RaceView, gunTime: string): RawRead[] => {
  const finishMs = Date.parse(gunTime) + row.gunMs! - row.tieBreakMs!;
  const finish = race.timingPoints[race.timingPoints.length - 1]!;
  const reads: RawRead[] = [{ readId: 'results-csv:finish', pointId: finish.pointId, time: new Date(finishMs).toISOString() }];
  if (row.netMs! < row.gunMs!) {
    const start = race.timingPoints.find((point) => point.distanceM === 0);
    if (!start) throw new RuleViolationError(`race ${race.raceId} has no start mat (a timing point at 0 m) to record the net time on`);
    reads.unshift({ readId: 'results-csv:start', pointId: start.pointId, time: new Date(finishMs - row.netMs!).toISOString() });
  }
  return reads;
};

const domainErrors = (check: () => void): string[] => {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof DomainError) return [error.message];
    throw error;
  }
};

/** Registration and timing rules, decided on the streams as they are and the edition as it will be: nothing is written. */
const checkRules = async (store: EventStore, view: EditionView, race: RaceView, gunTime: string, row: ResultLine): Promise<void> => {
  const registration = row.registration;
  if (!registration || row.gunMs === undefined) return;
  const { editionId, bib, chipId } = registration;
  const entry = foldStream(entryDecider, await readStreamOrEmpty(store, entryStream(editionId, bib)));
  const chip = foldStream(chipDecider, await readStreamOrEmpty(store, chipStream(editionId, chipId)));
  row.errors.push(
    ...domainErrors(() => entryDecider.decide({ type: 'RegisterRunner', data: registration, edition: editionFactsFor(view, race.raceId) }, entry)),
    ...domainErrors(() => chipDecider.decide({ type: 'ClaimChip', data: { editionId, chipId, bib } }, chip)),
  );
  let reads: RawRead[] = [];
  row.errors.push(...domainErrors(() => (reads = readsOf(row, race, gunTime))));
  const timing = entryTimingDecider.decide(
    { type: 'RecordReads', editionId, bib, race, gunTime, reads },
    entryTimingDecider.initialState(),
  );
  for (const event of timing) {
    if (event.type === 'ReadFlagged') {
      row.errors.push(`its ${event.data.pointId} read would be flagged: ${event.data.reasons.join('; ')}`);
    }
  }
};

/**
 * Turns a past edition's results CSV into the events race day would have produced, through the normal
 * command paths: plan the edition and add the race if missing, register every runner, fire the gun, and
 * record a finish read at gun + gun time (and a start-mat read at finish - net time). Every row is checked
 * first; all-or-nothing writes nothing when one is bad.
 */
export const importResults = async (
  store: EventStore,
  request: ResultsImportRequest,
  onProgress: (step: 'registration' | 'timing reads', done: number, total: number) => void = () => undefined,
): Promise<ResultsImportReport> => {
  const { commands, view, race } = await editionToBe(store, request);
  assertImportable(race);
  const gunTime = gunOf(race, view, request.gunTime);
  const rows = await readResultLines(request.csv, request.editionId, request.raceId);
  for (const row of rows) await checkRules(store, view, race, gunTime, row);

  const failed: RowError[] = rows.filter((row) => row.errors.length > 0).map(({ line, bib, errors }) => ({ line, errors, ...(bib !== undefined && { bib }) }));
  const valid = rows.filter((row) => row.errors.length === 0);
  const report = { rows: rows.length, imported: 0, failed, plannedEdition: false, addedRace: false, gunTime };
  if (valid.length === 0 || (request.mode === 'all-or-nothing' && failed.length > 0)) return { ...report, refused: true };

  for (const command of commands) {
    await handleCommand(store, editionStream(request.editionId), editionDecider, command, request.organiser);
    if (command.type === 'PlanEdition') report.plannedEdition = true;
    else report.addedRace = true;
  }
  const registrations: EditionRegistrations = { byBib: new Map(), byChip: new Map() };
  const timed: { row: ResultLine; reads: IncomingRead[] }[] = [];
  for (const [index, row] of valid.entries()) {
    const { bib, chipId } = row.registration!;
    try {
      await registerRunner(store, row.registration!, request.organiser);
      registrations.byBib.set(bib, { raceId: race.raceId, chipId });
      registrations.byChip.set(chipId, bib);
      timed.push({ row, reads: readsOf(row, race, gunTime).map((read) => ({ ...read, chipId })) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failed.push({ line: row.line, bib, errors: [error.message] });
    }
    onProgress('registration', index + 1, valid.length);
  }
  if (!gunTimeFor(race)) {
    const start: EditionCommand = { type: 'StartRace', data: { editionId: request.editionId, raceId: race.raceId, gunTime } };
    await handleCommand(store, editionStream(request.editionId), editionDecider, start, request.organiser);
  }
  const edition = (await readEditionView(store, request.editionId))!;
  for (let start = 0; start < timed.length; start += READ_BATCH) {
    const batch = timed.slice(start, start + READ_BATCH);
    const { outcomes } = await recordReads(store, edition, registrations, batch.flatMap(({ reads }) => reads), request.timing);
    batch.forEach(({ row }) => {
      const refused = outcomes.filter((outcome) => outcome.bib === row.registration!.bib && outcome.status !== 'accepted');
      const errors = refused.map((outcome) => `read ${outcome.readId} ${outcome.status}: ${outcome.reason ?? ''}`);
      if (refused.length > 0) failed.push({ line: row.line, bib: row.registration!.bib, errors });
      else report.imported++;
    });
    onProgress('timing reads', start + batch.length, timed.length);
  }
  failed.sort((a, b) => a.line - b.line);
  return { ...report, refused: false };
};
