import { BadRequestException, Logger } from '@nestjs/common';
import { Response } from 'express';
import { Observable } from 'rxjs';

/**
 * The position a reconnecting EventSource sends back: the id of the last message it received. Anything
 * else is refused before the stream opens, since a guessed position could skip or repeat messages.
 */
export const lastEventIdFrom = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const position = /^\d+$/.test(header) ? Number(header) : NaN;
  if (!Number.isSafeInteger(position)) throw new BadRequestException('Last-Event-ID must be a log position (a non-negative integer)');
  return position;
};

/**
 * Writes the frames to the raw response: Nest's @Sse cannot write the comment lines that keep proxies
 * from closing an idle connection. `X-Accel-Buffering: no` stops nginx holding messages back.
 */
export const streamEvents = (response: Response, frames: Observable<string>): void => {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  const subscription = frames.subscribe({
    next: (frame) => response.write(frame),
    // The client reconnects with the last id it got and misses nothing; the cause is for the operator.
    error: (error: Error) => {
      new Logger('LiveFeed').error(`live feed failed: ${error.message}`);
      response.end();
    },
    complete: () => response.end(),
  });
  response.on('close', () => subscription.unsubscribe());
};
