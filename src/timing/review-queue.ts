import { EditionView } from '../editions/editions.projection';
import { RaceResults } from '../results/results.projection';
import { nearMissBibs } from './near-miss';
import { FlaggedRead, ReviewStatus } from './review-queue.projection';
import { UnmatchedRead } from './unmatched-reads.projection';

export interface ReviewItem {
  readId: string;
  kind: 'flagged' | 'unmatched';
  status: ReviewStatus;
  bib: string | null;
  raceId: string | null;
  chipId: string | null;
  pointId: string;
  lap: number | null;
  time: string;
  reasons: string[];
  /** What counts for this runner now: the crossings the flagged read is judged against. */
  otherCrossings: { readId: string; pointId: string; lap: number; time: string }[];
  /** For an unmatched read keyed by bib: the registered bibs it may have meant. */
  suggestedBibs: string[];
}

export interface ReviewFilter {
  raceId?: string;
  status: ReviewStatus | 'all';
}

/**
 * The reads waiting for an organiser, oldest first: flagged reads of registered runners, and unmatched
 * reads (open ones only: an assigned or dismissed one has left), those of a race being the ones at a
 * mat on its course.
 */
export const reviewQueue = (
  edition: EditionView,
  flagged: FlaggedRead[],
  unmatched: UnmatchedRead[],
  raceOf: (raceId: string) => RaceResults | undefined,
  isRegistered: (bib: string) => boolean,
  filter: ReviewFilter,
): ReviewItem[] => {
  const wanted = (status: ReviewStatus) => filter.status === 'all' || filter.status === status;
  const course = filter.raceId ? edition.races.find((race) => race.raceId === filter.raceId) : undefined;
  const flaggedItems = flagged
    .filter((read) => wanted(read.status) && (!filter.raceId || read.raceId === filter.raceId))
    .map((read): ReviewItem => ({
      readId: read.readId,
      kind: 'flagged',
      status: read.status,
      bib: read.bib,
      raceId: read.raceId,
      chipId: null,
      pointId: read.pointId,
      lap: read.lap ?? null,
      time: read.time,
      reasons: read.reasons,
      otherCrossings: (raceOf(read.raceId)?.runners[read.bib]?.crossings ?? [])
        .filter((crossing) => crossing.readId !== read.readId)
        .map(({ readId, pointId, lap, time }) => ({ readId, pointId, lap, time }))
        .sort((a, b) => a.time.localeCompare(b.time)),
      suggestedBibs: [],
    }));
  const unmatchedItems = unmatched
    .filter((read) => wanted('open') && (!course || course.timingPoints.some((point) => point.pointId === read.pointId)))
    .map((read): ReviewItem => ({
      readId: read.readId,
      kind: 'unmatched',
      status: 'open',
      bib: read.bib ?? null,
      raceId: null,
      chipId: read.chipId ?? null,
      pointId: read.pointId,
      lap: read.lap ?? null,
      time: read.time,
      reasons: [read.reason],
      otherCrossings: [],
      suggestedBibs: read.bib ? nearMissBibs(read.bib, isRegistered) : [],
    }));
  return [...flaggedItems, ...unmatchedItems].sort((a, b) => a.time.localeCompare(b.time) || (a.readId < b.readId ? -1 : 1));
};
