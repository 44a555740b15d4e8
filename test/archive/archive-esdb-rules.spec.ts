import { randomUUID } from 'node:crypto';
import { Archive, ArchivedEvent } from '../../src/archive/archive-format';
import { archiveStream, importArchive } from '../../src/archive/import-archive';
import { cliContext } from '../../src/cli/cli-session';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { esdbSizeOnDisk } from '../../src/event-store/esdb/esdb-limits';
import { EsdbTestServer } from '../esdb-server/esdb-test-server';

/** Archive import against EventStoreDB's own rules, as the wire-level test server models them. */
const EDITION = 'rules-2018';

const archiveOf = (streams: Record<string, number>, payloadBytes = 300): Archive => {
  const events: ArchivedEvent[] = [];
  for (const [streamId, count] of Object.entries(streams)) {
    for (let revision = 0; revision < count; revision++) {
      events.push({
        type: 'EditionPlanned',
        data: { editionId: EDITION, filler: 'z'.repeat(payloadBytes) },
        metadata: { actor: { id: 'export', role: 'organiser' }, correlationId: 'c', occurredAt: '2018-04-22T00:00:00.000Z', schemaVersion: 1 },
        id: randomUUID(),
        streamId,
        revision,
        recordedAt: '2018-04-22T00:00:00.000Z',
      });
    }
  }
  const manifest = { format: 'race-archive/1', editionId: EDITION, exportedAt: '2018-05-01T00:00:00.000Z', events: events.length, streams: Object.keys(streams).length, types: { EditionPlanned: events.length }, sha256: 'ab'.repeat(32) };
  return { manifest, events };
};

describe('archive import into EventStoreDB under the server\'s rules', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  const context = cliContext('organiser', 'rules test');
  afterEach(async () => {
    await store.close();
    if (server.isRunning) await server.stop();
  });

  it('MaxAppendSize: a run of one stream longer than one append goes as chained appends at exact revisions', async () => {
    const archive = archiveOf({ [`entry-${EDITION}-1`]: 40, [`entry-${EDITION}-2`]: 3 });
    const eventSize = esdbSizeOnDisk(archive.events[0]!);
    server = new EsdbTestServer({ maxAppendSize: eventSize * 6 });
    await server.start();
    store = new EsdbEventStore(server.connectionString);
    const appends: number[] = [];
    const report = await importArchive(store, archive, context, (done) => appends.push(done), { maxAppendSize: eventSize * 6 });
    expect(report).toMatchObject({ appended: 43, alreadyPresent: 0, conflicts: [] });
    expect(appends).toEqual([6, 12, 18, 24, 30, 36, 40, 43]);
    expect((await store.readStream(`entry-${EDITION}-1`)).map((e) => e.id)).toEqual(archive.events.slice(0, 40).map((e) => e.id));
  });

  it('a run over the default 1 MiB is split with the default limit, counted as the server counts it', async () => {
    const archive = archiveOf({ [`entry-${EDITION}-big`]: 30 }, 60_000);
    server = new EsdbTestServer();
    await server.start();
    store = new EsdbEventStore(server.connectionString);
    expect(await importArchive(store, archive, context)).toMatchObject({ appended: 30, conflicts: [] });
    expect(await store.readStream(`entry-${EDITION}-big`)).toHaveLength(30);
  });

  it('`any` forgets after a node restart: importing twice across a restart still changes nothing (exact revisions only)', async () => {
    const archive = archiveOf({ [`entry-${EDITION}-1`]: 5, [`charity-${EDITION}`]: 2 });
    server = new EsdbTestServer();
    await server.start();
    store = new EsdbEventStore(server.connectionString);
    expect(await importArchive(store, archive, context)).toMatchObject({ appended: 7 });
    const head = await store.headPosition();
    await store.close();
    server.kill();
    await server.start(); // the committed-events cache is empty now
    store = new EsdbEventStore(server.connectionString);
    expect(await importArchive(store, archive, context)).toMatchObject({ appended: 0, alreadyPresent: 7, conflicts: [] });
    expect(await store.headPosition()).toBe(head);
    expect(await store.readStream(archiveStream(EDITION))).toHaveLength(1);
  });

  it('an import interrupted after some appends resumes at the exact revision it stopped at', async () => {
    const archive = archiveOf({ [`entry-${EDITION}-1`]: 10 });
    server = new EsdbTestServer();
    await server.start();
    store = new EsdbEventStore(server.connectionString);
    const firstFour = archive.events.slice(0, 4).map(({ id, type, data, metadata }) => ({ id, type, data, metadata }));
    await store.appendToStream(`entry-${EDITION}-1`, firstFour, { expectedRevision: 'no_stream' });
    expect(await importArchive(store, archive, context)).toMatchObject({ appended: 6, alreadyPresent: 4, conflicts: [] });
    expect((await store.readStream(`entry-${EDITION}-1`)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
