import { AddressInfo } from 'node:net';
import { Page } from 'playwright-core';
import { startTestApp, TestApp } from '../http/test-app';
import { Browser, describeInBrowser, launchBrowser, screenshots, seriousViolations } from './browser';
import { at, buildSiteRaceDay, E, TEN_K } from './site-fixtures';

/** The site in Debian's Chromium, as a reader at the finish area uses it. */
describeInBrowser('public results site in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    await buildSiteRaceDay(t);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (path: string) => {
    const response = await page.goto(`${base}${path}`);
    return response!;
  };
  const bibsOnPage = () => page.locator('tr[data-bib]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-bib')));

  // Functions run in the page reach its globals through globalThis: the tests compile without the DOM's types,
  // and a string predicate would need eval, which the site's CSP forbids.
  it('searches a runner by name and opens their page', async () => {
    await open(`/site/${E}/races/10k`);
    await page.getByLabel('Name or bib').fill('Family13');
    await Promise.all([page.waitForURL(/q=Family13/), page.getByRole('button', { name: 'Show' }).click()]);
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('tr[data-bib]').length === 1);
    expect(await bibsOnPage()).toEqual(['13']);
    await Promise.all([page.waitForURL(/\/runners\/13$/), page.getByRole('link', { name: 'Runner13 Family13' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Runner13 Family13');
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('finished');
  });

  it('pages through the results', async () => {
    await open(`/site/${E}/races/10k`);
    expect(await bibsOnPage()).toHaveLength(50);
    await Promise.all([page.waitForURL(/page=2/), page.getByRole('link', { name: 'Next page' }).click()]);
    expect(await bibsOnPage()).toHaveLength(TEN_K.notStarted);
    expect(await page.locator('.pager [aria-current="page"]').textContent()).toBe('Page 2 of 2');
    await Promise.all([page.waitForURL((url) => !url.search.includes('page=')), page.getByRole('link', { name: 'Previous page' }).click()]);
    expect(await bibsOnPage()).toHaveLength(50);
  });

  it('shows a read sent over the API on an open live page within 2 s, without moving the scroll position', async () => {
    await page.setViewportSize({ width: 1280, height: 500 });
    const feed = page.waitForResponse((response) => response.url().includes('/live'));
    await open(`/site/${E}/races/10k`);
    await feed;
    expect(await page.locator('#live-toggle').isChecked()).toBe(true);
    const row = page.locator('tr[data-bib="45"]');
    expect(await row.locator('[data-col="gunTime"]').textContent()).toBe('–');
    await row.scrollIntoViewIfNeeded();
    const scrollBefore = await page.evaluate<number>('window.scrollY');
    expect(scrollBefore).toBeGreaterThan(0);

    const sent = Date.now();
    await t
      .http()
      .post(`/editions/${E}/timing/reads`)
      .set(t.as('timing'))
      .send({ reads: [{ readId: 'live-45-fin', bib: '45', pointId: 'finish', time: at(66) }] })
      .expect(200);
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('tr[data-bib="45"] [data-col="gunTime"]')?.textContent === '1:06:00',
      undefined,
      { timeout: 2000 },
    );
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(await row.locator('[data-col="status"]').textContent()).toBe('Finished');
    expect(await page.evaluate<number>('window.scrollY')).toBe(scrollBefore);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('opens a finisher certificate from the runner page', async () => {
    await open(`/site/${E}/runners/2`);
    const link = page.getByRole('link', { name: 'Finisher certificate (PDF)' });
    const target = await link.getAttribute('href');
    expect(target).toBe(`/site/${E}/runners/2/certificate.pdf`);
    // Headless Chromium downloads a PDF rather than showing it: fetch it with the page's cookies instead.
    const pdf = await page.request.get(`${base}${target}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('has no serious or critical axe-core violations on any page type, and screenshots each at phone and desktop width', async () => {
    const pages: [string, string][] = [
      ['home', '/'],
      ['edition', `/site/${E}`],
      ['results', `/site/${E}/races/10k`],
      ['runner-finished', `/site/${E}/runners/2`],
      ['runner-on-course', `/site/${E}/runners/102`],
      ['ekiden', `/site/${E}/ekiden`],
      ['records', `/site/${E}/records`],
      ['charity', `/site/${E}/charity`],
      ['not-found', `/site/${E}/runners/999`],
    ];
    const found: Record<string, unknown> = {};
    for (const [name, path] of pages) {
      await open(path);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[name] = violations;
      await screenshots(page, name);
    }
    expect(found).toEqual({});
  });

  it('switches language, and remembers it on the next page', async () => {
    await open(`/site/${E}`);
    await Promise.all([page.waitForURL(/lang=kk/), page.getByRole('link', { name: 'Қазақша' }).click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    expect(await page.locator('h2').first().textContent()).toBe('Қашықтықтар');
    await Promise.all([page.waitForURL(/races\/10k$/), page.locator('a[href="/site/almaty-2018/races/10k"]').first().click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    expect(await page.locator('h1').textContent()).toBe('Нәтижелер: 10 km');
    await Promise.all([page.waitForURL(/lang=ru/), page.getByRole('link', { name: 'Русский' }).click()]);
    expect(await page.locator('th', { hasText: 'Место' }).count()).toBe(1);
    await open(`/site/${E}?lang=en`);
  });
});
