import { EventStore, matchesFilter } from '../event-store/event-store';
import { Projection } from './projection';

/**
 * Folds a projection over the global log from zero, optionally only up to a position: the rebuild
 * that replay verification compares with the live read model, and the state "as it stood" at a moment.
 */
export const foldLog = async <State>(
  store: EventStore,
  projection: Projection<State>,
  options: { upTo?: number; onEvent?: (position: number) => void } = {},
): Promise<{ state: State; checkpoint: number }> => {
  let state = projection.initialState();
  let checkpoint = -1;
  for await (const event of store.readAll()) {
    if (options.upTo !== undefined && event.position > options.upTo) break;
    if (matchesFilter(event, projection.filter)) state = projection.evolve(state, event);
    checkpoint = event.position;
    options.onEvent?.(event.position);
  }
  return { state, checkpoint };
};
