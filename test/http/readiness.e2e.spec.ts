import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { planRaceDay } from './race-day-fixtures';
import { startTestApp } from './test-app';

const metadata = { actor: { id: 'organiser#test', role: 'organiser' as const }, correlationId: 'c', occurredAt: '2018-04-20T10:00:00.000Z', schemaVersion: 1 };

/**
 * Ready means right: after a start, until the read models have folded the log as it stood, the API says
 * so instead of answering from half of it.
 */
describe('readiness after a start', () => {
  it('answers 503 catching-up (with Retry-After) until the read models reach the head seen at start, then the truth', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ready-'));
    const first = await startTestApp({ dataDir });
    await planRaceDay(first);
    await first.close();
    // Written while no API runs (an archive import, the seed CLI): the read models have not folded these.
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    for (let batch = 0; batch < 40; batch++) {
      const events = Array.from({ length: 1000 }, (_, index) => ({
        id: randomUUID(),
        type: 'DonationReceived',
        data: { editionId: 'almaty-2018', donationId: `d-${batch}-${index}`, donor: 'someone', amountMinor: 100, currency: 'KZT' },
        metadata,
      }));
      await store.appendToStream(`charity-almaty-2018`, events);
    }
    const head = await store.headPosition();
    await store.close();

    const t = await startTestApp({ dataDir });
    try {
      const [health, edition, live] = await Promise.all([
        t.http().get('/health'),
        t.http().get('/editions/almaty-2018'),
        t.http().get('/health/live'),
      ]);
      expect(live.status).toBe(200);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'catching-up', head });
      expect(health.body.position).toBeLessThan(head);
      expect(edition.status).toBe(503);
      expect(edition.headers['retry-after']).toBe('2');
      expect(edition.body).toMatchObject({ statusCode: 503, status: 'catching-up', head });

      for (let tries = 0; tries < 100 && (await t.http().get('/health')).status !== 200; tries++) await new Promise((r) => setTimeout(r, 100));
      await t.http().get('/health').expect(200);
      await t.http().get('/editions/almaty-2018').expect(200);
    } finally {
      await t.close();
    }
  });
});
