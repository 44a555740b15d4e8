import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { planRaceDay, register, runner } from '../http/race-day-fixtures';
import { startTestApp, TestApp } from '../http/test-app';

/**
 * A real full disk: the data directory is a 2 MB tmpfs, filled by a file until ENOSPC. Mounting needs root
 * (as in CI); anywhere else the suite is skipped, and says so.
 */
const mountPoint = mkdtempSync(join(tmpdir(), 'disk-full-'));

const mountSmallDisk = (): string | undefined => {
  if (process.getuid?.() !== 0) return 'not running as root';
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  return mounted.status === 0 ? undefined : `mount -t tmpfs failed: ${mounted.stderr.trim() || mounted.error?.message}`;
};

const notMounted = mountSmallDisk();
if (notMounted) {
  console.warn(`SKIPPED disk-full tests: ${notMounted}; they need root to mount a small tmpfs`);
  rmdirSync(mountPoint);
}

const filler = join(mountPoint, 'filler');

/** Big writes first, then smaller ones, so that even the last few kilobytes are taken. */
const fillDisk = () => {
  for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
    try {
      for (;;) writeFileSync(filler, Buffer.alloc(size), { flag: 'a' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
  }
};

const waitForHealth = async (t: TestApp, until: (response: request.Response) => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await t.http().get('/health');
    if (until(response) || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

(notMounted ? describe.skip : describe)('a full disk under DATA_DIR', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dataDir: mountPoint });
    await planRaceDay(t);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(filler, { force: true });
    spawnSync('umount', [mountPoint]);
    rmdirSync(mountPoint);
  });

  it('refuses writes with 503, keeps serving reads, says so on /health, survives the failed snapshot save, and writes again once space is freed', async () => {
    // Folded just before the disk fills, this write leaves a background snapshot save due in a second.
    await register(t, runner('1')).expect(201);
    const edition = (await t.http().get('/editions/almaty-2018').expect(200)).body;
    fillDisk();

    const refused = await register(t, runner('2'));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.body).toMatchObject({
      statusCode: 503,
      error: 'StoreUnavailableError',
      reason: 'disk-full',
      message: expect.stringMatching(/events\.sqlite cannot be written: the disk is full \(SQLITE_FULL/),
    });

    expect((await t.http().get('/editions/almaty-2018').expect(200)).body).toEqual(edition);
    await t.http().get('/editions/almaty-2018/entries/1').expect(200);
    await t.http().get('/editions/almaty-2018/entries/2').expect(404);

    const degraded = await waitForHealth(t, (response) => response.body.projections?.saveFailure !== undefined, 5000);
    expect(degraded.status).toBe(503);
    expect(degraded.body).toMatchObject({
      status: 'unavailable',
      store: { status: 'unwritable', reason: 'disk-full', error: expect.stringContaining('events.sqlite') },
      projections: { saveFailure: expect.stringMatching(/snapshots could not be saved \(database or disk is full\)/) },
    });

    rmSync(filler);
    await register(t, runner('2')).expect(201);
    await t.http().get('/editions/almaty-2018/entries/2').expect(200);
    const recovered = await waitForHealth(t, (response) => response.status === 200, 10_000);
    expect(recovered.body).toMatchObject({ status: 'ok', store: { status: 'ok' } });
    expect(recovered.body.projections.saveFailure).toBeUndefined();
  });
});
