import { once } from 'node:events';
import { ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/**
 * Writes with backpressure so a slow reader holds the server back instead of buffering the log in
 * memory; rejects with an AbortError once the call is cancelled or the server stops.
 */
export const writeResponse = async (call: ReadCall, response: ReadResp, signal: AbortSignal): Promise<void> => {
  signal.throwIfAborted();
  if (!call.write(response)) await once(call, 'drain', { signal });
};

/** Aborts when the client cancels this call or the server it runs on stops. */
export const callSignal = (call: ReadCall, serverStopping: AbortSignal): AbortSignal => {
  const cancelled = new AbortController();
  call.once('cancelled', () => cancelled.abort());
  return AbortSignal.any([cancelled.signal, serverStopping]);
};

export const isAbort = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';
