import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, RecordedEvent, StreamNotFoundError, WrongExpectedVersionError } from '../event-store/event-store';
import { schemaVersionOf } from '../events/event-catalog';
import { CommandContext } from './command-context';
import { Decider, DomainEvent, fold } from './decider';
import { WarmStates } from './warm-states';

export interface CommandOutcome<Event extends DomainEvent> {
  streamId: string;
  events: Event[];
  /** Store ids of the appended events: what a follow-up command names as its causation. */
  eventIds: string[];
  /** Global position of the last appended event; -1 when the command changed nothing. */
  position: number;
  revision: number;
}

/** A command's outcome with the stream's state it was decided on (what the caller reports back may depend on it). */
export type DecidedOutcome<Event extends DomainEvent, State> = CommandOutcome<Event> & { state: State };

export const readStreamOrEmpty = async (store: EventStore, streamId: string): Promise<RecordedEvent[]> => {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
};

/** A stream's recorded events as the decider's events: each decider folds the types it knows and passes over the rest. */
export const foldStream = <State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  recorded: RecordedEvent[],
): State => fold(decider, recorded as unknown as Event[]);

export const toNewEvent = (event: DomainEvent, context: CommandContext, id: string = randomUUID()): NewEvent => ({
  id,
  type: event.type,
  data: event.data,
  metadata: {
    actor: context.actor,
    ...(context.reason !== undefined && { reason: context.reason }),
    correlationId: context.correlationId,
    ...(context.causationId !== undefined && { causationId: context.causationId }),
    occurredAt: context.now,
    schemaVersion: schemaVersionOf(event.type),
  },
});

/**
 * A stream's state now and the revision of its last event (not its count: a truncated stream starts
 * past 0). A warm state is brought up to date with what was appended since it was kept.
 */
const currentState = async <State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  warm: WarmStates<State> | undefined,
): Promise<{ state: State; revision: number }> => {
  const kept = warm?.get(streamId);
  const recorded = kept ? await store.readStream(streamId, { fromRevision: kept.revision + 1 }) : await readStreamOrEmpty(store, streamId);
  const revision = recorded.at(-1)?.revision ?? kept?.revision ?? -1;
  const state = (recorded as unknown as Event[]).reduce(decider.evolve, kept?.state ?? decider.initialState());
  warm?.set(streamId, state, revision);
  return { state, revision };
};

/**
 * The one command path: read the stream, fold it, decide, append at the revision that was read.
 * A concurrent writer makes the append fail with WrongExpectedVersionError (409), never a lost update.
 * A caller that decided on what it saw earlier passes that revision: if the stream moved since, 409.
 */
export const handleCommand = async <State, Command, Event extends DomainEvent, Emitted extends Event>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event, Emitted>,
  command: Command,
  context: CommandContext,
  options: {
    expectedRevision?: number;
    /** Ids for the new events, where a retry must append the very same events (timing reads). */
    eventId?: (index: number, revision: number) => string;
    /** Decide only: what the command would append now, without appending it. */
    dryRun?: boolean;
    /** States kept from earlier commands: only the events appended since are read. */
    warm?: WarmStates<State>;
  } = {},
): Promise<DecidedOutcome<Emitted, State>> => {
  const { state, revision } = await currentState(store, streamId, decider, options.warm);
  if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
    throw new WrongExpectedVersionError(streamId, options.expectedRevision, revision);
  }
  const events = decider.decide(command, state);
  if (events.length === 0 || options.dryRun) return { streamId, state, events, eventIds: [], position: -1, revision };
  const newEvents = events.map((event, index) => toNewEvent(event, context, options.eventId?.(index, revision)));
  const appended = await store.appendToStream(streamId, newEvents, {
    expectedRevision: revision === -1 ? 'no_stream' : revision,
  });
  options.warm?.set(streamId, (events as Event[]).reduce(decider.evolve, state), appended.nextExpectedRevision);
  return {
    streamId,
    state,
    events,
    eventIds: newEvents.map((event) => event.id),
    position: appended.position,
    revision: appended.nextExpectedRevision,
  };
};

/**
 * Decides again on the stream's new revision when a concurrent writer got there first: for commands
 * whose outcome does not depend on a caller having seen a particular revision (timing reads, which
 * arrive from several mats at once).
 */
export const retryOnConflict = async <T>(attempt: () => Promise<T>, attempts = 5): Promise<T> => {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || tried >= attempts) throw error;
    }
  }
};

/** Streams read at once: on EventStoreDB each read is a round trip, so they overlap, a few at a time. */
const STREAMS_AT_ONCE = 8;
/** The embedded store answers synchronously: handing the event loop back now and then lets other requests through. */
const YIELD_EVERY = 50;

const mapBounded = async <T, R>(items: T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await map(items[index]!);
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

/**
 * The command path for many streams at once (a timing batch: one command per runner): each stream is
 * read and decided as handleCommand does, then every append goes to the store as one group commit. A
 * stream that moved meanwhile is decided again on its own, like retryOnConflict.
 */
export const handleCommands = async <State, Command, Event extends DomainEvent, Emitted extends Event>(
  store: EventStore,
  decider: Decider<State, Command, Event, Emitted>,
  requests: { streamId: string; command: Command }[],
  context: CommandContext,
  options: { eventId: (streamId: string, index: number, revision: number) => string; warm?: WarmStates<State> },
): Promise<DecidedOutcome<Emitted, State>[]> => {
  const decided = await mapBounded(requests, STREAMS_AT_ONCE, async ({ streamId, command }) => {
    const { state, revision } = await currentState(store, streamId, decider, options.warm);
    const events = decider.decide(command, state);
    const newEvents = events.map((event, index) => toNewEvent(event, context, options.eventId(streamId, index, revision)));
    return { streamId, command, state, revision, events, newEvents };
  });
  const appending = decided.filter((decision) => decision.events.length > 0);
  const results = await store.appendToStreams(
    appending.map(({ streamId, newEvents, revision }) => ({
      streamId,
      events: newEvents,
      expectedRevision: revision === -1 ? 'no_stream' : revision,
    })),
  );
  const appended = new Map(appending.map((decision, index) => [decision, results[index]!]));
  return Promise.all(
    decided.map(async (decision): Promise<DecidedOutcome<Emitted, State>> => {
      const { streamId, command, state, revision, events, newEvents } = decision;
      const result = appended.get(decision);
      if (!result) return { streamId, state, events, eventIds: [], position: -1, revision };
      if (result instanceof WrongExpectedVersionError) {
        return retryOnConflict(() =>
          handleCommand(store, streamId, decider, command, context, {
            eventId: (index, at) => options.eventId(streamId, index, at),
            ...(options.warm && { warm: options.warm }),
          }),
        );
      }
      options.warm?.set(streamId, (events as Event[]).reduce(decider.evolve, state), result.nextExpectedRevision);
      return { streamId, state, events, eventIds: newEvents.map((event) => event.id), position: result.position, revision: result.nextExpectedRevision };
    }),
  );
};
