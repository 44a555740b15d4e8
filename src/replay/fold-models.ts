import { EventStore, matchesFilter } from '../event-store/event-store';
import { foldLog } from '../projections/fold-log';
import { Projection } from '../projections/projection';

export interface FoldTarget {
  projection: Projection<unknown>;
  /** Fold only events at or before this position (a live snapshot's checkpoint); omitted: the whole log. */
  upTo?: number;
}

export interface FoldedModel {
  projection: Projection<unknown>;
  state: unknown;
  /** Last log position this model has seen (every event counts, folded or filtered out). */
  checkpoint: number;
  events: number;
  /** The fold threw: the model's code cannot replay this log. */
  failure?: string;
}

/**
 * Folds several read models from zero in one pass over the log (foldLog with a projection of projections),
 * each up to its own position: reading a season's log once instead of once per model. A model whose evolve
 * throws is stopped and reported; the others go on.
 */
export const foldModels = async (
  store: EventStore,
  targets: FoldTarget[],
  onEvent: (position: number) => void = () => undefined,
): Promise<FoldedModel[]> => {
  const models: FoldedModel[] = targets.map(({ projection }) => ({ projection, state: projection.initialState(), checkpoint: -1, events: 0 }));
  const bounds = targets.map((target) => target.upTo);
  const upTo = bounds.every((bound) => bound !== undefined) ? Math.max(-1, ...(bounds as number[])) : undefined;
  const all: Projection<FoldedModel[]> = {
    name: 'replay',
    version: 1,
    initialState: () => models,
    evolve: (folded, event) => {
      folded.forEach((model, index) => {
        const bound = bounds[index];
        if (model.failure || (bound !== undefined && event.position > bound)) return;
        try {
          if (matchesFilter(event, model.projection.filter)) {
            model.state = model.projection.evolve(model.state, event);
            model.events++;
          }
          model.checkpoint = event.position;
        } catch (error) {
          model.failure = `event ${event.type} at position ${event.position}: ${(error as Error).message}`;
        }
      });
      return folded;
    },
  };
  await foldLog(store, all, { ...(upTo !== undefined && { upTo }), onEvent });
  return models;
};
