import { CorrectedEventRef, TimeCorrected } from '../adjudication/adjudication-events';
import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import {
  correctionProblems,
  Course,
  CorrectedCrossing,
  crossingKey,
  Interpretation,
  interpretReads,
  isFinishOf,
  RawRead,
  ReadReview,
  TimingFacts,
} from './read-interpretation';
import { EarlierMeaning, FinishRecorded, ReadFlagged, ReadRecorded, ReadReinterpreted, ReadReviewed, SplitRecorded, TimingEvent } from './timing-events';

export type SentRead = RawRead & { chipId?: string };

/** What the timing rules know of one entry: every read as sent, the organisers' reviews and corrections, and what the log has decided each read means. */
export interface EntryTiming {
  reads: Map<string, SentRead>;
  reviews: Map<string, ReadReview>;
  corrections: Map<string, CorrectedCrossing & { finish: boolean }>;
  /** Reads that count or are held for review, as the log says now; any other read counts for nothing. */
  decided: Map<string, EarlierMeaning>;
}

interface OnCourse {
  editionId: string;
  bib: string;
  race: Course;
  /** The runner's gun (their wave's, else the race's), if it has fired. */
  gunTime?: string;
}

export type RecordReads = OnCourse & { type: 'RecordReads'; reads: SentRead[] };
export type ReviewRead = OnCourse & { type: 'ReviewRead'; readId: string; decision: 'accept' | 'dismiss'; lap?: number };
export type CorrectTime = OnCourse & {
  type: 'CorrectTime';
  correctionId: string;
  pointId: string;
  lap?: number;
  time: string;
  /** Record it even if it breaks a plausibility rule (the reason says why). */
  override: boolean;
};
export type EntryTimingCommand = RecordReads | ReviewRead | CorrectTime;

export type EntryTimingEvent = TimingEvent | TimeCorrected;

const withEntry = <K, V>(map: Map<K, V>, key: K, value: V) => new Map(map).set(key, value);
const without = <K, V>(map: Map<K, V>, key: K) => {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
};

const evolve = (state: EntryTiming, event: EntryTimingEvent): EntryTiming => {
  switch (event.type) {
    case 'ReadRecorded': {
      const { readId, pointId, lap, time, chipId } = event.data;
      const read = { readId, pointId, time, ...(lap !== undefined && { lap }), ...(chipId !== undefined && { chipId }) };
      return { ...state, reads: withEntry(state.reads, readId, read) };
    }
    case 'SplitRecorded':
    case 'FinishRecorded': {
      const { readId, pointId, lap, time } = event.data;
      // Logs written before reads were kept as facts hold only the decision: its read had this mat and lap.
      const reads = state.reads.has(readId) ? state.reads : withEntry(state.reads, readId, { readId, pointId, lap, time });
      const meaning: EarlierMeaning = { status: 'counted', pointId, lap, finish: event.type === 'FinishRecorded' };
      return { ...state, reads, decided: withEntry(state.decided, readId, meaning) };
    }
    case 'ReadFlagged': {
      const { readId, pointId, lap, time, reasons } = event.data;
      const legacyRead = { readId, pointId, time, ...(lap !== undefined && { lap }) };
      const reads = state.reads.has(readId) ? state.reads : withEntry(state.reads, readId, legacyRead);
      const meaning: EarlierMeaning = { status: 'flagged', pointId, ...(lap !== undefined && { lap }), reasons };
      return { ...state, reads, decided: withEntry(state.decided, readId, meaning) };
    }
    case 'ReadReinterpreted':
      return { ...state, decided: without(state.decided, event.data.readId) };
    case 'ReadReviewed': {
      const { readId, decision, lap } = event.data;
      return { ...state, reviews: withEntry(state.reviews, readId, { decision, ...(lap !== undefined && { lap }) }) };
    }
    case 'TimeCorrected': {
      const { correctionId, pointId, lap, distanceM, time, finish } = event.data;
      const key = crossingKey(pointId, lap);
      // A corrected time replaces whatever counted for its mat and lap.
      const decided = new Map([...state.decided].filter(([, meaning]) => !(meaning.status === 'counted' && crossingKey(meaning.pointId, meaning.lap) === key)));
      return { ...state, decided, corrections: withEntry(state.corrections, key, { correctionId, pointId, lap, distanceM, time, finish }) };
    }
    default:
      return state;
  }
};

const factsOf = (state: EntryTiming): TimingFacts => ({ reads: [...state.reads.values()], reviews: state.reviews, corrections: state.corrections });

const gunMsOf = (command: OnCourse) => (command.gunTime === undefined ? undefined : Date.parse(command.gunTime));

/** The reads of a command not recorded yet, each once. */
const newReadsOf = (state: EntryTiming, command: RecordReads): SentRead[] => {
  const seen = new Set<string>();
  return command.reads.filter((read) => {
    if (state.reads.has(read.readId) || seen.has(read.readId)) return false;
    seen.add(read.readId);
    return true;
  });
};

