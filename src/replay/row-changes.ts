import { Row } from './model-views';

export interface RowChange {
  key: string;
  change: 'added' | 'removed' | 'changed';
  /** The fields whose values differ (every field of an added or removed row). */
  fields: string[];
  before: Row | null;
  after: Row | null;
}

/** What changed between two moments, in the order of the later view (place order for results), then what left it. */
export const rowChanges = (before: Map<string, Row>, after: Map<string, Row>): RowChange[] => {
  const changes: RowChange[] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    const fields = Object.keys(now).filter((field) => !then || then[field] !== now[field]);
    if (!then) changes.push({ key, change: 'added', fields, before: null, after: now });
    else if (fields.length > 0) changes.push({ key, change: 'changed', fields, before: then, after: now });
  }
  for (const [key, then] of before) {
    if (!after.has(key)) changes.push({ key, change: 'removed', fields: Object.keys(then), before: then, after: null });
  }
  return changes;
};
