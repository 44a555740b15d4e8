import { TimingPoint } from '../editions/edition-events';
import { WORLD_RECORD_SPEED_MPS } from '../timing/read-interpretation';
import { SeededRandom } from './seeded-random';
import { toTenths } from './stated-times';

/** A crossing the runner makes on race day; the timing feed turns it into mat reads. */
export interface PlannedCrossing {
  pointId: string;
  lap: number;
  distanceM: number;
  /** ISO instant, UTC, to 0.1 s. */
  time: string;
}

/** How much one segment's pace wanders from the runner's plan (standard deviation, as a share of pace). */
const SEGMENT_WOBBLE = 0.02;

export interface RunnerPace {
  /** When the runner crosses the start line (gun + the time to reach it from their place in the field). */
  startMs: number;
  /** Start line to finish, a whole number of tenths. */
  netMs: number;
  /** Last segments this much slower than the first (negative: a negative split). */
  fade: number;
}

/**
 * The runner's crossing of every mat on the course: segment times in proportion to segment length,
 * slowed towards the end by the fade and wobbling a little, adding up exactly to the net time.
 */
export const crossingsOf = (course: TimingPoint[], pace: RunnerPace, random: SeededRandom): PlannedCrossing[] => {
  const distanceM = course[course.length - 1]!.distanceM;
  let from = 0;
  const effort = course.map((point) => {
    const lengthM = point.distanceM - from;
    const middle = (from + point.distanceM) / 2 / distanceM;
    from = point.distanceM;
    const wobble = Math.max(-2, Math.min(2, random.normal())) * SEGMENT_WOBBLE;
    return lengthM * (1 + pace.fade * (middle - 0.5) + wobble);
  });
  const total = effort.reduce((sum, share) => sum + share, 0);
  let done = 0;
  return course.map((point, index) => {
    done += effort[index]!;
    const at = toTenths(pace.startMs + (pace.netMs * done) / total);
    return { pointId: point.pointId, lap: point.lap, distanceM: point.distanceM, time: new Date(at).toISOString() };
  });
};

/**
 * The timing rules flag any segment of 1 km or more run faster than a world record (crossing.ts): the
 * generator must never produce one, so parameters that would are refused rather than loaded as flags.
 */
export const assertPlausible = (crossings: PlannedCrossing[], gunMs: number, who: string): void => {
  let previous = { distanceM: 0, ms: gunMs };
  for (const crossing of crossings) {
    const ms = Date.parse(crossing.time);
    const lengthM = crossing.distanceM - previous.distanceM;
    if (ms <= previous.ms) {
      throw new Error(`${who} would cross ${crossing.pointId} (lap ${crossing.lap}) before the gun or out of course order`);
    }
    if (lengthM >= 1000 && lengthM / ((ms - previous.ms) / 1000) >= WORLD_RECORD_SPEED_MPS) {
      throw new Error(`${who} would run ${crossing.pointId} (lap ${crossing.lap}) faster than a world record: check the synthetic parameters`);
    }
    previous = { distanceM: crossing.distanceM, ms };
  }
};