const meaningOf = (interpretation: Interpretation | undefined): EarlierMeaning | undefined => {
  if (interpretation?.status === 'counted') {
    const { pointId, lap, finish } = interpretation;
    return { status: 'counted', pointId, lap, finish };
  }
  if (interpretation?.status === 'flagged') {
    const { pointId, lap, reasons } = interpretation;
    return { status: 'flagged', pointId, ...(lap !== undefined && { lap }), reasons };
  }
  return undefined;
};

const sameMeaning = (a: EarlierMeaning | undefined, b: EarlierMeaning | undefined) => JSON.stringify(a) === JSON.stringify(b);

const inPlainWords = (interpretation: Interpretation): string => {
  switch (interpretation.status) {
    case 'counted':
      return `now counts as ${interpretation.pointId} lap ${interpretation.lap}${interpretation.finish ? ', the finish' : ''}`;
    case 'flagged':
      return `now held for review: ${interpretation.reasons.join('; ')}`;
    case 'duplicate':
      return `now the same crossing as read ${interpretation.of} (backup mat or resend)`;
    case 'dismissed':
      return 'dismissed by an organiser';
    case 'superseded':
      return `the corrected time ${interpretation.by} counts for this mat and lap`;
  }
};

/**
 * The events that bring what the log says each read means in line with what all the facts now say:
 * only reads whose meaning changed get an event, so the same facts in any order end in the same decisions.
 */
const decisionsFor = (
  state: EntryTiming,
  command: OnCourse,
  reads: SentRead[],
  interpretations: Map<string, Interpretation>,
  causedBy: string[],
): EntryTimingEvent[] => {
  const base = { editionId: command.editionId, raceId: command.race.raceId, bib: command.bib };
  const events: EntryTimingEvent[] = [];
  const inTimeOrder = [...reads].sort((a, b) => a.time.localeCompare(b.time) || (a.readId < b.readId ? -1 : 1));
  for (const read of inTimeOrder) {
    const interpretation = interpretations.get(read.readId)!;
    const before = state.decided.get(read.readId);
    const now = meaningOf(interpretation);
    if (sameMeaning(before, now)) continue;
    if (before) {
      events.push({
        type: 'ReadReinterpreted',
        data: { ...base, readId: read.readId, previously: before, now: interpretation.status, reason: inPlainWords(interpretation), causedBy },
      } satisfies ReadReinterpreted);
    }
    if (interpretation.status === 'counted') {
      const { pointId, lap, distanceM, finish } = interpretation;
      const data = { ...base, readId: read.readId, pointId, lap, distanceM, time: read.time };
      events.push(finish ? ({ type: 'FinishRecorded', data } satisfies FinishRecorded) : ({ type: 'SplitRecorded', data } satisfies SplitRecorded));
    } else if (interpretation.status === 'flagged') {
      const { pointId, lap, reasons } = interpretation;
      events.push({
        type: 'ReadFlagged',
        data: { ...base, readId: read.readId, pointId, ...(lap !== undefined && { lap }), time: read.time, reasons },
      } satisfies ReadFlagged);
    }
  }
  return events;
};

const recordReads = (command: RecordReads, state: EntryTiming): EntryTimingEvent[] => {
  const fresh = newReadsOf(state, command);
  if (fresh.length === 0) return [];
  const recorded: ReadRecorded[] = fresh.map(({ readId, chipId, pointId, lap, time }) => ({
    type: 'ReadRecorded',
    data: {
      editionId: command.editionId,
      raceId: command.race.raceId,
      bib: command.bib,
      readId,
      ...(chipId !== undefined && { chipId }),
      pointId,
      ...(lap !== undefined && { lap }),
      time,
    },
  }));
  const after = recorded.reduce(evolve, state);
  const interpretations = interpretReads(command.race, gunMsOf(command), factsOf(after));
  return [...recorded, ...decisionsFor(state, command, [...after.reads.values()], interpretations, fresh.map((read) => read.readId))];
};

const reviewRead = (command: ReviewRead, state: EntryTiming): EntryTimingEvent[] => {
  const read = state.reads.get(command.readId);
  if (!read) throw new NotFoundError(`read ${command.readId} is not a read of bib ${command.bib}`);
  if (state.reviews.has(command.readId)) throw new ConflictError(`read ${command.readId} was already reviewed`);
  const current = state.decided.get(command.readId);
  if (command.decision === 'accept' && current?.status !== 'flagged') {
    throw new ConflictError(`read ${command.readId} is not held for review${current ? `: it counts as ${current.pointId} lap ${current.lap}` : ''}`);
  }
  const laps = command.race.timingPoints.filter((point) => point.pointId === read.pointId).map((point) => point.lap);
  if (command.lap !== undefined && !laps.includes(command.lap)) {
    throw new RuleViolationError(`timing point ${read.pointId} has no lap ${command.lap} in ${command.race.raceId}`);
  }
  if (command.decision === 'accept' && command.lap === undefined && read.lap === undefined && laps.length > 1) {
    throw new RuleViolationError(`${read.pointId} is crossed on laps ${laps.join(', ')}: say which lap the read is for`);
  }
  const reviewed: ReadReviewed = {
    type: 'ReadReviewed',
    data: {
      editionId: command.editionId,
      raceId: command.race.raceId,
      bib: command.bib,
      readId: command.readId,
      decision: command.decision,
      ...(command.lap !== undefined && { lap: command.lap }),
    },
  };
  const after = evolve(state, reviewed);
  const interpretations = interpretReads(command.race, gunMsOf(command), factsOf(after));
  const outcome = interpretations.get(command.readId)!;
  if (command.decision === 'accept' && outcome.status !== 'counted') {
    throw new ConflictError(`read ${command.readId} cannot count: ${inPlainWords(outcome)}`);
  }
  return [reviewed, ...decisionsFor(state, command, [...after.reads.values()], interpretations, [`review:${command.readId}`])];
};

