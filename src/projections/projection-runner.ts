import { Logger } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { EventStore, matchesFilter, RecordedEvent, Subscription } from '../event-store/event-store';
import { Projection } from './projection';
import { SnapshotStore } from './snapshot-store';

interface Slot {
  projection: Projection<unknown>;
  state: unknown;
  checkpoint: number;
  dirty: boolean;
  failure?: string;
}

const SAVE_EVERY_EVENTS = 2000;
const SAVE_AFTER_IDLE_MS = 200;

export class ProjectionNotCaughtUpError extends Error {
  constructor(position: number, reached: number) {
    super(`read models have not yet reached log position ${position} (at ${reached}); retry shortly`);
  }
}

/**
 * Runs every registered projection off one catch-up subscription to the global log. Each projection
 * starts from its own stored checkpoint and skips events at or before it, so a restart applies nothing
 * twice; state and checkpoint are saved together (SnapshotStore), every few thousand events and when idle.
 */
export class ProjectionRunner {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly slots = new Map<string, Slot>();
  private subscription?: Subscription;
  private consuming?: Promise<void>;
  private position = -1;
  private eventsSinceSave = 0;
  private saveTimer?: NodeJS.Timeout;
  private waiters: { position: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  private readonly folded = new Subject<RecordedEvent>();

  /** Each event once every projection has folded it: live feeds read the models without racing them. */
  readonly events$: Observable<RecordedEvent> = this.folded.asObservable();

  constructor(
    private readonly store: EventStore,
    private readonly snapshots: SnapshotStore,
  ) {}

  register<State>(projection: Projection<State>): void {
    if (this.subscription) throw new Error(`cannot register ${projection.name} after the runner started`);
    if (this.slots.has(projection.name)) throw new Error(`projection ${projection.name} is registered twice`);
    const snapshot = this.snapshots.load(projection.name);
    const usable = snapshot?.version === projection.version;
    if (snapshot && !usable) {
      this.logger.log(`projection ${projection.name}: snapshot v${snapshot.version} is stale, rebuilding v${projection.version} from zero`);
    }
    this.slots.set(projection.name, {
      projection: projection as Projection<unknown>,
      state: usable ? JSON.parse(snapshot.state) : projection.initialState(),
      checkpoint: usable ? snapshot.checkpoint : -1,
      dirty: !usable,
    });
  }

  start(): void {
    const from = Math.min(...[...this.slots.values()].map((slot) => slot.checkpoint), Number.MAX_SAFE_INTEGER);
    this.position = from === Number.MAX_SAFE_INTEGER ? -1 : from;
    this.subscription = this.store.subscribeToAll(this.position >= 0 ? { after: this.position } : {});
    this.consuming = this.consume(this.subscription).catch((error: Error) => {
      this.logger.error(`projection subscription failed: ${error.message}`);
      for (const slot of this.slots.values()) slot.failure ??= `subscription failed: ${error.message}`;
    });
  }

  private async consume(subscription: Subscription): Promise<void> {
    for await (const event of subscription) {
      for (const slot of this.slots.values()) this.apply(slot, event);
      this.position = event.position;
      this.eventsSinceSave++;
      if (this.eventsSinceSave >= SAVE_EVERY_EVENTS) this.save();
      else this.saveWhenIdle();
      this.releaseWaiters();
      this.folded.next(event);
    }
  }

  private apply(slot: Slot, event: RecordedEvent): void {
    if (event.position <= slot.checkpoint || slot.failure) return;
    try {
      if (matchesFilter(event, slot.projection.filter)) slot.state = slot.projection.evolve(slot.state, event);
      slot.checkpoint = event.position;
      slot.dirty = true;
    } catch (error) {
      slot.failure = `event ${event.type} at position ${event.position}: ${(error as Error).message}`;
      this.logger.error(`projection ${slot.projection.name} stopped: ${slot.failure}`);
    }
  }

  private saveWhenIdle(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), SAVE_AFTER_IDLE_MS);
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    const dirty = [...this.slots.values()].filter((slot) => slot.dirty && !slot.failure);
    this.snapshots.save(
      dirty.map((slot) => ({
        name: slot.projection.name,
        version: slot.projection.version,
        checkpoint: slot.checkpoint,
        state: JSON.stringify(slot.state),
      })),
    );
    dirty.forEach((slot) => (slot.dirty = false));
    this.eventsSinceSave = 0;
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((waiter) => waiter.position <= this.position);
    this.waiters = this.waiters.filter((waiter) => waiter.position > this.position);
    ready.forEach((waiter) => waiter.resolve());
  }

  /** Read-your-writes: resolves once every projection has folded the log up to this position. */
  waitFor(position: number, timeoutMs = 5000): Promise<void> {
    if (position <= this.position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        reject(new ProjectionNotCaughtUpError(position, this.position));
      }, timeoutMs);
      const entry = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.push(entry);
    });
  }

  state<State>(name: string): State {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`projection ${name} is not registered`);
    return slot.state as State;
  }

  status(): { running: boolean; position: number; projections: { name: string; checkpoint: number; failure?: string }[] } {
    const projections = [...this.slots.values()].map((slot) => ({
      name: slot.projection.name,
      checkpoint: slot.checkpoint,
      ...(slot.failure && { failure: slot.failure }),
    }));
    return {
      running: this.subscription !== undefined && projections.every((p) => !p.failure),
      position: this.position,
      projections,
    };
  }

  async stop(): Promise<void> {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((waiter) => waiter.reject(new Error('the projection runner stopped')));
    await this.subscription?.close();
    await this.consuming;
    this.subscription = undefined;
    this.save();
  }
}
