import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { EventLog } from './event-log';
import { EventPredicate } from './event-filter';
import { ReadCall, writeResponse } from './response-writer';
import { caughtUpResponse, confirmationResponse, eventResponse } from './wire-messages';

export type AllStart = 'start' | 'end' | { position: number };

/**
 * A catch-up subscription to $all as EventStoreDB serves it: confirmation first, then the log after the
 * start, a CaughtUp message once the reader reaches the end, then live events as they are appended.
 * The start position is exclusive: like the server, it skips the first event at or after it.
 */
export const serveAllSubscription = async (
  call: ReadCall,
  log: EventLog,
  start: AllStart,
  matches: EventPredicate,
  signal: AbortSignal,
): Promise<void> => {
  let next = firstIndex(log, start);
  let caughtUp = false;
  await writeResponse(call, confirmationResponse(randomUUID()), signal);
  for (;;) {
    const event = log.all()[next];
    if (event) {
      next += 1;
      if (matches(event)) await writeResponse(call, eventResponse(event), signal);
    } else if (!caughtUp) {
      caughtUp = true;
      await writeResponse(call, caughtUpResponse(), signal);
    } else {
      // Registered in the same tick as the end-of-log check above, so no append can slip between them.
      await once(log.appended, 'append', { signal });
    }
  }
};

const firstIndex = (log: EventLog, start: AllStart): number => {
  if (start === 'start') return 0;
  if (start === 'end') return log.all().length;
  const atOrAfter = log.indexAtOrAfter(start.position);
  return atOrAfter < log.all().length ? atOrAfter + 1 : atOrAfter;
};
