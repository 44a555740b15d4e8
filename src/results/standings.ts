import { Gender } from '../registration/entry-events';
import { ageOn, formatRaceTime } from '../time/instant';
import { categoryOf, isKidsRace } from './category';
import { Crossing, RaceResults, RunnerEntry } from './results.projection';

/**
 * Before a race is closed a runner not yet seen has not started (yet) and one seen but not finished is
 * on the course; DNS and DNF are what an organiser declares, or what closing the race makes of them.
 */
export type ResultStatus = 'finished' | 'onCourse' | 'notStarted' | 'DNF' | 'DNS' | 'DSQ';

export type Plausibility = 'good' | 'questionable' | 'bad';

/**
 * OpenSplitTime's bands: a segment under 0.4x or over 2.5x the typical time is bad, under 0.6x or over
 * 1.7x questionable. The typical time is the median of everyone who ran the same segment.
 */
export const plausibilityOf = (ms: number, typicalMs: number): Plausibility => {
  const ratio = ms / typicalMs;
  if (ratio < 0.4 || ratio > 2.5) return 'bad';
  if (ratio < 0.6 || ratio > 1.7) return 'questionable';
  return 'good';
};

export interface SplitRow {
  pointId: string;
  lap: number;
  distanceM: number;
  /** The crossing instant (UTC). */
  time: string;
  /** Since the runner's gun, H:MM:SS rounded up; null without a gun. */
  gunTime: string | null;
  /** Since the runner's own start (start mat, else gun). */
  netTime: string | null;
  /** The point the segment starts at; null: the runner's own start. */
  segmentFrom: { pointId: string; lap: number } | null;
  segmentTime: string | null;
  /** Rank of this segment time among every runner who recorded the same segment (ties share it). */
  segmentRank: number | null;
  /** This segment time against the field's median for the same segment: a value for organisers to review, never a verdict. */
  plausibility: Plausibility | null;
  finish: boolean;
}

export interface ResultRow {
  /** Overall place by gun time; null for anyone not placed. */
  place: number | null;
  /** Another finisher has exactly the same gun time, to the precision of the reads, and shares the place. */
  tied: boolean;
  genderPlace: number | null;
  category: string;
  categoryPlace: number | null;
  bib: string;
  firstName: string;
  lastName: string;
  gender: Gender;
  country: string;
  club: string | null;
  gunTime: string | null;
  netTime: string | null;
  /** Minutes per km of net time, M:SS rounded up. */
  pace: string | null;
  status: ResultStatus;
  /** The furthest point the runner was seen at, and when: where an `onCourse` runner is. */
  lastSeen: { pointId: string; lap: number; time: string } | null;
  splits: SplitRow[];
}

export interface Standings {
  /** Placed finishers in place order, then the rest: unplaced finishers, DNF, DSQ, DNS. */
  rows: ResultRow[];
  byBib: Map<string, ResultRow>;
  /** Placed finishers with their times at full read precision: records and prizes compare these, not rounded times. */
  placed: { row: ResultRow; gunMs: number; netMs: number }[];
}

/**
 * What a runner did, independent of everyone else: all a ranking needs from them. It changes only when
 * the runner (or their gun) does, so it is kept between rankings of the race.
 */
export interface Performance {
  /** The row with no places and no segment ranks yet. */
  row: ResultRow;
  /** Official elapsed time; only for a finisher who can be placed. */
  gunMs?: number;
  /** From the runner's own start (start mat, else gun): the basis some prize schedules choose. */
  netMs?: number;
  /** The furthest point reached and when: orders those who did not finish. */
  furthest?: { distanceM: number; atMs: number };
  /** By split index: the segment into that split, where it can be ranked. */
  segments: { key: string; ms: number; splitIndex: number }[];
}

/** Performances by runner, valid while the runner's change count, gun and the race's closure stay the same. */
export type PerformanceMemo = WeakMap<RunnerEntry, { changes: number; gunMs: number | undefined; closed: boolean; performance: Performance }>;

const bibOrder = new Intl.Collator('en', { numeric: true }).compare;

const statusOrder: Record<ResultStatus, number> = { finished: 0, onCourse: 1, DNF: 2, DSQ: 3, notStarted: 4, DNS: 5 };

/** The gun that started a runner: their wave's own, else the race's. */
const gunMsOf = (race: RaceResults, wave?: string): number | undefined => {
  const gun =
    (wave !== undefined ? race.guns.find((g) => g.wave === wave) : undefined) ?? race.guns.find((g) => g.wave === undefined);
  return gun && Date.parse(gun.gunTime);
};

interface Pass {
  crossing: Crossing;
  ms: number;
}

/**
 * Backup mats and resends can give one mat several reads: the first counts. Only the finish on the last
 * lap finishes: the finish mat passed on an earlier lap is a split.
 */
