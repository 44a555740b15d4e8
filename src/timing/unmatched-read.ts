import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError } from '../decider/domain-errors';
import { ReadUnmatched, UnmatchedReadDismissed } from './timing-events';
import { ReadAssigned } from '../adjudication/adjudication-events';

/** The unmatched reads of an edition and who each was assigned to. */
export interface UnmatchedReads {
  reads: Map<string, ReadUnmatched['data']>;
  assigned: Map<string, string>;
  dismissed: Set<string>;
}

export type AssignRead = { type: 'AssignRead'; data: { editionId: string; readId: string; bib: string } };
export type KeepUnmatched = { type: 'KeepUnmatched'; reads: ReadUnmatched['data'][] };
export type DismissUnmatched = { type: 'DismissUnmatched'; data: { editionId: string; readId: string } };

/** A read id is kept once, however often a mat resends it, and assigned once. */
export const unmatchedReadDecider: Decider<
  UnmatchedReads,
  AssignRead | KeepUnmatched | DismissUnmatched,
  ReadUnmatched | ReadAssigned | UnmatchedReadDismissed
> = {
  initialState: () => ({ reads: new Map(), assigned: new Map(), dismissed: new Set() }),
  // The stream grows with every unmatched read of the day: its state is folded fresh per command and
  // updated in place, not copied per event.
  evolve: (state, event) => {
    if (event.type === 'ReadUnmatched') state.reads.set(event.data.readId, event.data);
    else if (event.type === 'ReadAssigned') state.assigned.set(event.data.readId, event.data.bib);
    else state.dismissed.add(event.data.readId);
    return state;
  },
  decide: (command, state) => {
    if (command.type === 'KeepUnmatched') {
      const kept = new Set(state.reads.keys());
      return command.reads.flatMap((data): ReadUnmatched[] => {
        if (kept.has(data.readId)) return [];
        kept.add(data.readId);
        return [{ type: 'ReadUnmatched', data }];
      });
    }
    const { data } = command;
    if (!state.reads.has(data.readId)) throw new NotFoundError(`read ${data.readId} is not an unmatched read of ${data.editionId}`);
    const holder = state.assigned.get(data.readId);
    if (holder !== undefined) throw new ConflictError(`read ${data.readId} is already assigned to bib ${holder}`);
    if (state.dismissed.has(data.readId)) throw new ConflictError(`read ${data.readId} was dismissed`);
    return command.type === 'AssignRead'
      ? [{ type: 'ReadAssigned', data: command.data }]
      : [{ type: 'UnmatchedReadDismissed', data: command.data }];
  },
};
