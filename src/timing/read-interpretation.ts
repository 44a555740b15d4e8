import { TimingPoint } from '../editions/edition-events';

/** Faster than the road 5 km world record pace (12:49, 6.5 m/s) over a segment of 1 km or more is impossible. */
export const WORLD_RECORD_SPEED_MPS = 6.6;
const MIN_SEGMENT_FOR_SPEED_CHECK_M = 1000;
/** A second read of the same mat and lap this close to the first is the backup mat or a resend. */
const SAME_CROSSING_WINDOW_MS = 60_000;

export interface Course {
  raceId: string;
  laps: number;
  distanceM: number;
  timingPoints: TimingPoint[];
}

/** A read as the mat sent it: the fact every interpretation starts from. */
export interface RawRead {
  readId: string;
  pointId: string;
  /** The lap the mat itself reported, if it knows. */
  lap?: number;
  /** ISO instant, UTC. */
  time: string;
}

export interface ReadReview {
  decision: 'accept' | 'dismiss';
  /** The lap an organiser says an accepted read is for. */
  lap?: number;
}

/** A crossing time set by an organiser: it counts for its mat and lap, whatever the reads say. */
export interface CorrectedCrossing {
  correctionId: string;
  pointId: string;
  lap: number;
  distanceM: number;
  time: string;
}

/** Everything the mats and the organisers said about one runner's crossings. */
export interface TimingFacts {
  reads: RawRead[];
  reviews: ReadonlyMap<string, ReadReview>;
  /** By `pointId@lap`. */
  corrections: ReadonlyMap<string, CorrectedCrossing>;
}

/** What one read means, given all of the runner's reads. */
export type Interpretation =
  | { status: 'counted'; pointId: string; lap: number; distanceM: number; finish: boolean }
  | { status: 'flagged'; pointId: string; lap?: number; reasons: string[] }
  | { status: 'duplicate'; of: string }
  | { status: 'dismissed' }
  | { status: 'superseded'; by: string };

export const crossingKey = (pointId: string, lap: number) => `${pointId}@${lap}`;

interface Passed {
  id: string;
  pointId: string;
  lap: number;
  distanceM: number;
  timeMs: number;
}

type Entry = { id: string; timeMs: number } & ({ read: RawRead } | { correction: CorrectedCrossing });

const byTimeThenId = (a: Entry, b: Entry) => a.timeMs - b.timeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const isFinishOf = (course: Course, point: { distanceM: number; lap: number }) =>
  point.distanceM === course.distanceM && point.lap === course.laps;

/**
 * Interprets every read of one runner from all of them at once, walking them in time order (ties by read
 * id): the same set of reads gives the same interpretation whatever order or batches they arrived in. A
 * mat crossed on several laps gets the first lap further along the course than anything already passed,
 * so a late lap-1 read turns an earlier guess into lap 2; a read the same mat saw within a minute is the
 * backup mat or a resend; anything implausible is flagged for an organiser, never counted or dropped.
 */
export const interpretReads = (course: Course, gunMs: number | undefined, facts: TimingFacts): Map<string, Interpretation> => {
  const walk = new CourseWalk(course, gunMs, facts.corrections);
  const entries: Entry[] = [
    ...facts.reads.map((read) => ({ id: read.readId, timeMs: Date.parse(read.time), read })),
    ...[...facts.corrections.values()].map((correction) => ({
      id: `correction:${correction.correctionId}`,
      timeMs: Date.parse(correction.time),
      correction,
    })),
  ].sort(byTimeThenId);
  const interpretations = new Map<string, Interpretation>();
  for (const entry of entries) {
    if ('correction' in entry) walk.pass({ id: entry.id, ...entry.correction, timeMs: entry.timeMs });
    else interpretations.set(entry.id, walk.interpret(entry.read, entry.timeMs, facts.reviews.get(entry.id)));
  }
  return interpretations;
};

/**
 * What a correction would break, judged like a read against the runner's other crossings as they count
 * now: before the gun, a negative segment, or a segment faster than a world record.
 */
