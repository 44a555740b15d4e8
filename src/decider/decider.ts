/** A domain event as the decider sees it: what happened, without the store's envelope. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * The rules of one stream as three pure pieces: no framework, no clock, no I/O.
 * Time and ids come in on the command. A decider may fold more kinds of event than it emits
 * (registration reads a stream that timing also writes to).
 */
export interface Decider<State, Command, Event extends DomainEvent, Emitted extends Event = Event> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Emitted[];
}

export const fold = <State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: Event[],
): State => events.reduce(decider.evolve, decider.initialState());
