import { ResultRow } from '../results/standings';
import { formatRaceTime, parseRaceTime } from '../time/instant';

export interface ProjectedFinish {
  /** Projected gun time at the finish, H:MM:SS. */
  time: string;
  /** The likely range: the field's quartiles; equal to `time` when projected from pace alone. */
  low: string;
  high: string;
  /** The point the projection starts from: the runner's last split. */
  from: { pointId: string; lap: number };
  /** How many finishers who passed that point it is measured against (0: from the runner's pace). */
  basis: number;
}

const quantile = (sorted: number[], q: number): number => {
  const index = (sorted.length - 1) * q;
  const below = sorted[Math.floor(index)]!;
  const above = sorted[Math.ceil(index)]!;
  return below + (above - below) * (index - Math.floor(index));
};

/**
 * Where a runner on the course is likely to finish, as OpenSplitTime projects it: the runner's gun time
 * at their last split, times the ratio finish / time-at-that-split of the finishers who passed the same
 * point (median, with the quartiles as the range). Before any finisher has, it is their average pace
 * carried to the distance. Only for a runner on the course with a timed split.
 */
export const projectFinish = (runner: ResultRow, field: readonly ResultRow[], distanceM: number): ProjectedFinish | undefined => {
  if (runner.status !== 'onCourse') return undefined;
  const last = [...runner.splits].reverse().find((split) => split.gunTime !== null && !split.finish && split.distanceM > 0);
  if (!last) return undefined;
  const atMs = parseRaceTime(last.gunTime!);
  if (atMs <= 0) return undefined;
  const ratios: number[] = [];
  for (const other of field) {
    if (other.status !== 'finished' || other.gunTime === null || other.bib === runner.bib) continue;
    const same = other.splits.find((split) => split.pointId === last.pointId && split.lap === last.lap && split.gunTime !== null);
    if (!same) continue;
    const splitMs = parseRaceTime(same.gunTime!);
    if (splitMs > 0) ratios.push(parseRaceTime(other.gunTime) / splitMs);
  }
  const from = { pointId: last.pointId, lap: last.lap };
  if (ratios.length === 0) {
    const time = formatRaceTime(Math.round((atMs * distanceM) / last.distanceM));
    return { time, low: time, high: time, from, basis: 0 };
  }
  ratios.sort((a, b) => a - b);
  return {
    time: formatRaceTime(Math.round(atMs * quantile(ratios, 0.5))),
    low: formatRaceTime(Math.round(atMs * quantile(ratios, 0.25))),
    high: formatRaceTime(Math.round(atMs * quantile(ratios, 0.75))),
    from,
    basis: ratios.length,
  };
};
