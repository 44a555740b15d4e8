import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readArchive } from '../../src/archive/archive-format';
import { importArchive } from '../../src/archive/import-archive';
import { cliContext } from '../../src/cli/cli-session';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { runCli } from '../cli/run-cli';
import { EsdbTestServer } from '../esdb-server/esdb-test-server';
import { almaty2018 } from '../http/race-day-fixtures';
import { startTestApp } from '../http/test-app';
import { EDITION, seedRaceDay } from '../replay/replay-fixtures';
import { editionReadModels, loggedEvents } from './archive-fixtures';

const EXPORT = 'src/archive/export.cli.ts';
const IMPORT = 'src/archive/import.cli.ts';

describe('edition archives: export from the embedded store, import into another store', () => {
  let source: string;
  let file: string;
  let original: Record<string, string | undefined>;
  let originalEvents: Awaited<ReturnType<typeof loggedEvents>>;
  let exported: ReturnType<typeof runCli>;

  beforeAll(async () => {
    const t = await startTestApp();
    await t.http().post('/editions').set(t.as('organiser')).send({ ...almaty2018, editionId: 'astana-2018', city: 'Astana' }).expect(201);
    await seedRaceDay(t);
    await t.close();
    source = t.dataDir;
    file = join(source, `${EDITION}.jsonl`);
    const store = new SqliteEventStore(join(source, 'events.sqlite'));
    original = await editionReadModels(store, EDITION);
    originalEvents = (await loggedEvents(store)).filter((event) => (event.data as { editionId: string }).editionId === EDITION);
    await store.close();
    exported = runCli(EXPORT, ['--edition', EDITION, '--out', file], { DATA_DIR: source });
  });

  it('writes the edition\'s streams in log order with a manifest, and imports them twice into a fresh store with equal read models', async () => {
    expect(exported.stderr).toMatch(/exporting \[#+\] 100% \d+\/\d+ events/);
    expect(exported.stdout).toMatch(/^exported 60 events of 12 streams of edition almaty-2018 to /m);
    expect(exported.status).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(Object.keys(lines[0])).toEqual(['type', 'data', 'metadata', 'id', 'streamId', 'revision', 'recordedAt']);
    expect(lines.slice(0, -1).map(({ id, type, data, metadata, streamId, revision }) => ({ id, type, data, metadata, streamId, revision }))).toEqual(originalEvents);
    expect(lines.at(-1).manifest).toMatchObject({ format: 'race-archive/1', editionId: EDITION, events: 60, streams: 12, types: { FinishRecorded: 4, PrizeAwarded: 3 }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const target = mkdtempSync(join(tmpdir(), 'archive-import-'));
    const first = runCli(IMPORT, ['--file', file], { DATA_DIR: target });
    expect(first.stdout).toMatch(/imported edition almaty-2018: 60 of 60 events appended to 12 streams \(0 were already there\)/);
    expect(first.status).toBe(0);
    const again = runCli(IMPORT, ['--file', file], { DATA_DIR: target });
    expect(again.stdout).toMatch(/0 of 60 events appended to 12 streams \(60 were already there\)/);
    expect(again.status).toBe(0);

    const imported = new SqliteEventStore(join(target, 'events.sqlite'));
    expect(await imported.headPosition()).toBe(61);
    expect(await loggedEvents(imported, ['archive'])).toEqual(originalEvents);
    const [record] = await imported.readStream(`archive-${EDITION}`);
    expect(record).toMatchObject({ type: 'ArchiveImported', data: { editionId: EDITION, events: 60 }, metadata: { actor: { id: expect.stringMatching(/^cli:/) } } });
    expect(await editionReadModels(imported, EDITION)).toEqual(original);
    await imported.close();
  });

  it('imports into EventStoreDB (the migration path), twice, with read models equal to the originals', async () => {
    const server = new EsdbTestServer();
    await server.start();
    const esdb = new EsdbEventStore(server.connectionString);
    try {
      const archive = readArchive(readFileSync(file, 'utf8'));
      const context = cliContext('organiser', 'migration test');
      expect(await importArchive(esdb, archive, context)).toMatchObject({ appended: 60, alreadyPresent: 0, conflicts: [] });
      const head = await esdb.headPosition();
      expect(await importArchive(esdb, archive, context)).toMatchObject({ appended: 0, alreadyPresent: 60, conflicts: [] });
      expect(await esdb.headPosition()).toBe(head);
      expect(await loggedEvents(esdb, ['archive'])).toEqual(originalEvents);
      expect(await editionReadModels(esdb, EDITION)).toEqual(original);
    } finally {
      await esdb.close();
      await server.stop();
    }
  });

  it('refuses a changed or truncated archive and a store whose streams hold other events, writing nothing', async () => {
    const target = mkdtempSync(join(tmpdir(), 'archive-refused-'));
    const changed = join(target, 'changed.jsonl');
    writeFileSync(changed, readFileSync(file, 'utf8').replace('Krasilov', 'Krasilof'));
    const tampered = runCli(IMPORT, ['--file', changed], { DATA_DIR: target });
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toMatch(/the archive is not valid; nothing was imported:\n {2}- the event lines hash to [0-9a-f]{64} but the manifest says [0-9a-f]{64}: the file was changed or truncated after export/);
    const truncated = join(target, 'truncated.jsonl');
    writeFileSync(truncated, readFileSync(file, 'utf8').split('\n').slice(0, 10).join('\n'));
    expect(runCli(IMPORT, ['--file', truncated], { DATA_DIR: target }).stderr).toMatch(/the last line is not the archive manifest/);

    const t = await startTestApp({ dataDir: target });
    await t.http().post('/editions').set(t.as('organiser')).send(almaty2018).expect(201);
    await t.close();
    const conflict = runCli(IMPORT, ['--file', file], { DATA_DIR: target });
    expect(conflict.status).toBe(1);
    expect(conflict.stdout).toMatch(/^conflict: edition-almaty-2018: revision 0 is EditionPlanned [0-9a-f-]{36} in this store, EditionPlanned [0-9a-f-]{36} in the archive$/m);
    expect(conflict.stdout).toMatch(/nothing imported: 1 stream\(s\) of edition almaty-2018 hold other events in this store/);
    const store = new SqliteEventStore(join(target, 'events.sqlite'));
    expect(await store.headPosition()).toBe(1);
    await store.close();

    expect(runCli(EXPORT, ['--edition', 'nowhere-1999', '--out', join(target, 'x.jsonl')], { DATA_DIR: source }).stderr).toMatch(/edition nowhere-1999 has no events in this store/);
    expect(runCli(IMPORT, [], { DATA_DIR: target }).status).toBe(2);
  });
});
