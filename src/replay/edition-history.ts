import { Injectable } from '@nestjs/common';
import { NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { EDITIONS_PROJECTION, EditionsState, EditionView } from '../editions/editions.projection';
import { SettledFolds } from '../projections/settled-folds';
import { ProjectionRunner } from '../projections/projection-runner';
import { AsOf } from '../results/results-reader';
import { HistoryModel, ModelHistory, modelHistories } from './model-views';
import { RowChange, rowChanges } from './row-changes';

export interface ViewAsOf {
  editionId: string;
  model: HistoryModel;
  asOf: AsOf;
  /** The last log position folded: the moment as the log resolves it. */
  position: number;
  view: unknown;
}

export interface ViewDiff {
  editionId: string;
  model: HistoryModel;
  from: { asOf: AsOf; position: number };
  to: { asOf: AsOf; position: number };
  summary: Record<RowChange['change'], number>;
  changes: RowChange[];
}

/**
 * An edition's read models as they stood at a moment of the log, and what changed between two moments:
 * each model folded from zero up to the moment (a prefix of the log), then shown by its feature's own
 * query function. The edition is looked up as it stands now, so a moment before it was planned shows an
 * empty view rather than a 404.
 */
@Injectable()
export class EditionHistory {
  constructor(
    private readonly folds: SettledFolds,
    private readonly runner: ProjectionRunner,
  ) {}

  async asOf(editionId: string, model: HistoryModel, asOf: AsOf, raceId?: string): Promise<ViewAsOf> {
    const { history, edition } = this.scope(editionId, model, raceId);
    const { position, view } = await this.viewAt(history, edition, asOf, raceId);
    return { editionId, model, asOf, position, view };
  }

  async diff(editionId: string, model: HistoryModel, from: AsOf, to: AsOf, raceId?: string): Promise<ViewDiff> {
    const { history, edition } = this.scope(editionId, model, raceId);
    const [fromKey, toKey] = [momentKey(from), momentKey(to)];
    if (typeof fromKey === typeof toKey && fromKey > toKey) throw new RuleViolationError('from must not be later than to');
    const before = await this.viewAt(history, edition, from, raceId);
    const after = await this.viewAt(history, edition, to, raceId);
    const changes = rowChanges(history.rows(before.view), history.rows(after.view));
    const summary = { added: 0, removed: 0, changed: 0 };
    changes.forEach((change) => summary[change.change]++);
    return { editionId, model, from: { asOf: from, position: before.position }, to: { asOf: to, position: after.position }, summary, changes };
  }

  private scope(editionId: string, model: HistoryModel, raceId?: string): { history: ModelHistory; edition: EditionView } {
    const edition = this.runner.state<EditionsState>(EDITIONS_PROJECTION)[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    const history = modelHistories[model];
    if (raceId !== undefined) {
      if (!history.byRace) throw new RuleViolationError(`raceId does not apply to the ${model} model: it covers the whole edition`);
      if (!edition.races.some((race) => race.raceId === raceId)) throw new NotFoundError(`race ${raceId} does not exist in edition ${editionId}`);
    }
    return { history, edition };
  }

  private async viewAt(history: ModelHistory, edition: EditionView, asOf: AsOf, raceId?: string) {
    const { state, checkpoint } = await this.folds.fold(history.projection, asOf);
    return { position: checkpoint, view: history.view(state, edition, raceId) };
  }
}

const momentKey = (asOf: AsOf): number | string => ('position' in asOf ? asOf.position : asOf.instant);
