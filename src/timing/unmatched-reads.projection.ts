import { RecordedEvent } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { ReadAssigned } from '../adjudication/adjudication-events';
import { ReadUnmatched, UnmatchedReadDismissed } from './timing-events';

export type UnmatchedRead = ReadUnmatched['data'];
/** editionId -> readId -> the reads still waiting for an organiser; an assigned or dismissed read leaves. */
export type UnmatchedReadsState = Record<string, Record<string, UnmatchedRead>>;

export const UNMATCHED_READS_PROJECTION = 'unmatched-reads';

export const unmatchedReadsProjection: Projection<UnmatchedReadsState> = {
  name: UNMATCHED_READS_PROJECTION,
  version: 1,
  filter: { eventTypes: ['ReadUnmatched', 'ReadAssigned', 'UnmatchedReadDismissed'] },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const event = recorded as unknown as ReadUnmatched | ReadAssigned | UnmatchedReadDismissed;
    const reads = (state[event.data.editionId] ??= {});
    if (event.type === 'ReadUnmatched') reads[event.data.readId] = event.data;
    else delete reads[event.data.readId];
    return state;
  },
};
