import { EventStore, matchesFilter } from '../event-store/event-store';
import { Projection } from './projection';

/**
 * Folds a projection over the global log from zero, optionally only up to a position or up to the
 * last event recorded by an instant: the rebuild that replay verification compares with the live read
 * model, and the state "as it stood" at a moment.
 */
export const foldLog = async <State>(
  store: EventStore,
  projection: Projection<State>,
  options: { upTo?: number; recordedUntil?: string; onEvent?: (position: number) => void } = {},
): Promise<{ state: State; checkpoint: number }> => {
  let state = projection.initialState();
  let checkpoint = -1;
  const untilMs = options.recordedUntil === undefined ? undefined : Date.parse(options.recordedUntil);
  for await (const event of store.readAll()) {
    if (options.upTo !== undefined && event.position > options.upTo) break;
    // The log as it stood then is a prefix of it: stop at the first event recorded later.
    if (untilMs !== undefined && Date.parse(event.recordedAt) > untilMs) break;
    if (matchesFilter(event, projection.filter)) state = projection.evolve(state, event);
    checkpoint = event.position;
    options.onEvent?.(event.position);
  }
  return { state, checkpoint };
};
