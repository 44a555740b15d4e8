import { stateToJson } from '../projections/state-json';
import { EventStore } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { Snapshot, SnapshotStore } from '../projections/snapshot-store';
import { firstDifference } from './first-difference';
import { FoldedModel, foldModels } from './fold-models';

export interface ModelOutcome {
  name: string;
  ok: boolean;
  detail: string;
}

const eventCount = (count: number) => `${count} event${count === 1 ? '' : 's'}`;

const mismatch = (snapshot: Snapshot | undefined, projection: Projection<unknown>): string | undefined => {
  if (!snapshot) return 'no live snapshot to compare with (has the API run on this DATA_DIR?)';
  if (snapshot.version !== projection.version) {
    return `the live snapshot is v${snapshot.version} but the code folds v${projection.version}: the API rebuilds it at its next start`;
  }
  return undefined;
};

const compared = (model: FoldedModel, snapshot: Snapshot): ModelOutcome => {
  const { name, version } = model.projection;
  if (model.failure) return { name, ok: false, detail: `cannot be replayed: ${model.failure}` };
  if (model.checkpoint !== snapshot.checkpoint) {
    const detail = `the live snapshot has folded up to position ${snapshot.checkpoint}, which this log does not reach (it ends at ${model.checkpoint}): is this the store the API used?`;
    return { name, ok: false, detail };
  }
  const where = firstDifference(stateToJson(model.state), snapshot.state);
  return where === undefined
    ? { name, ok: true, detail: `matches the live read model (v${version}, ${eventCount(model.events)} folded up to position ${snapshot.checkpoint})` }
    : { name, ok: false, detail: `DIFFERS from the live read model at position ${snapshot.checkpoint}: first difference at ${where}` };
};

/**
 * Rebuilds each model from zero up to the checkpoint of its live snapshot and compares the two as JSON,
 * byte for byte: the same log must always fold to the same read model.
 */
export const verifyModels = async (
  store: EventStore,
  snapshots: SnapshotStore,
  projections: Projection<unknown>[],
  onEvent?: (position: number) => void,
): Promise<ModelOutcome[]> => {
  const live = new Map(projections.map((projection) => [projection.name, snapshots.load(projection.name)]));
  const comparable = projections.filter((projection) => mismatch(live.get(projection.name), projection) === undefined);
  const folded = await foldModels(store, comparable.map((projection) => ({ projection, upTo: live.get(projection.name)!.checkpoint })), onEvent);
  return projections.map((projection) => {
    const model = folded.find((candidate) => candidate.projection === projection);
    return model
      ? compared(model, live.get(projection.name)!)
      : { name: projection.name, ok: false, detail: mismatch(live.get(projection.name), projection)! };
  });
};

/**
 * Rebuilds each model from zero over the whole log and, only if every one replays, writes all their
 * snapshots in one transaction: a reader of the file never sees half a rebuild.
 */
export const rebuildModels = async (
  store: EventStore,
  snapshots: SnapshotStore,
  projections: Projection<unknown>[],
  onEvent?: (position: number) => void,
): Promise<ModelOutcome[]> => {
  const folded = await foldModels(store, projections.map((projection) => ({ projection })), onEvent);
  const failed = folded.some((model) => model.failure);
  if (!failed) {
    snapshots.save(
      folded.map(({ projection, checkpoint, state }) => ({ name: projection.name, version: projection.version, checkpoint, state: stateToJson(state) })),
    );
  }
  return folded.map(({ projection, checkpoint, events, failure }) => ({
    name: projection.name,
    ok: !failure,
    detail: failure
      ? `cannot be replayed: ${failure}`
      : failed
        ? `rebuilt (v${projection.version}, ${eventCount(events)}) but not written: another model cannot be replayed`
        : `rebuilt v${projection.version} from ${eventCount(events)} up to position ${checkpoint} and written`,
  }));
};
