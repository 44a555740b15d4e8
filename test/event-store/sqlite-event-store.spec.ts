import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { eventStoreContract } from './event-store.contract';

describe('SqliteEventStore honours the event-store contract', () => {
  eventStoreContract(async () => new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'store-')), 'events.sqlite')));
});
