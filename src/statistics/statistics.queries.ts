import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../decider/domain-errors';
import { EKIDEN_PROJECTION, EkidenState } from '../ekiden/ekiden.projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { RESULTS_PROJECTION, ResultsState } from '../results/results.projection';
import { EditionStatistics, statisticsOf } from './statistics';

export class GetStatisticsQuery extends Query<EditionStatistics> {
  constructor(readonly editionId: string) {
    super();
  }
}

@QueryHandler(GetStatisticsQuery)
export class GetStatisticsHandler implements IQueryHandler<GetStatisticsQuery, EditionStatistics> {
  constructor(private readonly runner: ProjectionRunner) {}

  async execute({ editionId }: GetStatisticsQuery): Promise<EditionStatistics> {
    const edition = this.runner.state<ResultsState>(RESULTS_PROJECTION)[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    return statisticsOf(edition, this.runner.state<EkidenState>(EKIDEN_PROJECTION)[editionId]);
  }
}
