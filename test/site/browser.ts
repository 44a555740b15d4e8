import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium, installed by .ci/run with apt-get where it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Written by the tests, never committed (.gitignore). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'site-screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export const hasChromium = existsSync(CHROMIUM);

/** `describe`, or when Chromium is missing a skipped one that says so loudly: never a silent skip. */
export const describeInBrowser = (name: string, body: () => void): void => {
  if (hasChromium) {
    describe(name, body);
    return;
  }
  console.warn(
    `\n!!! BROWSER TESTS SKIPPED: ${CHROMIUM} is missing. Install it with ` +
      '`apt-get update && apt-get install -y --no-install-recommends chromium` (.ci/run does). !!!\n',
  );
  describe.skip(`${name} (SKIPPED: no ${CHROMIUM})`, body);
};

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Chromium on a fresh profile (user-data-dir), removed again on close. */
export const launchBrowser = async (): Promise<Browser> => {
  const profile = mkdtempSync(join(tmpdir(), 'site-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'en-GB',
    viewport: DESKTOP,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** The page at phone and at desktop width, as PNGs named after its page type. */
export const screenshots = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [label, size] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
};

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical violations on the page as it stands (injected over CDP, so the CSP stays on). */
export const seriousViolations = async (page: Page): Promise<{ id: string; impact: string | null; help: string; targets: unknown[] }[]> => {
  const source = (require('axe-core') as { source: string }).source;
  await page.evaluate(source);
  // A string, run in the page: the tests are compiled without the DOM's types.
  const violations = await page.evaluate<AxeViolation[]>("axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)");
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target) }));
};
