import { ConflictError, RuleViolationError } from '../../decider/domain-errors';

/**
 * One append over EventStoreDB's MaxAppendSize (1 MiB by default, counted per event as data bytes +
 * metadata bytes + 2 x the type's length: Event.SizeOnDisk). A command whose events exceed it is refused
 * as a whole (400): the store never takes part of a command.
 */
export class AppendTooLargeError extends RuleViolationError {
  constructor(streamId: string, size: number, maxAppendSize: number | undefined) {
    super(
      `the events of this command for ${streamId} are ${size} bytes, over EventStoreDB's maximum append size` +
        `${maxAppendSize ? ` of ${maxAppendSize} bytes` : ''}; send it in smaller parts`,
      { streamId, appendSize: size, ...(maxAppendSize !== undefined && { maxAppendSize }) },
    );
  }
}

/** A stream hard-deleted (tombstoned) in EventStoreDB: it can never be read or written again (409). */
export class StreamTombstonedError extends ConflictError {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} was permanently deleted (tombstoned) in EventStoreDB and cannot be read or written again`, { streamId });
  }
}

/**
 * EventStoreDB refused the connection's user. A secure node (23.10 and later) refuses anonymous access,
 * and reading $all (what the read models subscribe to) needs a member of $admins or $ops.
 */
export class EventStoreAccessDeniedError extends Error {
  constructor(what: string) {
    super(
      `EventStoreDB denied access (${what}): a secure cluster refuses anonymous access and reading $all needs a user in $admins or $ops; ` +
        'put the credentials in EVENTSTORE_CONNECTION_STRING (esdb://USER:PASSWORD@host:2113,...) from a secret, and check that user',
    );
    this.name = 'EventStoreAccessDeniedError';
  }
}
