import { Logger } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { EventStore, matchesFilter, RecordedEvent, Subscription } from '../event-store/event-store';
import { Projection } from './projection';
import { SnapshotStore } from './snapshot-store';
import { stateFromJson, stateToJson } from './state-json';

interface Slot {
  projection: Projection<unknown>;
  state: unknown;
  checkpoint: number;
  dirty: boolean;
  failure?: string;
}

/**
 * A snapshot serialises whole read models (the results of 14,000 runners are megabytes), so it is taken
 * rarely while events stream in and soon after they stop; a restart refolds at most this many events.
 */
const SAVE_EVERY_EVENTS = 10_000;
const SAVE_AFTER_IDLE_MS = 1000;
/** A failed save (a full disk) is tried again this long after, while the read models keep serving from memory. */
const SAVE_RETRY_MS = 5000;
/** Folding a long log (a catch-up, a rebuild) hands the event loop back this often, so the API keeps answering. */
const YIELD_EVERY_EVENTS = 500;

export interface RebuildProgress {
  /** Log position the rebuilt state has folded up to. */
  position: number;
  /** Events of the projection's filter folded so far. */
  events: number;
}

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
  private starting?: Promise<void>;
  private consuming?: Promise<void>;
  private position = -1;
  /** The log's head when the runner started: until every projection has folded it, answers would be partial. */
  private startupHead = -1;
  private caughtUp = false;
  private eventsSinceSave = 0;
  private saveTimer?: NodeJS.Timeout;
  /** Why the last snapshot save failed; cleared by the next save that succeeds. */
  private saveFailure?: string;
  private waiters: { position: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  private readonly folded = new Subject<RecordedEvent>();
  private readonly rebuilds = new Map<string, Promise<RebuildProgress>>();
  private stopping = false;

  /** Each event once every projection has folded it: live feeds read the models without racing them. */
  readonly events$: Observable<RecordedEvent> = this.folded.asObservable();

  constructor(
    private readonly store: EventStore,
    private readonly snapshots: SnapshotStore,
    /** Which kind of store holds the log: the same DATA_DIR may move from the embedded store to EventStoreDB. */
    private readonly logKind = 'embedded',
  ) {}

  register<State>(projection: Projection<State>): void {
    if (this.subscription) throw new Error(`cannot register ${projection.name} after the runner started`);
    if (this.slots.has(projection.name)) throw new Error(`projection ${projection.name} is registered twice`);
    const snapshot = this.snapshots.load(projection.name);
    if (snapshot && snapshot.version !== projection.version) {
      this.logger.log(`projection ${projection.name}: snapshot v${snapshot.version} is stale, rebuilding v${projection.version} from zero`);
    }
    const state = snapshot?.version === projection.version ? this.readableState(projection.name, snapshot.state) : undefined;
    this.slots.set(projection.name, {
      projection: projection as Projection<unknown>,
      state: state ?? projection.initialState(),
      checkpoint: state !== undefined ? snapshot!.checkpoint : -1,
      dirty: state === undefined,
    });
  }

  /** Snapshots are disposable: one that cannot be read back is rebuilt from the log, never a reason not to start. */
  private readableState(name: string, text: string): unknown {
    try {
      return stateFromJson(text);
    } catch (error) {
      this.logger.warn(`projection ${name}: snapshot cannot be read (${(error as Error).message}); rebuilding from zero`);
      return undefined;
    }
  }

  /**
   * Snapshots live beside the log, not in it: a snapshot past the log's head was folded from another log
   * (a replaced store file, another EventStoreDB) and is rebuilt from zero rather than trusted.
   */
  start(): Promise<void> {
    this.starting = this.store.headPosition().then(async (head) => {
      this.startupHead = head;
      await this.forgetAnotherLog();
      for (const slot of this.slots.values()) {
        if (slot.checkpoint <= head) continue;
        this.logger.warn(`projection ${slot.projection.name}: snapshot at ${slot.checkpoint} is past the log's head ${head}; rebuilding from zero`);
        Object.assign(slot, { state: slot.projection.initialState(), checkpoint: -1, dirty: true });
      }
      if (!this.stopping) this.follow();
    });
    return this.starting;
  }

  /**
   * Positions mean something only in the log they came from (an embedded store counts events,
   * EventStoreDB counts bytes): snapshots folded from another log, or another kind of store, are
   * thrown away and every read model is rebuilt from this one.
   */
  private async forgetAnotherLog(): Promise<void> {
    let first: RecordedEvent | undefined;
    for await (const event of this.store.readAll({ maxCount: 1 })) first = event;
    if (!first) return;
    const log = `${this.logKind}:${first.id}`;
    const builtFrom = this.snapshots.builtFrom();
    if (builtFrom === log) return;
    // Snapshots from before logs were noted are trusted as the head check allows, and noted from now on.
    if (builtFrom === undefined) return this.snapshots.markBuiltFrom(log);
    this.logger.warn(`read models were folded from ${builtFrom}, the log is ${log}: rebuilding every one from zero`);
    this.snapshots.startOver(log);
    for (const slot of this.slots.values()) Object.assign(slot, { state: slot.projection.initialState(), checkpoint: -1, dirty: true });
  }

  private follow(): void {
    const from = Math.min(...[...this.slots.values()].map((slot) => slot.checkpoint), Number.MAX_SAFE_INTEGER);
    this.position = from === Number.MAX_SAFE_INTEGER ? -1 : from;
    this.noteCaughtUp();
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
      this.noteCaughtUp();
      this.eventsSinceSave++;
      if (this.eventsSinceSave >= SAVE_EVERY_EVENTS) this.save();
      else this.saveWhenIdle();
      this.releaseWaiters();
      this.folded.next(event);
      if (this.eventsSinceSave % YIELD_EVERY_EVENTS === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private noteCaughtUp(): void {
    if (this.caughtUp || this.position < this.startupHead) return;
    this.caughtUp = true;
    this.logger.log(`read models caught up with the log at position ${this.position}`);
  }

  /** Ready means right: every read model has folded the log as it stood at start-up. */
  readiness(): { ready: boolean; position: number; head: number } {
    return { ready: this.caughtUp, position: this.position, head: this.startupHead };
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

  /**
   * Saving runs from timers, where a throw would end the process: a failure is logged, reported by
   * status() and retried later; the unsaved slots stay dirty, so the retry saves them.
   */
  private save(): void {
    clearTimeout(this.saveTimer);
    const dirty = [...this.slots.values()].filter((slot) => slot.dirty && !slot.failure);
    try {
      this.snapshots.save(
        dirty.map((slot) => ({
          name: slot.projection.name,
          version: slot.projection.version,
          checkpoint: slot.checkpoint,
          state: stateToJson(slot.state),
        })),
      );
    } catch (error) {
      this.noteSaveFailed(error as Error);
      return;
    }
    dirty.forEach((slot) => (slot.dirty = false));
    this.eventsSinceSave = 0;
    if (this.saveFailure) this.logger.log('read-model snapshots are saved again');
    this.saveFailure = undefined;
  }

  private noteSaveFailed(error: Error): void {
    this.saveFailure = `snapshots could not be saved (${error.message}); the read models serve from memory and a restart would refold the log since the last save`;
    this.logger.error(`${this.saveFailure}${this.stopping ? '' : `; retrying in ${SAVE_RETRY_MS} ms`}`);
    // Retried by the timer (or after as many events again), not on every event that follows.
    this.eventsSinceSave = 0;
    if (!this.stopping) this.saveTimer = setTimeout(() => this.save(), SAVE_RETRY_MS);
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

  /**
   * Rebuilds one read model from zero on fresh state while the live one keeps serving, then swaps it in.
   * The rebuild reads the log up to the live model's checkpoint, again and again while that moves on; the
   * swap happens in the same synchronous step that sees both at one position, so no event is applied twice
   * or missed and a reader sees the old model or the new one, never a mix. It holds a second copy of the state.
   */
  async rebuild(name: string, onProgress: (progress: RebuildProgress) => void = () => undefined): Promise<RebuildProgress> {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`projection ${name} is not registered`);
    // A stopped model's checkpoint stays before the event that broke it, which the live subscription has passed.
    if (slot.failure) throw new Error(`projection ${name} stopped (${slot.failure}); fix it and restart with a new version`);
    if (this.rebuilds.has(name)) throw new Error(`projection ${name} is already being rebuilt`);
    if (this.stopping) throw new Error('the projection runner stopped');
    const running = this.foldAndSwap(slot, onProgress).finally(() => this.rebuilds.delete(name));
    this.rebuilds.set(name, running);
    return running;
  }

  private async foldAndSwap(slot: Slot, onProgress: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const { projection } = slot;
    let state = projection.initialState();
    let position = -1;
    let events = 0;
    const filter = projection.filter ? { filter: projection.filter } : {};
    for (;;) {
      const target = slot.checkpoint;
      for await (const event of this.store.readAll({ ...filter, ...(position >= 0 && { after: position }) })) {
        if (event.position > target) break;
        if (this.stopping) throw new Error('the projection runner stopped');
        state = projection.evolve(state, event);
        position = event.position;
        if (++events % YIELD_EVERY_EVENTS === 0) {
          onProgress({ position, events });
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      // The filtered read has returned every matching event up to the target: the rest up to it are not this model's.
      position = Math.max(position, target);
      if (slot.failure) throw new Error(`projection ${projection.name} stopped while it was rebuilt: ${slot.failure}`);
      if (slot.checkpoint === target) break;
    }
    slot.state = state;
    slot.dirty = true;
    this.save();
    const done = { position, events };
    onProgress(done);
    this.logger.log(`projection ${projection.name}: rebuilt from zero (${events} events up to position ${position}) and swapped in`);
    return done;
  }

  state<State>(name: string): State {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`projection ${name} is not registered`);
    return slot.state as State;
  }

  status(): {
    running: boolean;
    position: number;
    saveFailure?: string;
    projections: { name: string; checkpoint: number; failure?: string }[];
  } {
    const projections = [...this.slots.values()].map((slot) => ({
      name: slot.projection.name,
      checkpoint: slot.checkpoint,
      ...(slot.failure && { failure: slot.failure }),
    }));
    return {
      running: this.subscription !== undefined && projections.every((p) => !p.failure),
      position: this.position,
      ...(this.saveFailure && { saveFailure: this.saveFailure }),
      projections,
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.starting;
    await Promise.allSettled(this.rebuilds.values());
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((waiter) => waiter.reject(new Error('the projection runner stopped')));
    await this.subscription?.close();
    await this.consuming;
    this.subscription = undefined;
    this.save();
  }
}
