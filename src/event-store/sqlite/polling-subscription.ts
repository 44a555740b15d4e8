import { EventEmitter } from 'node:events';
import { RecordedEvent, Subscription } from '../event-store';

/** How often to look for events appended by another process (the seed CLI next to the API). */
const CROSS_PROCESS_POLL_MS = 250;

/**
 * A catch-up subscription over a synchronous page reader: it drains pages after its checkpoint, then
 * sleeps until this process appends (an event) or the poll interval passes (another process may have).
 */
export const pollingSubscription = (options: {
  after: number;
  readPage: (after: number) => RecordedEvent[];
  appended: EventEmitter;
}): Subscription => {
  let closed = false;
  let wake: (() => void) | undefined;
  const onSignal = () => wake?.();
  const onStoreClosed = () => {
    closed = true;
    wake?.();
  };
  options.appended.on('append', onSignal);
  options.appended.on('close', onStoreClosed);

  const waitForMore = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CROSS_PROCESS_POLL_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function* events(): AsyncGenerator<RecordedEvent> {
    let after = options.after;
    try {
      while (!closed) {
        const page = options.readPage(after);
        for (const event of page) {
          if (closed) return;
          yield event;
          after = event.position;
        }
        if (page.length === 0) await waitForMore();
      }
    } finally {
      closed = true;
      options.appended.off('append', onSignal);
      options.appended.off('close', onStoreClosed);
    }
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      wake?.();
    },
  };
};
