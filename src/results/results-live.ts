import { MessageEvent } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { bufferTime, concatMap, filter, Observable } from 'rxjs';
import { RecordedEvent } from '../event-store/event-store';
import { ProjectionRunner } from '../projections/projection-runner';
import { ResultsReader } from './results-reader';

/**
 * Reads that arrive together (a mat reconnecting sends hundreds at once) are answered from one ranking
 * of the race instead of one per read; a short wait is the price of a live feed that keeps up.
 */
const LIVE_BATCH_MS = 250;

interface CrossingData {
  editionId: string;
  raceId: string;
  bib: string;
}

const isCrossingOf =
  (editionId: string, raceId: string) =>
  (event: RecordedEvent): event is RecordedEvent<CrossingData> => {
    if (event.type !== 'SplitRecorded' && event.type !== 'FinishRecorded') return false;
    const data = event.data as CrossingData;
    return data.editionId === editionId && data.raceId === raceId;
  };

/** A message per split or finish of the race once results have folded it: the runner's row as it now stands. */
export class WatchRaceQuery extends Query<Observable<MessageEvent>> {
  constructor(
    readonly editionId: string,
    readonly raceId: string,
  ) {
    super();
  }
}

@QueryHandler(WatchRaceQuery)
export class WatchRaceHandler implements IQueryHandler<WatchRaceQuery, Observable<MessageEvent>> {
  constructor(
    private readonly reader: ResultsReader,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ editionId, raceId }: WatchRaceQuery): Promise<Observable<MessageEvent>> {
    // An unknown race is a 404 now, before the event stream opens.
    this.reader.race(this.reader.current(), editionId, raceId);
    return this.runner.events$.pipe(
      filter(isCrossingOf(editionId, raceId)),
      bufferTime(LIVE_BATCH_MS),
      filter((batch) => batch.length > 0),
      concatMap((batch) => {
        const standings = this.reader.standings(this.reader.race(this.reader.current(), editionId, raceId));
        return batch.flatMap((event): MessageEvent[] => {
          const row = standings.byBib.get(event.data.bib);
          return row ? [{ id: String(event.position), data: row }] : [];
        });
      }),
    );
  }
}
