import {
  ANY,
  AppendExpectedRevision,
  EventData,
  eventTypeFilter,
  Filter,
  jsonEvent,
  JSONType,
  NO_STREAM,
  Position,
  ReadPosition,
  RecordedEvent as EsdbRecordedEvent,
  START,
  STREAM_EXISTS,
  streamNameFilter,
} from '@eventstore/db-client';
import { EventMetadata, ExpectedRevision, LogFilter, NewEvent, RecordedEvent } from '../event-store';

/** What EventStoreDB sends where it has no $all position for an event. */
const NO_POSITION = 2n ** 64n - 1n;

/** EventStoreDB counts in unsigned 64-bit integers; the port's numbers are exact only up to 2^53. */
const exactNumber = (value: bigint, what: string): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB ${what} ${value} is beyond Number.MAX_SAFE_INTEGER; refusing to round it`);
  }
  return Number(value);
};

export const toPortRevision = (revision: bigint): number => exactNumber(revision, 'revision');

/**
 * The port's position is the commit position: for events written outside explicit transactions
 * (all of this application's) EventStoreDB makes it equal to the prepare position.
 */
export const toPortPosition = (position: Position | undefined): number => {
  if (!position || position.commit === NO_POSITION) {
    throw new RangeError(
      'EventStoreDB reported no $all position for an event (older servers omit it on stream reads: use 22.10 or later)',
    );
  }
  return exactNumber(position.commit, 'position');
};

/**
 * Where a $all read or subscription starts for the port's exclusive `after`. A number is a position of
 * the log (the port only hands out event positions), so it is a valid record boundary for the server.
 */
export const toReadPosition = (after: number | undefined): ReadPosition =>
  after === undefined || after < 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };

export const toExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
};

export const toEventData = (event: NewEvent): EventData =>
  jsonEvent({
    id: event.id,
    type: event.type,
    // The port's event data is JSON by contract; the client only JSON.stringifies it.
    data: event.data as JSONType,
    metadata: { ...event.metadata },
  });

export const toRecordedEvent = (event: EsdbRecordedEvent): RecordedEvent => ({
  id: event.id,
  streamId: event.streamId,
  revision: toPortRevision(event.revision),
  position: toPortPosition(event.position),
  type: event.type,
  data: event.data,
  // Parsed from the JSON toEventData wrote: the port's EventMetadata.
  metadata: event.metadata as unknown as EventMetadata,
  recordedAt: event.created.toISOString(),
});

/** EventStoreDB's own events (epochs, settings, projection links) are never the application's. */
export const isSystemEvent = (event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

/**
 * The narrowing EventStoreDB can do on the server: one field, by prefix. The caller re-applies the
 * port's exact filter, since an event-type prefix also admits longer type names.
 */
export const toServerFilter = (filter: LogFilter | undefined): Filter | undefined => {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: filter.eventTypes });
  return undefined;
};
