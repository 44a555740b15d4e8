import { Decider } from '../decider/decider';
import { RaceView } from '../editions/editions.projection';
import { TimeCorrected } from '../adjudication/adjudication-events';
import { FinishRecorded, ReadFlagged, SplitRecorded, TimingEvent } from './timing-events';

/** Faster than the road 5 km world record pace (12:49, 6.5 m/s) over a segment of 1 km or more is impossible. */
export const WORLD_RECORD_SPEED_MPS = 6.6;
const MIN_SEGMENT_FOR_SPEED_CHECK_M = 1000;
/** A second read of the same mat and lap this close to the first is the backup mat or a resend. */
export const SAME_CROSSING_WINDOW_MS = 60_000;

interface Counted {
  pointId: string;
  lap: number;
  distanceM: number;
  timeMs: number;
}

/** What the timing rules know of one entry: the reads seen, and the crossings that count. */
export interface EntryTiming {
  readIds: string[];
  crossings: Counted[];
  finished: boolean;
}

export interface TimingRead {
  readId: string;
  pointId: string;
  lap?: number;
  /** ISO instant, UTC. */
  time: string;
}

export type RecordRead = {
  type: 'RecordRead';
  editionId: string;
  bib: string;
  read: TimingRead;
  race: Pick<RaceView, 'raceId' | 'laps' | 'distanceM' | 'timingPoints'>;
  gunTime?: string;
};

/** A read that cannot be a crossing of this race at all: refused, nothing is stored. */
export class ReadRejected extends Error {}

/** Corrections change which crossings count, so later reads are judged against the corrected times. */
export const crossingDecider: Decider<EntryTiming, RecordRead, TimingEvent | TimeCorrected> = {
  initialState: () => ({ readIds: [], crossings: [], finished: false }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'SplitRecorded':
      case 'FinishRecorded':
        return {
          readIds: [...state.readIds, event.data.readId],
          crossings: [...state.crossings, { ...event.data, timeMs: Date.parse(event.data.time) }],
          finished: state.finished || event.type === 'FinishRecorded',
        };
      case 'ReadFlagged':
        return { ...state, readIds: [...state.readIds, event.data.readId] };
      case 'TimeCorrected': {
        const others = state.crossings.filter((c) => !(c.pointId === event.data.pointId && c.lap === event.data.lap));
        return {
          ...state,
          crossings: [...others, { ...event.data, timeMs: Date.parse(event.data.time) }],
          finished: state.finished || event.data.finish,
        };
      }
      default:
        return state;
    }
  },
  decide: (command, state) => {
    const { read, race } = command;
    if (state.readIds.includes(read.readId)) return [];
    const point = pointOf(command, state);
    const timeMs = Date.parse(read.time);
    const crossing = { editionId: command.editionId, raceId: race.raceId, bib: command.bib, readId: read.readId, time: read.time };
    if (!point) return [flagged(crossing, read, [`every lap of ${read.pointId} is already recorded: an extra lap`])];

    const same = state.crossings.find((c) => c.pointId === point.pointId && c.lap === point.lap);
    if (same && Math.abs(same.timeMs - timeMs) <= SAME_CROSSING_WINDOW_MS) return [];
    const reasons = [
      ...(same ? [`${point.pointId} lap ${point.lap} was already crossed at ${new Date(same.timeMs).toISOString()}`] : []),
      ...implausibility(command, state, { ...point, timeMs }),
    ];
    if (reasons.length > 0) return [flagged(crossing, { ...read, lap: point.lap }, reasons)];

    const isFinish = point.distanceM === race.distanceM && point.lap === race.laps;
    const data = { ...crossing, pointId: point.pointId, lap: point.lap, distanceM: point.distanceM };
    return [isFinish ? ({ type: 'FinishRecorded', data } as FinishRecorded) : ({ type: 'SplitRecorded', data } as SplitRecorded)];
  },
};

/**
 * The timing point and lap a read is for. A mat crossed on several laps needs its lap: the read's own
 * or, when the mat does not say, the first lap of that mat this runner has not crossed yet.
 */
const pointOf = ({ read, race }: RecordRead, state: EntryTiming) => {
  const candidates = race.timingPoints.filter((p) => p.pointId === read.pointId);
  if (candidates.length === 0) throw new ReadRejected(`timing point ${read.pointId} is not on the course of ${race.raceId}`);
  if (read.lap !== undefined) {
    const onLap = candidates.find((p) => p.lap === read.lap);
    if (!onLap) throw new ReadRejected(`timing point ${read.pointId} has no lap ${read.lap} in ${race.raceId}`);
    return onLap;
  }
  if (candidates.length === 1) return candidates[0];
  // A backup mat's read of the crossing just recorded is that crossing again, not the start of the next lap.
  const timeMs = Date.parse(read.time);
  const justCrossed = state.crossings.find((c) => c.pointId === read.pointId && Math.abs(c.timeMs - timeMs) <= SAME_CROSSING_WINDOW_MS);
  if (justCrossed) return candidates.find((p) => p.lap === justCrossed.lap);
  const crossedLaps = state.crossings.filter((c) => c.pointId === read.pointId).map((c) => c.lap);
  return candidates.find((p) => !crossedLaps.includes(p.lap));
};

const implausibility = (command: RecordRead, state: EntryTiming, at: Counted): string[] => {
  const reasons: string[] = [];
  const gunMs = command.gunTime ? Date.parse(command.gunTime) : undefined;
  if (gunMs !== undefined && at.timeMs < gunMs) reasons.push(`before the gun (${command.gunTime})`);
  if (state.finished) reasons.push('after the runner finished');
  const before = state.crossings.filter((c) => c.distanceM < at.distanceM);
  const after = state.crossings.filter((c) => c.distanceM > at.distanceM);
  if (before.some((c) => c.timeMs >= at.timeMs) || after.some((c) => c.timeMs <= at.timeMs)) {
    reasons.push('out of course order with the runner\'s other crossings');
  }
  const previous = before.reduce<Counted | undefined>((latest, c) => (!latest || c.distanceM > latest.distanceM ? c : latest), undefined) ??
    (gunMs !== undefined ? { pointId: 'gun', lap: 1, distanceM: 0, timeMs: gunMs } : undefined);
  if (previous && at.distanceM - previous.distanceM >= MIN_SEGMENT_FOR_SPEED_CHECK_M && at.timeMs > previous.timeMs) {
    const speed = (at.distanceM - previous.distanceM) / ((at.timeMs - previous.timeMs) / 1000);
    if (speed > WORLD_RECORD_SPEED_MPS) {
      reasons.push(`faster than a world record from ${previous.pointId} (${speed.toFixed(2)} m/s over ${at.distanceM - previous.distanceM} m)`);
    }
  }
  const isFinish = at.distanceM === command.race.distanceM && at.lap === command.race.laps;
  if (isFinish) {
    const lapsRecorded = new Set(state.crossings.filter((c) => c.distanceM > 0).map((c) => c.lap));
    for (let lap = 1; lap < command.race.laps; lap++) {
      if (!lapsRecorded.has(lap)) reasons.push(`lap ${lap} is not recorded: a finisher has every lap done`);
    }
  }
  return reasons;
};

const flagged = (
  crossing: { editionId: string; raceId: string; bib: string; readId: string; time: string },
  read: TimingRead,
  reasons: string[],
): ReadFlagged => ({
  type: 'ReadFlagged',
  data: { ...crossing, pointId: read.pointId, ...(read.lap !== undefined && { lap: read.lap }), reasons },
});
