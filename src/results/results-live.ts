import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { filter, Observable, Subscriber } from 'rxjs';
import { EventStore, RecordedEvent } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { isOfEdition, liveMessagesOf, SSE_HEARTBEAT, sseFrameOf, streamPrefixesOfEdition } from './live-feed';
import { ResultsReader } from './results-reader';

/** How the feed paces itself; tests shorten these, nothing else changes them. */
export const liveFeedTiming = {
  /** Proxies and load balancers drop a connection that stays silent for about a minute. */
  heartbeatMs: 15_000,
  /**
   * Reads that arrive together (a mat reconnecting sends hundreds at once) are answered from one ranking
   * of the race instead of one per read; a short wait is the price of a live feed that keeps up.
   */
  batchMs: 250,
};

/**
 * The SSE frames of a race's live feed: a message per change to one of its runners or to the race, then
 * heartbeats between them. With `after`, every message after that log position comes first.
 */
export class WatchRaceQuery extends Query<Observable<string>> {
  constructor(
    readonly editionId: string,
    readonly raceId: string,
    readonly after?: number,
  ) {
    super();
  }
}

@QueryHandler(WatchRaceQuery)
export class WatchRaceHandler implements IQueryHandler<WatchRaceQuery, Observable<string>> {
  constructor(
    private readonly reader: ResultsReader,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(query: WatchRaceQuery): Promise<Observable<string>> {
    // An unknown race is a 404 now, before the event stream opens.
    this.reader.race(this.reader.current(), query.editionId, query.raceId);
    return new Observable<string>((subscriber) => this.follow(query, subscriber));
  }

  /**
   * Live events are taken from the moment of subscribing, and `seam` is what the read models had folded
   * then: the log gives everything up to it, the live feed everything after it, so a resumed client sees
   * no gap and no repeat. Live events wait while the past is replayed, then go out in bursts.
   */
  private follow({ editionId, raceId, after }: WatchRaceQuery, subscriber: Subscriber<string>): () => void {
    const { heartbeatMs, batchMs } = liveFeedTiming;
    const seam = Math.max(this.runner.status().position, after ?? -1);
    let pending: RecordedEvent[] = [];
    let replaying = after !== undefined;
    let burst: NodeJS.Timeout | undefined;

    const flush = () => {
      burst = undefined;
      const events = pending;
      pending = [];
      this.send(editionId, raceId, events, subscriber);
    };
    const ofEdition = isOfEdition(editionId);
    const live = this.runner.events$.pipe(filter((event) => event.position > seam && ofEdition(event))).subscribe((event) => {
      pending.push(event);
      if (!replaying) burst ??= setTimeout(flush, batchMs);
    });
    const heartbeat = setInterval(() => subscriber.next(SSE_HEARTBEAT), heartbeatMs);
    if (after !== undefined) {
      this.history(editionId, after, seam, subscriber).then(
        (past) => {
          this.send(editionId, raceId, past, subscriber);
          replaying = false;
          flush();
        },
        (error: Error) => subscriber.error(error),
      );
    }
    return () => {
      live.unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(burst);
    };
  }

  private async history(editionId: string, after: number, seam: number, subscriber: Subscriber<string>): Promise<RecordedEvent[]> {
    const past: RecordedEvent[] = [];
    for await (const event of this.store.readAll({ after, filter: { streamPrefixes: streamPrefixesOfEdition(editionId) } })) {
      if (event.position > seam || subscriber.closed) break;
      past.push(event);
    }
    return past;
  }

  /** Rows are read after the models folded the events, and the race is ranked once for the whole burst. */
  private send(editionId: string, raceId: string, events: RecordedEvent[], subscriber: Subscriber<string>): void {
    if (events.length === 0 || subscriber.closed) return;
    try {
      const race = this.reader.race(this.reader.current(), editionId, raceId);
      for (const message of liveMessagesOf(race, this.reader.standings(race), events)) subscriber.next(sseFrameOf(message));
    } catch (error) {
      // A burst goes out from a timer: an error thrown there would end the process, not this feed.
      subscriber.error(error);
    }
  }
}