export const correctionProblems = (
  course: Course,
  gunMs: number | undefined,
  facts: TimingFacts,
  correction: CorrectedCrossing,
): string[] => {
  const key = crossingKey(correction.pointId, correction.lap);
  const interpretations = interpretReads(course, gunMs, facts);
  const others: Passed[] = [
    ...facts.reads.flatMap((read): Passed[] => {
      const meaning = interpretations.get(read.readId);
      return meaning?.status === 'counted' ? [{ id: read.readId, ...meaning, timeMs: Date.parse(read.time) }] : [];
    }),
    ...[...facts.corrections.values()].map((c) => ({ id: c.correctionId, ...c, timeMs: Date.parse(c.time) })),
  ].filter((other) => crossingKey(other.pointId, other.lap) !== key);
  const timeMs = Date.parse(correction.time);
  const problems: string[] = [];
  if (gunMs !== undefined && timeMs < gunMs) problems.push(`before the gun (${new Date(gunMs).toISOString()})`);
  const earlierOnCourse = others.filter((other) => other.distanceM < correction.distanceM);
  const laterOnCourse = others.filter((other) => other.distanceM > correction.distanceM);
  const previous = earlierOnCourse.reduce<Passed | undefined>((last, c) => (!last || c.distanceM > last.distanceM ? c : last), undefined);
  const next = laterOnCourse.reduce<Passed | undefined>((first, c) => (!first || c.distanceM < first.distanceM ? c : first), undefined);
  if (previous && previous.timeMs >= timeMs) problems.push(`a negative segment: ${previous.pointId} lap ${previous.lap} was crossed at ${iso(previous.timeMs)}`);
  if (next && next.timeMs <= timeMs) problems.push(`a negative segment: ${next.pointId} lap ${next.lap} was crossed at ${iso(next.timeMs)}`);
  const from = previous ?? (gunMs !== undefined ? gunPass(gunMs) : undefined);
  if (from) problems.push(...speedProblems(from, { id: correction.correctionId, ...correction, timeMs }));
  if (next) problems.push(...speedProblems({ id: correction.correctionId, ...correction, timeMs }, next));
  return problems;
};

const iso = (ms: number) => new Date(ms).toISOString();
const gunPass = (gunMs: number): Passed => ({ id: 'gun', pointId: 'gun', lap: 1, distanceM: 0, timeMs: gunMs });

const speedProblems = (from: Passed, to: Passed): string[] => {
  const metres = to.distanceM - from.distanceM;
  if (metres < MIN_SEGMENT_FOR_SPEED_CHECK_M || to.timeMs <= from.timeMs) return [];
  const speed = metres / ((to.timeMs - from.timeMs) / 1000);
  return speed > WORLD_RECORD_SPEED_MPS
    ? [`faster than a world record from ${from.pointId} to ${to.pointId} (${speed.toFixed(2)} m/s over ${metres} m)`]
    : [];
};

/** The runner's progress along the course as the walk passes their crossings in time order. */
class CourseWalk {
  private readonly passed = new Map<string, Passed>();
  private furthest: Passed | undefined;
  private finish: Passed | undefined;

  constructor(
    private readonly course: Course,
    private readonly gunMs: number | undefined,
    private readonly corrections: ReadonlyMap<string, CorrectedCrossing>,
  ) {}

  pass(crossing: Passed): void {
    this.passed.set(crossingKey(crossing.pointId, crossing.lap), crossing);
    if (!this.furthest || crossing.distanceM > this.furthest.distanceM) this.furthest = crossing;
    if (isFinishOf(this.course, crossing)) this.finish = crossing;
  }

