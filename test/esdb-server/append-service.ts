import { sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { EventLog, ExpectedVersion, ProposedEvent } from './event-log';
import {
  expectedFromAppendOptions,
  expectedFromBatchOptions,
  invalidArgument,
  shuttingDown,
  streamName,
  toAppendResp,
  toBatchAppendResp,
  toProposedEvent,
} from './wire-messages';

/**
 * Streams.Append: one options message, then the proposed events; the write happens when the client
 * half-closes, atomically (the log is written synchronously, so concurrent appends serialise).
 */
export const appendHandler =
  (log: EventLog) => (call: ServerReadableStream<AppendReq, AppendResp>, respond: sendUnaryData<AppendResp>) => {
    let target: { streamId: string; expected: ExpectedVersion } | undefined;
    const proposed: ProposedEvent[] = [];
    let failure: Error | undefined;
    call.on('data', (request: AppendReq) => {
      try {
        const options = request.getOptions();
        const message = request.getProposedMessage();
        if (options) {
          const streamId = streamName(options.getStreamIdentifier());
          target = { streamId, expected: expectedFromAppendOptions(options) };
        } else if (!target) throw invalidArgument('proposed message before the append options');
        else if (message) proposed.push(toProposedEvent(message));
      } catch (error) {
        failure ??= error as Error;
      }
    });
    call.on('end', () => {
      if (failure) return respond(failure);
      if (!target) return respond(invalidArgument('append without options'));
      respond(null, toAppendResp(log.append(target.streamId, target.expected, proposed), target.expected));
    });
  };

interface PendingBatch {
  streamId: string;
  expected: ExpectedVersion;
  proposed: ProposedEvent[];
}

/**
 * Streams.BatchAppend: one long-lived bidirectional call per client carries many appends, each keyed by
 * a correlation id; an append's options come with its first message and it is written on `is_final`.
 * The options' deadline is not enforced; a malformed request fails the whole call.
 */
export const batchAppendHandler =
  (log: EventLog, serverStopping: AbortSignal) => (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
    const pending = new Map<string, PendingBatch>();
    const endOnStop = () => call.emit('error', shuttingDown());
    serverStopping.addEventListener('abort', endOnStop, { once: true });
    call.once('close', () => serverStopping.removeEventListener('abort', endOnStop));
    call.on('data', (request: BatchAppendReq) => {
      try {
        const correlationId = request.getCorrelationId();
        const key = correlationId?.getString() ?? '';
        const options = request.getOptions();
        if (options) {
          pending.set(key, {
            streamId: streamName(options.getStreamIdentifier()),
            expected: expectedFromBatchOptions(options),
            proposed: [],
          });
        }
        const batch = pending.get(key);
        if (!batch) throw invalidArgument(`batch append ${key} continued without its options`);
        batch.proposed.push(...request.getProposedMessagesList().map(toProposedEvent));
        if (!request.getIsFinal()) return;
        pending.delete(key);
        const outcome = log.append(batch.streamId, batch.expected, batch.proposed);
        call.write(toBatchAppendResp(correlationId, batch.streamId, outcome, batch.expected));
      } catch (error) {
        call.emit('error', error);
      }
    });
    call.on('end', () => call.end());
  };
