/**
 * Read-model states as text for their snapshots: plain JSON, except that a Map (how a read model keys
 * by what users send: chips, donation ids, companies) keeps its entries. Keys are data, never object
 * properties, so `__proto__` or `constructor` as a chip is just a chip.
 */
const MAP_TAG = '$map';

export const stateToJson = (state: unknown): string =>
  JSON.stringify(state, (_, value: unknown) => (value instanceof Map ? { [MAP_TAG]: [...value.entries()] } : value));

export const stateFromJson = <State>(text: string): State =>
  JSON.parse(text, (_, value: unknown) =>
    value !== null && typeof value === 'object' && Object.keys(value).length === 1 && Array.isArray((value as Record<string, unknown>)[MAP_TAG])
      ? new Map((value as Record<string, [unknown, unknown][]>)[MAP_TAG])
      : value,
  ) as State;
