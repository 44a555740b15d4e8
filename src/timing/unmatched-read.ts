import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError } from '../decider/domain-errors';
import { ReadUnmatched } from './timing-events';
import { ReadAssigned } from '../adjudication/adjudication-events';

/** The unmatched reads of an edition and who each was assigned to. */
export interface UnmatchedReads {
  reads: Record<string, ReadUnmatched['data']>;
  assigned: Record<string, string>;
}

export type AssignRead = { type: 'AssignRead'; data: { editionId: string; readId: string; bib: string } };
export type KeepUnmatched = { type: 'KeepUnmatched'; data: ReadUnmatched['data'] };

/** A read id is kept once, however often a mat resends it, and assigned once. */
export const unmatchedReadDecider: Decider<UnmatchedReads, AssignRead | KeepUnmatched, ReadUnmatched | ReadAssigned> = {
  initialState: () => ({ reads: {}, assigned: {} }),
  evolve: (state, event) =>
    event.type === 'ReadUnmatched'
      ? { ...state, reads: { ...state.reads, [event.data.readId]: event.data } }
      : { ...state, assigned: { ...state.assigned, [event.data.readId]: event.data.bib } },
  decide: (command, state) => {
    const { data } = command;
    if (command.type === 'KeepUnmatched') {
      return Object.hasOwn(state.reads, data.readId) ? [] : [{ type: 'ReadUnmatched', data: command.data }];
    }
    if (!Object.hasOwn(state.reads, data.readId)) throw new NotFoundError(`read ${data.readId} is not an unmatched read of ${data.editionId}`);
    const holder = Object.hasOwn(state.assigned, data.readId) ? state.assigned[data.readId] : undefined;
    if (holder !== undefined) throw new ConflictError(`read ${data.readId} is already assigned to bib ${holder}`);
    return [{ type: 'ReadAssigned', data: command.data }];
  },
};
