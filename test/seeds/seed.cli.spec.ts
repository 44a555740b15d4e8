import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli';

describe('npm run seed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'race-seed-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads both editions scaled down with progress and a summary, then loads nothing the second time', () => {
    const env = { DATA_DIR: dataDir, SEED_SCALE: '0.02' };
    const first = runCli('src/seeds/seed.cli.ts', [], env);
    expect(first.stderr).toMatch(/almaty-2018 timing reads \[#+\] 100% \d+\/\d+ reads \d+ reads\/s/);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/almaty-2017 {2}6th Almaty Marathon, 2017-04-23 \(Asia\/Almaty\): loaded/);
    expect(first.stdout).toMatch(/almaty-2018 {2}7th Almaty Marathon, 2018-04-22 \(Asia\/Almaty\): loaded/);
    expect(first.stdout).toMatch(/from 39 countries \(KAZ and 38 others\)/);
    expect(first.stdout).toMatch(/\d+ accepted \| \d+ duplicate \| 0 unmatched \| 0 flagged \| 0 rejected/);
    expect(first.stdout).toMatch(/ekiden {6}8 teams \(6 from the article: podium and media teams; 2 synthetic\), 8 registered now/);
    expect(first.stdout).toMatch(/prizes {6}marathon, 10k certified: 12 awards, [\d,]+ KZT \| 2 synthetic payments, 800,000 KZT paid/);
    expect(first.stdout).toMatch(/charity {5}([\d,]+) KZT raised: entry fees [\d,]+ KZT \(\d+ entries\) \+ 3 synthetic donations 1,450,000 KZT\n {14}\1 KZT allocated to childrens-charity/);
    expect(first.stdout).toMatch(/curl localhost:3000\/editions\/almaty-2018\/ekiden\/standings/);
    expect(first.stdout).toMatch(/curl localhost:3000\/editions\/almaty-2018\/races\/marathon\/records/);

    const second = runCli('src/seeds/seed.cli.ts', [], env);
    expect(second.status).toBe(0);
    expect(second.stdout.match(/already loaded with this seed and scale; nothing written/g)).toHaveLength(2);

    const otherScale = runCli('src/seeds/seed.cli.ts', ['--scale', '0.03'], env);
    expect(otherScale.status).toBe(1);
    expect(otherScale.stderr).toMatch(/almaty-2017 already exists and was not loaded by this seed at this scale/);
  });

  it('refuses a scale outside (0, 1] as a usage error', () => {
    const result = runCli('src/seeds/seed.cli.ts', ['--scale', '2'], { DATA_DIR: dataDir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--scale \/ SEED_SCALE must be above 0 and at most 1, not 2/);
  });
});
