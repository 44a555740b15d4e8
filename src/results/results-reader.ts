import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../decider/domain-errors';
import { LogMoment, SettledFolds } from '../projections/settled-folds';
import { ProjectionRunner } from '../projections/projection-runner';
import { EditionResults, RaceResults, RESULTS_PROJECTION, resultsProjection, ResultsState } from './results.projection';
import { PerformanceMemo, rankRace, Standings } from './standings';

export type AsOf = LogMoment;

/**
 * The results read model and the standings derived from it. Standings are computed on the first read of
 * a race and kept until the race changes (its `changes` count moves on), so paging through a 10 km
 * of 8,000 finishers ranks once, not per page; re-ranking after a read recomputes only that runner.
 */
@Injectable()
export class ResultsReader {
  /** Keyed by the race object itself: a state rebuilt "as of" a moment caches apart and is collected with it. */
  private readonly cache = new WeakMap<RaceResults, { changes: number; standings: Standings }>();
  private readonly performances: PerformanceMemo = new WeakMap();

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly folds: SettledFolds,
  ) {}

  current(): ResultsState {
    return this.runner.state<ResultsState>(RESULTS_PROJECTION);
  }

  async state(asOf?: AsOf): Promise<ResultsState> {
    if (!asOf) return this.current();
    return (await this.folds.fold(resultsProjection, asOf)).state;
  }

  edition(state: ResultsState, editionId: string): EditionResults {
    const edition = state[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    return edition;
  }

  race(state: ResultsState, editionId: string, raceId: string): RaceResults {
    const race = this.edition(state, editionId).races[raceId];
    if (!race) throw new NotFoundError(`race ${raceId} does not exist in edition ${editionId}`);
    return race;
  }

  standings(race: RaceResults): Standings {
    const cached = this.cache.get(race);
    if (cached?.changes === race.changes) return cached.standings;
    const standings = rankRace(race, this.performances);
    this.cache.set(race, { changes: race.changes, standings });
    return standings;
  }
}
