import { RecordedEvent } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { PrizeEvent } from './prize-events';
import { PrizeLedger, prizeLedgerDecider } from './prize-ledger';

export type PrizeLedgersState = Record<string, PrizeLedger>;

export const PRIZE_LEDGER_PROJECTION = 'prize-ledger';

/** The ledger finance reads is the decider's own fold of each edition's prize stream: one meaning of every figure. */
export const prizeLedgerProjection: Projection<PrizeLedgersState> = {
  name: PRIZE_LEDGER_PROJECTION,
  version: 1,
  filter: { streamPrefixes: ['prizes-'] },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const event = recorded as unknown as PrizeEvent;
    const editionId = event.data.editionId;
    state[editionId] = prizeLedgerDecider.evolve(state[editionId] ?? prizeLedgerDecider.initialState(), event);
    return state;
  },
};
