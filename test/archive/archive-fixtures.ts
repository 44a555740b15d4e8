import { EventStore } from '../../src/event-store/event-store';
import { foldLog } from '../../src/projections/fold-log';
import { readModels } from '../../src/projections/read-models';
import { stateToJson } from '../../src/projections/state-json';

/** One edition's part of every read model, as JSON, folded from zero over a store's log. */
export const editionReadModels = async (store: EventStore, editionId: string): Promise<Record<string, string | undefined>> => {
  const models: Record<string, string | undefined> = {};
  for (const projection of readModels) {
    const { state } = await foldLog(store, projection);
    models[projection.name] = stateToJson((state as Record<string, unknown>)[editionId]);
  }
  return models;
};

/** The events of a store outside the given stream categories, as an archive line holds them. */
export const loggedEvents = async (store: EventStore, exceptCategories: string[] = []) => {
  const events = [];
  for await (const { id, type, data, metadata, streamId, revision } of store.readAll()) {
    if (!exceptCategories.some((category) => streamId.startsWith(`${category}-`))) events.push({ id, type, data, metadata, streamId, revision });
  }
  return events;
};
