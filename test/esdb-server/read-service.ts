import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { AllStart, serveAllSubscription } from './all-subscription';
import { EventLog, LoggedEvent } from './event-log';
import { eventFilter } from './event-filter';
import { NodeRules, refusalOf } from './node-rules';
import { callSignal, isAbort, ReadCall, writeResponse } from './response-writer';
import {
  eventResponse,
  invalidArgument,
  shuttingDown,
  streamDeleted,
  streamName,
  streamNotFoundResponse,
  unsupported,
} from './wire-messages';

const { StreamOptionCase, CountOptionCase, ReadDirection, UUIDOption } = ReadReq.Options;

/** Streams.Read: stream reads, $all reads and $all catch-up subscriptions share one RPC. */
export const readHandler = (log: EventLog, serverStopping: AbortSignal, rules: NodeRules) => async (call: ReadCall) => {
  const signal = callSignal(call, serverStopping);
  try {
    const refusal = refusalOf(rules, call.metadata, false);
    if (refusal) throw refusal;
    const options = call.request.getOptions();
    if (!options) throw invalidArgument('read request without options');
    if (options.getUuidOption()?.getContentCase() !== UUIDOption.ContentCase.STRING) {
      throw unsupported('structured UUIDs');
    }
    if (options.getCountOptionCase() === CountOptionCase.SUBSCRIPTION) {
      if (options.getStreamOptionCase() !== StreamOptionCase.ALL) throw unsupported('stream subscriptions');
      await serveAllSubscription(call, log, allStart(options, log), eventFilter(options), signal);
      return;
    }
    for (const response of readResponses(log, options)) await writeResponse(call, response, signal);
    call.end();
  } catch (error) {
    if (serverStopping.aborted) call.emit('error', shuttingDown());
    else if (!isAbort(error)) call.emit('error', error);
  }
};

const readResponses = (log: EventLog, options: ReadReq.Options): ReadResp[] => {
  const count = Number(options.getCount());
  const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
  const streamOptions = options.getStream();
  if (!streamOptions) {
    return readAll(log, options, backwards).filter(eventFilter(options)).slice(0, count).map(eventResponse);
  }
  const name = streamName(streamOptions.getStreamIdentifier());
  const stream = log.stream(name);
  if (stream === 'deleted') throw streamDeleted(name);
  if (!stream) return [streamNotFoundResponse(name)];
  return readStream(stream, streamOptions, backwards, count).map(eventResponse);
};

/** By revision, not by index: a truncated or recreated stream's first readable revision is not 0. */
const readStream = (
  stream: readonly LoggedEvent[],
  options: ReadReq.Options.StreamOptions,
  backwards: boolean,
  count: number,
): readonly LoggedEvent[] => {
  const first = stream[0]!.revision;
  const last = stream[stream.length - 1]!.revision;
  const cases = ReadReq.Options.StreamOptions.RevisionOptionCase;
  const revisionCase = options.getRevisionOptionCase();
  const end = backwards ? last : last + 1;
  const from =
    revisionCase === cases.START ? first : revisionCase === cases.END ? end : Number(options.getRevision());
  const at = (revision: number) => Math.max(0, revision - first);
  if (!backwards) return stream.slice(at(from), at(from) + count);
  const newest = Math.min(from, last);
  if (newest < first) return [];
  return stream.slice(Math.max(0, at(newest) - count + 1), at(newest) + 1).reverse();
};

/** Forwards reads include the event at the start position; backwards reads return the events before it. */
const readAll = (log: EventLog, options: ReadReq.Options, backwards: boolean): readonly LoggedEvent[] => {
  const all = log.all();
  const start = allStart(options, log);
  if (start === 'start') return backwards ? [] : all;
  if (start === 'end') return backwards ? [...all].reverse() : [];
  const index = log.indexAtOrAfter(start.position);
  return backwards ? all.slice(0, index).reverse() : all.slice(index);
};

const allStart = (options: ReadReq.Options, log: EventLog): AllStart => {
  const all = options.getAll();
  const cases = ReadReq.Options.AllOptions.AllOptionCase;
  switch (all?.getAllOptionCase()) {
    case cases.START:
      return 'start';
    case cases.END:
      return 'end';
    case cases.POSITION: {
      const position = Number(all.getPosition()?.getCommitPosition());
      if (!log.isRecordBoundary(position)) {
        throw invalidArgument(`position ${position} is not the start of a log record`);
      }
      return { position };
    }
    default:
      throw invalidArgument('$all read without a start');
  }
};
