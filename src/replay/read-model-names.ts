import { RuleViolationError } from '../decider/domain-errors';
import { Projection } from '../projections/projection';
import { readModels } from '../projections/read-models';

export const READ_MODEL_NAMES = readModels.map((projection) => projection.name);

export class UnknownReadModelError extends RuleViolationError {
  constructor(names: string[]) {
    super(`unknown read model${names.length > 1 ? 's' : ''} ${names.join(', ')}; the read models are ${READ_MODEL_NAMES.join(', ')}`);
  }
}

/** The named read models (each once, in the runner's order), or every one when none is named. */
export const selectReadModels = (names: string[]): Projection<unknown>[] => {
  const unknown = names.filter((name) => !READ_MODEL_NAMES.includes(name));
  if (unknown.length > 0) throw new UnknownReadModelError(unknown);
  return names.length === 0 ? readModels : readModels.filter((projection) => names.includes(projection.name));
};
