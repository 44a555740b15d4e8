import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEventCatalog } from './event-catalog';

// `npm run docs:events`: rewrite docs/events.md from the catalog (a test checks it never drifts).
const target = join(__dirname, '..', '..', 'docs', 'events.md');
writeFileSync(target, renderEventCatalog());
process.stdout.write(`wrote ${target}\n`);
