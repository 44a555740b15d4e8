import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../decider/domain-errors';
import { ProjectionRunner } from '../projections/projection-runner';
import { EDITIONS_PROJECTION, EditionsState, EditionView } from './editions.projection';

export class GetEditionQuery extends Query<EditionView> {
  constructor(readonly editionId: string) {
    super();
  }
}

export class ListEditionsQuery extends Query<EditionView[]> {}

@QueryHandler(GetEditionQuery)
export class GetEditionHandler implements IQueryHandler<GetEditionQuery, EditionView> {
  constructor(private readonly runner: ProjectionRunner) {}

  async execute({ editionId }: GetEditionQuery): Promise<EditionView> {
    const edition = this.runner.state<EditionsState>(EDITIONS_PROJECTION)[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    return edition;
  }
}

@QueryHandler(ListEditionsQuery)
export class ListEditionsHandler implements IQueryHandler<ListEditionsQuery, EditionView[]> {
  constructor(private readonly runner: ProjectionRunner) {}

  async execute(): Promise<EditionView[]> {
    return Object.values(this.runner.state<EditionsState>(EDITIONS_PROJECTION)).sort((a, b) => a.date.localeCompare(b.date));
  }
}
