import { RecordedEvent } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { FinishRecorded, ReadFlagged, ReadReinterpreted, ReadReviewed, SplitRecorded } from './timing-events';

export type ReviewStatus = 'open' | 'accepted' | 'dismissed';

/** A read held for an organiser's decision: flagged by the timing rules, then accepted or dismissed. */
export interface FlaggedRead {
  readId: string;
  bib: string;
  raceId: string;
  pointId: string;
  lap?: number;
  time: string;
  reasons: string[];
  status: ReviewStatus;
}

/**
 * editionId -> the flagged reads, open and reviewed. Lists, not objects keyed by read id: read ids are
 * whatever a mat sends, and the queue stays short (a flag is the exception).
 */
export type ReviewQueueState = Record<string, FlaggedRead[]>;

export const REVIEW_QUEUE_PROJECTION = 'review-queue';

type Folded = ReadFlagged | SplitRecorded | FinishRecorded | ReadReinterpreted | ReadReviewed;

const isRead = (readId: string, bib: string) => (item: FlaggedRead) => item.readId === readId && item.bib === bib;

export const reviewQueueProjection: Projection<ReviewQueueState> = {
  name: REVIEW_QUEUE_PROJECTION,
  version: 1,
  filter: { eventTypes: ['ReadFlagged', 'SplitRecorded', 'FinishRecorded', 'ReadReinterpreted', 'ReadReviewed'] },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const event = recorded as unknown as Folded;
    const { editionId, readId, bib } = event.data;
    const queue = state[editionId];
    if (event.type === 'ReadFlagged') {
      const { raceId, pointId, lap, time, reasons } = event.data;
      const item: FlaggedRead = { readId, bib, raceId, pointId, ...(lap !== undefined && { lap }), time, reasons, status: 'open' };
      state[editionId] = [...(queue ?? []).filter((other) => !isRead(readId, bib)(other)), item];
      return state;
    }
    const held = queue?.find(isRead(readId, bib));
    if (!queue || !held) return state;
    if (event.type === 'ReadReviewed') held.status = event.data.decision === 'accept' ? 'accepted' : 'dismissed';
    // A read that counts now, or means something else, is no longer waiting; a new flag brings it back.
    else if (held.status === 'open') state[editionId] = queue.filter((item) => item !== held);
    return state;
  },
};
