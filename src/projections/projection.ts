import { LogFilter, RecordedEvent } from '../event-store/event-store';

/**
 * A read model as a fold over the global log. The runner, not the projection, owns checkpoints and
 * storage. `evolve` may update the state in place (read models of 14,000 runners are not copied per
 * event) but must depend on nothing but the state and the event, so replaying the log rebuilds it exactly.
 * The state must be plain JSON: it is stored as a snapshot beside its checkpoint.
 */
export interface Projection<State> {
  name: string;
  /** Bump when evolve's meaning changes: a stored snapshot of another version is rebuilt from zero. */
  version: number;
  filter?: LogFilter;
  initialState: () => State;
  evolve: (state: State, event: RecordedEvent) => State;
}