const passesOf = (crossings: Crossing[], laps: number) => {
  let start: Pass | undefined;
  let finish: Pass | undefined;
  const byPoint = new Map<string, Pass>();
  for (const crossing of crossings) {
    const ms = Date.parse(crossing.time);
    if (crossing.distanceM === 0) {
      if (!start || ms < start.ms) start = { crossing, ms };
      continue;
    }
    if (crossing.finish && crossing.lap === laps && (!finish || ms < finish.ms)) finish = { crossing, ms };
    const key = `${crossing.pointId}@${crossing.lap}`;
    const seen = byPoint.get(key);
    if (!seen || ms < seen.ms) byPoint.set(key, { crossing, ms });
  }
  const splits = [...byPoint.values()].sort((a, b) => a.crossing.distanceM - b.crossing.distanceM || a.crossing.lap - b.crossing.lap);
  return { start, startMs: start?.ms, finish, splits };
};

const elapsed = (fromMs: number | undefined, toMs: number): number | undefined => (fromMs === undefined ? undefined : toMs - fromMs);
/** A time before its own start (a read accepted against the rules) is shown as no time, never as a negative one. */
const published = (ms: number | undefined): string | null => (ms === undefined || ms < 0 ? null : formatRaceTime(ms));

/** Seconds per km rounded up, like every published time. */
const formatPace = (netMs: number, distanceM: number): string => {
  const seconds = Math.ceil(netMs / distanceM);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

const performanceOf = (race: RaceResults, entry: RunnerEntry, gunMs: number | undefined): Performance => {
  const { registration, crossings, statusOverride } = entry;
  const passes = passesOf(crossings, race.laps);
  const { finish } = passes;
  const netStartMs = passes.startMs ?? gunMs;
  const seen = crossings.length > 0;
  const status: ResultStatus =
    statusOverride ?? (finish ? 'finished' : race.closed ? (seen ? 'DNF' : 'DNS') : seen ? 'onCourse' : 'notStarted');
  const finishMs = status === 'finished' ? finish?.ms : undefined;
  const netMs = finishMs === undefined ? undefined : elapsed(netStartMs, finishMs);
  // A finish before the gun (a read accepted against the rules) cannot be placed until its time is corrected.
  const gunElapsedMs = finishMs === undefined ? undefined : elapsed(gunMs, finishMs);
  const officialMs = gunElapsedMs !== undefined && gunElapsedMs >= 0 ? gunElapsedMs : undefined;

  const segments: Performance['segments'] = [];
  const splits = passes.splits.map(({ crossing, ms }, index): SplitRow => {
    const previous = passes.splits[index - 1];
    const segmentMs = elapsed(previous ? previous.ms : netStartMs, ms);
    const segmentFrom = previous ? { pointId: previous.crossing.pointId, lap: previous.crossing.lap } : null;
    // An adjudicated runner's segments (a course cutter's, say) are not measured against the field.
    if (segmentMs !== undefined && statusOverride === undefined) {
      const from = segmentFrom ? `${segmentFrom.pointId}@${segmentFrom.lap}` : 'start';
      segments.push({ key: `${from}>${crossing.pointId}@${crossing.lap}`, ms: segmentMs, splitIndex: index });
    }
    return {
      pointId: crossing.pointId,
      lap: crossing.lap,
      distanceM: crossing.distanceM,
      time: crossing.time,
      gunTime: published(elapsed(gunMs, ms)),
      netTime: published(elapsed(netStartMs, ms)),
      segmentFrom,
      segmentTime: published(segmentMs),
      segmentRank: null,
      plausibility: null,
      finish: crossing === finish?.crossing,
    };
  });

  const last = passes.splits[passes.splits.length - 1];
  const lastSeen = last ?? (passes.startMs !== undefined ? passes.start : undefined);
  return {
    row: {
      place: null,
      tied: false,
      genderPlace: null,
      category: categoryOf(registration.gender, ageOn(race.date, registration.dateOfBirth), isKidsRace(race)),
      categoryPlace: null,
      bib: registration.bib,
      firstName: registration.firstName,
      lastName: registration.lastName,
      gender: registration.gender,
      country: registration.country,
      club: registration.club ?? null,
      gunTime: published(officialMs),
      netTime: published(netMs),
      pace: netMs === undefined ? null : formatPace(netMs, race.distanceM),
      status,
      lastSeen: lastSeen ? { pointId: lastSeen.crossing.pointId, lap: lastSeen.crossing.lap, time: lastSeen.crossing.time } : null,
      splits,
    },
    ...(officialMs !== undefined && { gunMs: officialMs }),
    ...(officialMs !== undefined && netMs !== undefined && { netMs }),
    ...(last && { furthest: { distanceM: last.crossing.distanceM, atMs: last.ms } }),
    segments,
  };
};

/** Standard competition ranking of ascending values: equal values share a place, the next is skipped (1, 2, 2, 4). */
export const competitionRanks = (ascending: number[]): number[] => {
  const ranks: number[] = [];
  ascending.forEach((value, index) => ranks.push(index > 0 && value === ascending[index - 1] ? ranks[index - 1]! : index + 1));
  return ranks;
};

/** The median time of each segment, from segments already sorted by time. */
const medianByKey = (sorted: { key: string; ms: number }[]): Map<string, number> => {
  const byKey = new Map<string, number[]>();
  for (const { key, ms } of sorted) {
    const times = byKey.get(key);
    if (times) times.push(ms);
    else byKey.set(key, [ms]);
  }
  return new Map([...byKey].map(([key, times]) => [key, times[Math.floor((times.length - 1) / 2)]!]));
};

/** Ranks each group (in the order given) among itself. */
const rankWithin = <T>(ordered: T[], groupOf: (item: T) => string, valueOf: (item: T) => number, assign: (item: T, rank: number) => void) => {
  const groups = new Map<string, T[]>();
  for (const item of ordered) {
    const group = groups.get(groupOf(item));
    if (group) group.push(item);
    else groups.set(groupOf(item), [item]);
  }
  for (const group of groups.values()) {
    competitionRanks(group.map(valueOf)).forEach((rank, index) => assign(group[index]!, rank));
  }
};

interface Placing {
  performance: Performance;
  place: number | null;
  tied: boolean;
  genderPlace: number | null;
  categoryPlace: number | null;
  segmentRanks: (number | null)[];
  segmentPlausibility: (Plausibility | null)[];
}

const rowOf = ({ performance, segmentRanks, segmentPlausibility, ...places }: Placing): ResultRow => ({
  ...performance.row,
  ...places,
  splits: performance.row.splits.map((split, index) => ({
    ...split,
    segmentRank: segmentRanks[index] ?? null,
    plausibility: segmentPlausibility[index] ?? null,
  })),
});

/**
 * A race's standings from its read model: the same log always publishes the same results. Places go by
 * gun time at full read precision (gun time is official); times are published rounded up. A memo keeps
 * each runner's performance between rankings, so re-ranking after one new read redoes only that runner.
 */
export const rankRace = (race: RaceResults, memo: PerformanceMemo = new WeakMap()): Standings => {
  const guns = new Map<string | undefined, number | undefined>();
  const placings = Object.values(race.runners).map((entry): Placing => {
    const { wave } = entry.registration;
    if (!guns.has(wave)) guns.set(wave, gunMsOf(race, wave));
    const gunMs = guns.get(wave);
    const known = memo.get(entry);
    const performance =
      known?.changes === entry.changes && known.gunMs === gunMs && known.closed === race.closed
        ? known.performance
        : performanceOf(race, entry, gunMs);
    memo.set(entry, { changes: entry.changes, gunMs, closed: race.closed, performance });
    return { performance, place: null, tied: false, genderPlace: null, categoryPlace: null, segmentRanks: [], segmentPlausibility: [] };
  });

  const official = (p: Placing) => p.performance.gunMs!;
  const placed = placings
    .filter((p) => p.performance.gunMs !== undefined)
    .sort((a, b) => official(a) - official(b) || bibOrder(a.performance.row.bib, b.performance.row.bib));
  rankWithin(placed, () => 'all', official, (p, rank) => (p.place = rank));
  placed.forEach((p, index) => {
    const neighbours = [placed[index - 1], placed[index + 1]];
    p.tied = neighbours.some((neighbour) => neighbour !== undefined && official(neighbour) === official(p));
  });
  rankWithin(placed, (p) => p.performance.row.gender, official, (p, rank) => (p.genderPlace = rank));
  rankWithin(placed, (p) => p.performance.row.category, official, (p, rank) => (p.categoryPlace = rank));

  const segments = placings
    .flatMap((placing) => placing.performance.segments.map((segment) => ({ placing, segment })))
    .sort((a, b) => a.segment.ms - b.segment.ms);
  rankWithin(
    segments,
    (s) => s.segment.key,
    (s) => s.segment.ms,
    (s, rank) => (s.placing.segmentRanks[s.segment.splitIndex] = rank),
  );
  const typical = medianByKey(segments.map((s) => s.segment));
  for (const { placing, segment } of segments) {
    placing.segmentPlausibility[segment.splitIndex] = plausibilityOf(segment.ms, typical.get(segment.key)!);
  }

  const unplaced = placings
    .filter((p) => p.performance.gunMs === undefined)
    .sort((a, b) => {
      const [x, y] = [a.performance, b.performance];
      return (
        statusOrder[x.row.status] - statusOrder[y.row.status] ||
        (y.furthest?.distanceM ?? 0) - (x.furthest?.distanceM ?? 0) ||
        (x.furthest?.atMs ?? 0) - (y.furthest?.atMs ?? 0) ||
        bibOrder(x.row.bib, y.row.bib)
      );
    });

  const rows = [...placed, ...unplaced].map(rowOf);
  return {
    rows,
    byBib: new Map(rows.map((row) => [row.bib, row])),
    placed: placed.map((p, index) => ({ row: rows[index]!, gunMs: official(p), netMs: p.performance.netMs ?? official(p) })),
  };
};
