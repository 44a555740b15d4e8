import { Metadata, sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, BatchAppendReq as BatchReq } from '@eventstore/db-client/generated/streams_pb';
import { AppendOutcome, EventLog, ExpectedVersion, ProposedEvent, sizeOnDisk } from './event-log';
import { NodeRules, refusalOf } from './node-rules';
import {
  expectedFromAppendOptions,
  expectedFromBatchOptions,
  invalidArgument,
  maxAppendSizeExceeded,
  maxAppendSizeStatus,
  operationTimedOut,
  shuttingDown,
  streamName,
  timeoutStatus,
  toAppendResp,
  toBatchAppendResp,
  toProposedEvent,
} from './wire-messages';

/**
 * Commits an append under the node's clock: a write that takes longer than `timeoutMs` is answered
 * 'timeout', and still lands when its commit completes (EventStoreDB cannot take back a prepare it
 * already wrote, so the client must retry with the same event ids to learn the outcome).
 */
const commit = (
  log: EventLog,
  rules: NodeRules,
  timeoutMs: number,
  append: { streamId: string; expected: ExpectedVersion; proposed: ProposedEvent[] },
): Promise<AppendOutcome | 'timeout'> => {
  const delay = rules.commitDelayMs();
  const write = () => log.append(append.streamId, append.expected, append.proposed);
  // A request whose deadline has passed already is not written at all (BatchAppend: timeout <= 0).
  if (timeoutMs <= 0) return Promise.resolve('timeout');
  if (delay <= 0) return Promise.resolve(write());
  return new Promise((resolve) => {
    setTimeout(() => resolve(write()), delay);
    if (delay >= timeoutMs) setTimeout(() => resolve('timeout'), timeoutMs);
  });
};

const timeoutOf = (rules: NodeRules, deadline: number) => Math.min(rules.writeTimeoutMs, deadline - Date.now());

/**
 * Streams.Append (Streams.Append.cs): one options message, then the proposed events, each counted
 * towards MaxAppendSize as it arrives; the write happens when the client half-closes. A write not
 * committed within the write timeout answers ABORTED ("Operation timed out"), the client's TimeoutError.
 */
export const appendHandler =
  (log: EventLog, rules: NodeRules) => (call: ServerReadableStream<AppendReq, AppendResp>, respond: sendUnaryData<AppendResp>) => {
    let target: { streamId: string; expected: ExpectedVersion } | undefined;
    const proposed: ProposedEvent[] = [];
    let size = 0;
    let failure: Error | undefined = refusalOf(rules, call.metadata, true);
    call.on('data', (request: AppendReq) => {
      try {
        const options = request.getOptions();
        const message = request.getProposedMessage();
        if (options) {
          const streamId = streamName(options.getStreamIdentifier());
          target = { streamId, expected: expectedFromAppendOptions(options) };
        } else if (!target) throw invalidArgument('proposed message before the append options');
        else if (message) {
          const event = toProposedEvent(message);
          size += sizeOnDisk(event);
          if (size > rules.maxAppendSize) throw maxAppendSizeExceeded(rules.maxAppendSize);
          proposed.push(event);
        }
      } catch (error) {
        failure ??= error as Error;
      }
    });
    call.on('end', () => {
      if (failure) return respond(failure);
      if (!target) return respond(invalidArgument('append without options'));
      const { streamId, expected } = target;
      const deadline = call.getDeadline();
      const callDeadline = deadline instanceof Date ? deadline.getTime() : Number.isFinite(deadline) ? Number(deadline) : Infinity;
      void commit(log, rules, timeoutOf(rules, callDeadline), { streamId, expected, proposed }).then((outcome) => {
        try {
          if (outcome === 'timeout') return respond(operationTimedOut());
          respond(null, toAppendResp(outcome, expected, streamId));
        } catch (error) {
          respond(error as Error);
        }
      });
    });
  };

interface PendingBatch {
  streamId: string;
  expected: ExpectedVersion;
  proposed: ProposedEvent[];
  size: number;
  /** Epoch ms by which the write must commit: min(the request's deadline, the node's write timeout). */
  deadline: number;
}

const requestDeadline = (options: BatchReq.Options): number => {
  const deadline = options.getDeadline();
  return deadline ? deadline.toDate().getTime() : Infinity;
};

/**
 * Streams.BatchAppend (Streams.BatchAppend.cs): one long-lived bidirectional call per client carries
 * many appends, each keyed by a correlation id; an append's options come with its first message and it
 * is written on `is_final`. Its size is checked against MaxAppendSize as its messages arrive
 * (Status.MaximumAppendSizeExceeded); its timeout is min(the request's deadline, WriteTimeoutMs), after
 * which it answers Status.Timeout. A malformed request fails the whole call.
 */
export const batchAppendHandler =
  (log: EventLog, serverStopping: AbortSignal, rules: NodeRules) => (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
    const pending = new Map<string, PendingBatch>();
    const endOnStop = () => call.emit('error', shuttingDown());
    serverStopping.addEventListener('abort', endOnStop, { once: true });
    call.once('close', () => serverStopping.removeEventListener('abort', endOnStop));
    const refusal = refusalOf(rules, call.metadata ?? new Metadata(), true);
    call.on('data', (request: BatchAppendReq) => {
      try {
        if (refusal) throw refusal;
        const correlationId = request.getCorrelationId();
        const key = correlationId?.getString() ?? '';
        const options = request.getOptions();
        if (options) {
          pending.set(key, {
            streamId: streamName(options.getStreamIdentifier()),
            expected: expectedFromBatchOptions(options),
            proposed: [],
            size: 0,
            deadline: Math.min(requestDeadline(options), Date.now() + rules.writeTimeoutMs),
          });
        }
        const batch = pending.get(key);
        if (!batch) throw invalidArgument(`batch append ${key} continued without its options`);
        const events = request.getProposedMessagesList().map(toProposedEvent);
        batch.proposed.push(...events);
        batch.size += events.reduce((total, event) => total + sizeOnDisk(event), 0);
        const respond = (response: BatchAppendResp) => {
          if (!serverStopping.aborted && !call.writableEnded) call.write(response);
        };
        if (batch.size > rules.maxAppendSize) {
          pending.delete(key);
          respond(toBatchAppendResp(correlationId, batch.streamId, undefined, batch.expected).setError(maxAppendSizeStatus(rules.maxAppendSize)));
          return;
        }
        if (!request.getIsFinal()) return;
        pending.delete(key);
        void commit(log, rules, batch.deadline - Date.now(), batch).then((outcome) =>
          respond(
            outcome === 'timeout'
              ? toBatchAppendResp(correlationId, batch.streamId, undefined, batch.expected).setError(timeoutStatus())
              : toBatchAppendResp(correlationId, batch.streamId, outcome, batch.expected),
          ),
        );
      } catch (error) {
        call.emit('error', error);
      }
    });
    call.on('end', () => call.end());
  };
