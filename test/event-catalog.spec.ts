import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventCatalog, renderEventCatalog } from '../src/events/event-catalog';

describe('the event catalog', () => {
  it('docs/events.md is exactly what the catalog renders (run `npm run docs:events` after changing an event)', () => {
    expect(readFileSync(join(__dirname, '..', 'docs', 'events.md'), 'utf8')).toBe(renderEventCatalog());
  });

  it('names each event type once, in the past tense', () => {
    const types = eventCatalog.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    types.forEach((type) => expect(type).toMatch(/^[A-Z][A-Za-z]+(ed|Paid|Made|Set|Run)$/));
  });
});
