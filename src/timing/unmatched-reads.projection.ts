import { RecordedEvent } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { ReadUnmatched } from './timing-events';

export type UnmatchedRead = ReadUnmatched['data'];
/** editionId -> readId -> the read; assignment (issue of adjudication) removes it from here. */
export type UnmatchedReadsState = Record<string, Record<string, UnmatchedRead>>;

export const UNMATCHED_READS_PROJECTION = 'unmatched-reads';

export const unmatchedReadsProjection: Projection<UnmatchedReadsState> = {
  name: UNMATCHED_READS_PROJECTION,
  version: 1,
  filter: { eventTypes: ['ReadUnmatched'] },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const read = (recorded as unknown as ReadUnmatched).data;
    (state[read.editionId] ??= {})[read.readId] = read;
    return state;
  },
};
