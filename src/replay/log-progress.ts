import { progressBar } from '../cli/progress-bar';

const REDRAW_EVERY_EVENTS = 1000;

/**
 * A progress bar over a pass through the log, in events and events/s. The store gives positions, not
 * counts (EventStoreDB's are byte offsets), so the total is estimated from how far along the log the
 * pass is; in the embedded store positions count events and the estimate is exact.
 */
export const logProgress = (label: string, endPosition: number) => {
  const bar = progressBar(label, 'events');
  let count = 0;
  return {
    onEvent(position: number) {
      count++;
      if (count % REDRAW_EVERY_EVENTS !== 0) return;
      const estimate = position >= endPosition || position <= 0 ? count : Math.round((count * endPosition) / position);
      bar.update(count, Math.max(count, estimate));
    },
    done(): number {
      bar.update(count, count);
      bar.done();
      return count;
    },
  };
};