  interpret(read: RawRead, timeMs: number, review: ReadReview | undefined): Interpretation {
    if (review?.decision === 'dismiss') return { status: 'dismissed' };
    const lap = review?.lap ?? read.lap;
    const candidates = this.course.timingPoints.filter((point) => point.pointId === read.pointId);
    let point: TimingPoint | undefined;
    if (lap !== undefined) point = candidates.find((candidate) => candidate.lap === lap);
    else if (candidates.length === 1) point = candidates[0];
    else {
      const same = [...this.passed.values()].find((p) => p.pointId === read.pointId && Math.abs(p.timeMs - timeMs) <= SAME_CROSSING_WINDOW_MS);
      if (same) return this.sameCrossingAs(same);
      point = candidates.find((candidate) => this.isAhead(candidate) && !this.passed.has(crossingKey(candidate.pointId, candidate.lap)));
      if (!point) {
        const everyLap = candidates.every((candidate) => this.passed.has(crossingKey(candidate.pointId, candidate.lap)));
        const reason = everyLap
          ? `every lap of ${read.pointId} is already recorded: an extra lap`
          : "out of course order with the runner's other crossings";
        return { status: 'flagged', pointId: read.pointId, reasons: [reason] };
      }
    }
    if (!point) return { status: 'flagged', pointId: read.pointId, ...(lap !== undefined && { lap }), reasons: [`${read.pointId} has no lap ${lap}`] };

    const key = crossingKey(point.pointId, point.lap);
    const correction = this.corrections.get(key);
    if (correction) return { status: 'superseded', by: correction.correctionId };
    const same = this.passed.get(key);
    if (same && Math.abs(same.timeMs - timeMs) <= SAME_CROSSING_WINDOW_MS) return this.sameCrossingAs(same);
    // One read counts per mat and lap: not even an organiser's accept makes a second one count.
    const crossing: Passed = { id: read.readId, pointId: point.pointId, lap: point.lap, distanceM: point.distanceM, timeMs };
    if (same) {
      const reason = `${point.pointId} lap ${point.lap} was already crossed at ${iso(same.timeMs)} (read ${same.id})`;
      return { status: 'flagged', pointId: point.pointId, lap: point.lap, reasons: [reason, ...this.problemsOf(crossing)] };
    }
    const reasons = this.problemsOf(crossing);
    if (reasons.length > 0 && review?.decision !== 'accept') {
      return { status: 'flagged', pointId: point.pointId, lap: point.lap, reasons };
    }
    this.pass(crossing);
    return { status: 'counted', pointId: point.pointId, lap: point.lap, distanceM: point.distanceM, finish: isFinishOf(this.course, point) };
  }

  /** A read of a crossing already passed: a backup mat's, or one whose time an organiser corrected. */
  private sameCrossingAs(crossing: Passed): Interpretation {
    const correction = this.corrections.get(crossingKey(crossing.pointId, crossing.lap));
    return correction && crossing.id === `correction:${correction.correctionId}`
      ? { status: 'superseded', by: correction.correctionId }
      : { status: 'duplicate', of: crossing.id };
  }

  private isAhead(point: TimingPoint): boolean {
    return !this.furthest || point.distanceM > this.furthest.distanceM;
  }

  private problemsOf(at: Passed): string[] {
    const problems: string[] = [];
    if (this.gunMs !== undefined && at.timeMs < this.gunMs) problems.push(`before the gun (${iso(this.gunMs)})`);
    if (this.finish) problems.push('after the runner finished');
    if (this.furthest && this.furthest.distanceM > at.distanceM) problems.push("out of course order with the runner's other crossings");
    const behind = [...this.passed.values()].filter((p) => p.distanceM < at.distanceM);
    const previous =
      behind.reduce<Passed | undefined>((last, p) => (!last || p.distanceM > last.distanceM ? p : last), undefined) ??
      (this.gunMs !== undefined ? gunPass(this.gunMs) : undefined);
    if (previous) problems.push(...speedProblems(previous, at));
    if (isFinishOf(this.course, at)) {
      const lapsDone = new Set([...this.passed.values()].filter((p) => p.distanceM > 0).map((p) => p.lap));
      for (let lap = 1; lap < this.course.laps; lap++) {
        if (!lapsDone.has(lap)) problems.push(`lap ${lap} is not recorded: a finisher has every lap done`);
      }
    }
    return problems;
  }
}
