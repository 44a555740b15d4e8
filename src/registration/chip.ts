import { Decider } from '../decider/decider';
import { ConflictError } from '../decider/domain-errors';
import { ChipEvent } from './entry-events';

/** Who holds a chip: the chip stream is the lock that keeps a chip unique in an edition. */
export type Chip = { holder?: string };

export type ChipCommand =
  | { type: 'ClaimChip'; data: { editionId: string; chipId: string; bib: string } }
  | { type: 'ReleaseChip'; data: { editionId: string; chipId: string; bib: string } };

export const chipDecider: Decider<Chip, ChipCommand, ChipEvent> = {
  initialState: () => ({}),
  evolve: (_, event) => (event.type === 'ChipClaimed' ? { holder: event.data.bib } : {}),
  decide: (command, state) => {
    const { chipId, bib } = command.data;
    if (command.type === 'ReleaseChip') return state.holder === bib ? [{ type: 'ChipReleased', data: command.data }] : [];
    if (state.holder === bib) return [];
    if (state.holder !== undefined) throw new ConflictError(`chip ${chipId} is already assigned to bib ${state.holder}`);
    return [{ type: 'ChipClaimed', data: command.data }];
  },
};
