import { EventStore } from '../event-store/event-store';
import { foldLog } from './fold-log';
import { Projection } from './projection';

/** A moment in the log: a global position, or an instant compared with when each event was recorded. */
export type LogMoment = { position: number } | { instant: string };

const KEPT_FOLDS = 4;

/**
 * Read models folded up to a moment of the log, kept by moment: a moment already in the past (a position
 * the log has reached, an instant already gone) never changes, so "as of" pages after the first cost a
 * lookup, not a refold of the whole log. Moments still ahead of the log are folded afresh each time.
 */
export class SettledFolds {
  private readonly kept = new Map<string, Promise<{ state: unknown; checkpoint: number }>>();

  constructor(private readonly store: EventStore) {}

  async fold<State>(projection: Projection<State>, moment: LogMoment): Promise<{ state: State; checkpoint: number }> {
    const key = `${projection.name}@v${projection.version}@${'position' in moment ? `p${moment.position}` : `t${moment.instant}`}`;
    const known = this.kept.get(key);
    if (known) return known as Promise<{ state: State; checkpoint: number }>;
    const settled = 'position' in moment ? moment.position <= (await this.store.headPosition()) : Date.parse(moment.instant) < Date.now();
    const options = 'position' in moment ? { upTo: moment.position } : { recordedUntil: moment.instant };
    const folding = foldLog(this.store, projection, options);
    if (!settled) return folding;
    this.kept.set(key, folding);
    if (this.kept.size > KEPT_FOLDS) this.kept.delete(this.kept.keys().next().value!);
    folding.catch(() => this.kept.delete(key));
    return folding;
  }
}
