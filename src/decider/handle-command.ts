import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, RecordedEvent, StreamNotFoundError } from '../event-store/event-store';
import { schemaVersionOf } from '../events/event-catalog';
import { CommandContext } from './command-context';
import { Decider, DomainEvent, fold } from './decider';

export interface CommandOutcome<Event extends DomainEvent> {
  streamId: string;
  events: Event[];
  /** Global position of the last appended event; -1 when the command changed nothing. */
  position: number;
  revision: number;
}

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
 * The one command path: read the stream, fold it, decide, append at the revision that was read.
 * A concurrent writer makes the append fail with WrongExpectedVersionError (409), never a lost update.
 */
export const handleCommand = async <State, Command, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  context: CommandContext,
): Promise<CommandOutcome<Event>> => {
  const recorded = await readStreamOrEmpty(store, streamId);
  const state = foldStream(decider, recorded);
  const revision = recorded.length - 1;
  const events = decider.decide(command, state);
  if (events.length === 0) return { streamId, events, position: -1, revision };
  const appended = await store.appendToStream(
    streamId,
    events.map((event) => toNewEvent(event, context)),
    { expectedRevision: revision === -1 ? 'no_stream' : revision },
  );
  return { streamId, events, position: appended.position, revision: appended.nextExpectedRevision };
};