const correctTime = (command: CorrectTime, state: EntryTiming): EntryTimingEvent[] => {
  const { race } = command;
  const laps = race.timingPoints.filter((p) => p.pointId === command.pointId);
  if (command.lap === undefined && laps.length > 1) {
    throw new RuleViolationError(`${command.pointId} is crossed on ${laps.length} laps: say which lap the correction is for`);
  }
  const point = command.lap === undefined ? laps[0] : laps.find((p) => p.lap === command.lap);
  if (!point) throw new RuleViolationError(`timing point ${command.pointId} lap ${command.lap ?? 1} is not on the course of ${race.raceId}`);
  const lap = point.lap;
  const key = crossingKey(point.pointId, lap);
  const facts = factsOf(state);
  const current = currentCrossing(state, interpretReads(race, gunMsOf(command), facts), key);
  if (current?.time === command.time) throw new RuleViolationError(`${command.pointId} lap ${lap} already has the time ${command.time}`);
  const correction = { correctionId: command.correctionId, pointId: point.pointId, lap, distanceM: point.distanceM, time: command.time };
  const problems = correctionProblems(race, gunMsOf(command), facts, correction);
  if (problems.length > 0 && !command.override) {
    throw new RuleViolationError(
      `the corrected time would be ${problems.join('; ')}: send override: true with a reason to record it anyway`,
    );
  }
  const corrected: TimeCorrected = {
    type: 'TimeCorrected',
    data: {
      editionId: command.editionId,
      raceId: race.raceId,
      bib: command.bib,
      ...correction,
      ...(current && { previousTime: current.time, corrects: current.source }),
      finish: isFinishOf(race, point),
    },
  };
  const after = evolve(state, corrected);
  const interpretations = interpretReads(race, gunMsOf(command), factsOf(after));
  return [corrected, ...decisionsFor(state, command, [...after.reads.values()], interpretations, [`correction:${command.correctionId}`])];
};

/** The time that counts for a mat and lap now, and the event it came from. */
const currentCrossing = (
  state: EntryTiming,
  interpretations: Map<string, Interpretation>,
  key: string,
): { time: string; source: CorrectedEventRef } | undefined => {
  const correction = state.corrections.get(key);
  if (correction) return { time: correction.time, source: { type: 'TimeCorrected', id: correction.correctionId } };
  for (const [readId, meaning] of interpretations) {
    if (meaning.status === 'counted' && crossingKey(meaning.pointId, meaning.lap) === key) {
      return { time: state.reads.get(readId)!.time, source: { type: meaning.finish ? 'FinishRecorded' : 'SplitRecorded', id: readId } };
    }
  }
  return undefined;
};

/** The rules of an entry's timing: reads are facts, their meaning is decided from all of them. */
export const entryTimingDecider: Decider<EntryTiming, EntryTimingCommand, EntryTimingEvent> = {
  initialState: () => ({ reads: new Map(), reviews: new Map(), corrections: new Map(), decided: new Map() }),
  evolve,
  decide: (command, state) => {
    switch (command.type) {
      case 'RecordReads':
        return recordReads(command, state);
      case 'ReviewRead':
        return reviewRead(command, state);
      case 'CorrectTime':
        return correctTime(command, state);
    }
  },
};

export type ReadVerdict =
  | { status: 'accepted' | 'duplicate'; reason?: string }
  | { status: 'flagged'; reason: string };

/** How each read of a command came out, judged on the entry as it was before the command. */
export const verdictsOf = (state: EntryTiming, command: RecordReads): ReadVerdict[] => {
  const fresh = new Set(newReadsOf(state, command));
  const after = [...fresh].reduce<EntryTiming>((s, read) => ({ ...s, reads: withEntry(s.reads, read.readId, read) }), state);
  const interpretations = interpretReads(command.race, gunMsOf(command), factsOf(after));
  return command.reads.map((read): ReadVerdict => {
    if (!fresh.has(read)) return { status: 'duplicate', reason: `read ${read.readId} is already recorded` };
    const meaning = interpretations.get(read.readId)!;
    switch (meaning.status) {
      case 'counted':
        return { status: 'accepted' };
      case 'flagged':
        return { status: 'flagged', reason: meaning.reasons.join('; ') };
      case 'duplicate':
        return { status: 'duplicate', reason: `the same crossing as read ${meaning.of} (backup mat or resend)` };
      default:
        return { status: 'accepted', reason: inPlainWords(meaning) };
    }
  });
};
