import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError } from '../decider/domain-errors';
import { ReadUnmatched } from '../timing/timing-events';
import { ReadAssigned } from './adjudication-events';

/** The unmatched reads of an edition and who each was assigned to. */
export interface UnmatchedReads {
  reads: Record<string, ReadUnmatched['data']>;
  assigned: Record<string, string>;
}

export type AssignRead = { type: 'AssignRead'; data: { editionId: string; readId: string; bib: string } };

export const unmatchedReadDecider: Decider<UnmatchedReads, AssignRead, ReadUnmatched | ReadAssigned> = {
  initialState: () => ({ reads: {}, assigned: {} }),
  evolve: (state, event) =>
    event.type === 'ReadUnmatched'
      ? { ...state, reads: { ...state.reads, [event.data.readId]: event.data } }
      : { ...state, assigned: { ...state.assigned, [event.data.readId]: event.data.bib } },
  decide: ({ data }, state) => {
    if (!state.reads[data.readId]) throw new NotFoundError(`read ${data.readId} is not an unmatched read of ${data.editionId}`);
    const holder = state.assigned[data.readId];
    if (holder !== undefined) throw new ConflictError(`read ${data.readId} is already assigned to bib ${holder}`);
    return [{ type: 'ReadAssigned', data }];
  },
};
