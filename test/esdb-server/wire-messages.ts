import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as WellKnownEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import {
  AllStreamPosition,
  Empty,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  StreamIdentifier,
  Timeout,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb';
import { AppendOutcome, ExpectedVersion, LoggedEvent, ProposedEvent } from './event-log';

/** grpc-js sends a thrown error's `code`, message and trailing `metadata` as the call's status. */
export class RpcError extends Error {
  readonly metadata = new Metadata();
  constructor(
    readonly code: GrpcStatus,
    message: string,
    trailers: Record<string, string> = {},
  ) {
    super(message);
    for (const [key, value] of Object.entries(trailers)) this.metadata.set(key, value);
  }
}

/**
 * The RpcExceptions of EventStoreDB's gRPC layer (src/EventStore.Core/Services/Transport/Grpc/RpcExceptions.cs):
 * the client recognises them by the `exception` trailer.
 */
export const maxAppendSizeExceeded = (maxAppendSize: number) =>
  new RpcError(GrpcStatus.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

export const streamDeleted = (streamId: string) =>
  new RpcError(GrpcStatus.FAILED_PRECONDITION, `Event stream '${streamId}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamId,
  });

/** A write the node could not commit within its write timeout: Append answers ABORTED. */
export const operationTimedOut = () => new RpcError(GrpcStatus.ABORTED, 'Operation timed out: Prepare phase timeout.');

/** A request needing the leader, sent to a follower: the client reconnects to the endpoint in the trailers. */
export const notLeader = (host: string, port: number) =>
  new RpcError(GrpcStatus.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': host,
    'leader-endpoint-port': String(port),
  });

/** NotHandled(NotReady): a node without a leader (during an election) refuses requests needing one. */
export const serverNotReady = () => new RpcError(GrpcStatus.UNAVAILABLE, 'Server Is Not Ready');

export const accessDenied = () => new RpcError(GrpcStatus.PERMISSION_DENIED, 'Access Denied', { exception: 'access-denied' });

/** The test server answers requests it does not model with an explicit error, never a silent guess. */
export const unsupported = (what: string) =>
  new RpcError(GrpcStatus.UNIMPLEMENTED, `the EventStoreDB test server does not implement ${what}`);

export const invalidArgument = (message: string) => new RpcError(GrpcStatus.INVALID_ARGUMENT, message);

/** What a node says to the calls it is still serving when it stops. */
export const shuttingDown = () => new RpcError(GrpcStatus.UNAVAILABLE, 'Server is shutting down');

export const streamName = (identifier: StreamIdentifier | undefined): string => {
  if (!identifier) throw invalidArgument('stream identifier missing');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
};

const streamIdentifier = (streamId: string) => new StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Event ids are .NET Guids on the server: anything else is refused, and they come back in lower case. */
const uuidText = (uuid: UUID | undefined): string => {
  if (!uuid?.hasString()) throw unsupported('structured UUIDs');
  const text = uuid.getString();
  if (!UUID_TEXT.test(text)) throw invalidArgument(`event id ${text} is not a UUID`);
  return text.toLowerCase();
};

export const toProposedEvent = (message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent => {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (!type || !contentType) throw invalidArgument('proposed message without type or content-type');
  return {
    id: uuidText(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

export const expectedFromAppendOptions = (options: AppendReq.Options): ExpectedVersion => {
  const cases = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case cases.REVISION:
      return Number(options.getRevision());
    case cases.NO_STREAM:
      return 'no_stream';
    case cases.STREAM_EXISTS:
      return 'stream_exists';
    case cases.ANY:
      return 'any';
    default:
      throw invalidArgument('append options without an expected stream revision');
  }
};

export const expectedFromBatchOptions = (options: BatchAppendReq.Options): ExpectedVersion => {
  const cases = BatchAppendReq.Options.ExpectedStreamPositionCase;
  switch (options.getExpectedStreamPositionCase()) {
    case cases.STREAM_POSITION:
      return Number(options.getStreamPosition());
    case cases.NO_STREAM:
      return 'no_stream';
    case cases.STREAM_EXISTS:
      return 'stream_exists';
    case cases.ANY:
      return 'any';
    default:
      throw invalidArgument('batch append options without an expected stream position');
  }
};

export const toAppendResp = (outcome: AppendOutcome, expected: ExpectedVersion, streamId: string): AppendResp => {
  if (outcome.result === 'stream_deleted') throw streamDeleted(streamId);
  if (outcome.result === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === -1) wrong.setCurrentNoStream(new Empty());
    else wrong.setCurrentRevision(String(outcome.currentRevision));
    if (typeof expected === 'number') wrong.setExpectedRevision(String(expected));
    else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
    else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
    else wrong.setExpectedAny(new Empty());
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.currentRevision === -1) success.setNoStream(new Empty());
  else success.setCurrentRevision(String(outcome.currentRevision));
  const position = outcome.result === 'written' ? outcome.position : undefined;
  if (position === undefined) {
    success.setNoPosition(new Empty());
  } else {
    success.setPosition(new AppendResp.Position().setCommitPosition(`${position}`).setPreparePosition(`${position}`));
  }
  return new AppendResp().setSuccess(success);
};

export const toBatchAppendResp = (
  correlationId: UUID | undefined,
  streamId: string,
  outcome: AppendOutcome | undefined,
  expected: ExpectedVersion,
): BatchAppendResp => {
  const response = new BatchAppendResp()
    .setCorrelationId(correlationId)
    .setStreamIdentifier(streamIdentifier(streamId));
  if (!outcome) return response;
  if (outcome.result === 'wrong_expected_version') {
    return response.setError(wrongExpectedVersionStatus(outcome.currentRevision, expected));
  }
  if (outcome.result === 'stream_deleted') return response.setError(streamDeletedStatus(streamId));
  const success = new BatchAppendResp.Success();
  if (outcome.currentRevision === -1) success.setNoStream(new WellKnownEmpty());
  else success.setCurrentRevision(String(outcome.currentRevision));
  const position = outcome.result === 'written' ? outcome.position : undefined;
  if (position === undefined) {
    success.setNoPosition(new WellKnownEmpty());
  } else {
    success.setPosition(new AllStreamPosition().setCommitPosition(`${position}`).setPreparePosition(`${position}`));
  }
  return response.setSuccess(success);
};

/** BatchAppend reports failures as a google.rpc.Status whose details pack the shared WrongExpectedVersion. */
const wrongExpectedVersionStatus = (currentRevision: number, expected: ExpectedVersion): Status => {
  const details = new WrongExpectedVersion();
  if (currentRevision === -1) details.setCurrentNoStream(new WellKnownEmpty());
  else details.setCurrentStreamRevision(String(currentRevision));
  if (typeof expected === 'number') details.setExpectedStreamPosition(String(expected));
  else if (expected === 'no_stream') details.setExpectedNoStream(new WellKnownEmpty());
  else if (expected === 'stream_exists') details.setExpectedStreamExists(new WellKnownEmpty());
  else details.setExpectedAny(new WellKnownEmpty());
  const packed = new Any();
  packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new Status().setCode(Code.ALREADY_EXISTS).setMessage('WrongExpectedVersion').setDetails(packed);
};

const packedStatus = (code: Code, message: string, details: { serializeBinary(): Uint8Array }, typeName: string): Status => {
  const packed = new Any();
  packed.pack(details.serializeBinary(), typeName);
  return new Status().setCode(code).setMessage(message).setDetails(packed);
};

/** BatchAppend's Status.StreamDeleted (src/EventStore.Core/Services/Transport/Grpc/Status.cs). */
const streamDeletedStatus = (streamId: string): Status =>
  packedStatus(Code.NOT_FOUND, 'StreamDeleted', new StreamDeleted().setStreamIdentifier(streamIdentifier(streamId)), 'event_store.client.StreamDeleted');

/** BatchAppend's Status.MaximumAppendSizeExceeded. */
export const maxAppendSizeStatus = (maxAppendSize: number): Status =>
  packedStatus(
    Code.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
    'event_store.client.MaximumAppendSizeExceeded',
  );

/** BatchAppend's Status.Timeout: the write was not committed within the deadline (it may still be). */
export const timeoutStatus = (): Status =>
  packedStatus(Code.DEADLINE_EXCEEDED, 'Timeout', new Timeout(), 'event_store.client.Timeout');

/** EventStoreDB's `created` is .NET ticks (100 ns) since the Unix epoch. */
const ticksSinceEpoch = (date: Date) => (BigInt(date.getTime()) * 10_000n).toString();

export const eventResponse = (event: LoggedEvent): ReadResp => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', ticksSinceEpoch(event.created));
  return new ReadResp().setEvent(
    new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(event.position)),
  );
};

export const streamNotFoundResponse = (streamId: string): ReadResp =>
  new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId)));

export const confirmationResponse = (subscriptionId: string): ReadResp =>
  new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));

export const caughtUpResponse = (): ReadResp => new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
