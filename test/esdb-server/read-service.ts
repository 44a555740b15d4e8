import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { AllStart, serveAllSubscription } from './all-subscription';
import { EventLog, LoggedEvent } from './event-log';
import { eventFilter } from './event-filter';
import { callSignal, isAbort, ReadCall, writeResponse } from './response-writer';
import {
  eventResponse,
  invalidArgument,
  shuttingDown,
  streamName,
  streamNotFoundResponse,
  unsupported,
} from './wire-messages';

const { StreamOptionCase, CountOptionCase, ReadDirection, UUIDOption } = ReadReq.Options;

/** Streams.Read: stream reads, $all reads and $all catch-up subscriptions share one RPC. */
export const readHandler = (log: EventLog, serverStopping: AbortSignal) => async (call: ReadCall) => {
  const signal = callSignal(call, serverStopping);
  try {
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
  if (!stream) return [streamNotFoundResponse(name)];
  return readStream(stream, streamOptions, backwards, count).map(eventResponse);
};

const readStream = (
  stream: readonly LoggedEvent[],
  options: ReadReq.Options.StreamOptions,
  backwards: boolean,
  count: number,
): readonly LoggedEvent[] => {
  const last = stream.length - 1;
  const cases = ReadReq.Options.StreamOptions.RevisionOptionCase;
  const revisionCase = options.getRevisionOptionCase();
  const end = backwards ? last : last + 1;
  const from =
    revisionCase === cases.START ? 0 : revisionCase === cases.END ? end : Number(options.getRevision());
  if (!backwards) return stream.slice(from, from + count);
  const newest = Math.min(from, last);
  return stream.slice(Math.max(0, newest - count + 1), newest + 1).reverse();
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
