// Every page under its real Content-Security-Policy in Chromium: each page of the sitemap, every
// kind of on-demand page (search, support and a ticket, status, 404, the console signed in), and
// what readers and staff do there (search with and without the server, theme, feedback, video,
// copy buttons, the support form). Any violation fails, so a script or style the policy does not
// list (a hash Astro did not compute, a new inline script) is caught here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useBrowser } from './browser';
import { addStaff, startServer, tempDatabase, type RunningServer } from './server';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let server: RunningServer;
const { browser } = useBrowser();
/** Violations Chromium logged to the console ("Refused to execute inline script…"). */
const logged: string[] = [];

beforeAll(async () => {
  database = await tempDatabase();
  addStaff(database.url, 'admin@alpenhost.example', 'admin', 'staple battery horse');
  addStaff(database.url, 'editor@alpenhost.example', 'editor', 'correct horse battery');
  server = await startServer({ DATABASE_URL: database.url });
  // A ticket for the console's queue and ticket page.
  const ticket = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bo', email: 'bo@example.org', product: 'email', subject: 'Mail bounces', description: 'Every message bounces since this morning.' }),
  });
  expect(ticket.status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
  database?.dispose();
});

/**
 * A browser context that records every CSP violation: a listener installed before any page script
 * runs, and Chromium's console messages. The reader's zone differs from the status page's, so the
 * local-times script has work to do; the video host is stood in for (no network here).
 */
async function watchedContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ timezoneId: 'America/New_York', permissions: ['clipboard-read', 'clipboard-write'] });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) on ${location.pathname}`);
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(`${message.text()} on ${message.page()?.url()}`);
  });
  await context.route('https://www.youtube-nocookie.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Player</title><p>Player stand-in</p>' }));
  return context;
}

/** Fails with every violation seen on the page so far and in the console. */
async function expectNoViolations(page: Page) {
  await page.waitForLoadState('load');
  const inPage = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect([...inPage, ...logged.splice(0)]).toEqual([]);
}

async function open(page: Page, path: string) {
  const response = await page.goto(`${server.url}${path}`);
  await expectNoViolations(page);
  return response;
}

describe('the public site under its Content-Security-Policy', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await watchedContext();
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('every page in the sitemap loads with no violation', async () => {
    const sitemap = await (await fetch(`${server.url}/sitemap.xml`)).text();
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    expect(paths.length).toBeGreaterThan(40);
    for (const path of paths) await open(page, path);
  });

  it('the theme toggle and the header search work on the home page', async () => {
    await open(page, '/');
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.getByRole('button', { name: /theme/ }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).not.toBe(before);
    await page.getByRole('banner').getByRole('searchbox').pressSequentially('renew domain', { delay: 20 });
    await page.locator('[data-suggestions] li a').first().waitFor();
    await expectNoViolations(page);
  });

  it('an article: a vote with a reason and comment, and copy buttons in a settings table', async () => {
    await open(page, '/articles/email/mail-client-settings/');
    const copy = page.getByRole('button', { name: /Copy Server/ }).first();
    await copy.click();
    await expect.poll(() => copy.textContent()).toBe('Copied');
    await page.getByRole('button', { name: 'No', exact: true }).click();
    await page.getByLabel('Hard to follow').check();
    await page.getByLabel('What were you looking for?').fill('The port for a hotel network.');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('We will use this to improve the article').waitFor();
    await expectNoViolations(page);
  });

  it('an article with highlighted code (Shiki colours each token with a style attribute)', async () => {
    await open(page, '/articles/web-hosting/import-csv-into-mysql/');
    expect(await page.locator('pre.astro-code span[style]').count()).toBeGreaterThan(10);
  });

  it('a video article plays its video in a frame once the reader presses play', async () => {
    await open(page, '/articles/email/mailbox-setup-video/');
    await page.getByRole('button', { name: /Play video/ }).click();
    await page.frameLocator('iframe').getByText('Player stand-in').waitFor();
    await expectNoViolations(page);
  });

  it('the search page, answered by the server and then by Pagefind in the page (WebAssembly)', async () => {
    await open(page, '/search/?q=domain');
    await page.locator('.hit').first().waitFor();
    const input = page.locator('#q');
    await input.fill('mailbox password');
    await expect.poll(() => page.locator('[data-summary]').textContent()).toMatch(/for “mailbox password”/);
    await page.route('**/api/search?*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"search_unavailable"}' }));
    const pagefind = page.waitForRequest(/\/pagefind\/pagefind\.js/);
    await input.fill('invoice');
    await pagefind;
    await expect.poll(() => page.locator('[data-summary]').textContent()).toMatch(/for “invoice”/);
    await page.unroute('**/api/search?*');
    await expectNoViolations(page);
  });

  it('the support form suggests articles, sends a ticket and shows its page', async () => {
    await open(page, '/support/');
    await page.getByLabel('Subject').fill('outgoing mail port');
    await page.locator('[data-suggestion-list] a').first().waitFor();
    await page.getByLabel('Your name').fill('Ana Muster');
    await page.getByLabel('Email').fill('ana@example.com');
    await page.locator('#product').selectOption('email');
    await page.getByLabel(/What happened/).fill('Outlook says the server refused the connection.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/support\/tickets\/T-[0-9A-Z-]+\/$/);
    await expectNoViolations(page);
  });

  it('the status page and its permalinks, with the reader’s own times filled in', async () => {
    await open(page, '/status/');
    expect(await page.locator('.local-time').first().textContent()).toMatch(/your time/);
    for (const path of ['/status/history/', '/status/incidents/2026-10-07-dns-timeouts/', '/status/maintenance/2026-12-08-mail-storage/']) {
      await open(page, path);
    }
  });

  it('the 404 page', async () => {
    const response = await open(page, '/no-such-page/');
    expect(response?.status()).toBe(404);
    await page.getByRole('main').getByRole('searchbox').fill('domain');
    await expectNoViolations(page);
  });
});

describe('the console under its Content-Security-Policy', () => {
  async function signIn(page: Page, email: string, password: string) {
    await open(page, '/console/login/');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: /Sign in/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/console/login'));
    await expectNoViolations(page);
  }

  it('an admin signs in and opens every section, a ticket and the theme toggle', async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    await signIn(page, 'admin@alpenhost.example', 'staple battery horse');
    await open(page, '/console/');
    await page.getByRole('link', { name: /^T-/ }).first().click();
    await page.waitForURL(/\/console\/tickets\//);
    await expectNoViolations(page);
    for (const path of ['/console/helpfulness/', '/console/search/']) await open(page, path);
    await page.getByRole('button', { name: /theme/ }).click();
    await expectNoViolations(page);
    await context.close();
  });

  it('an editor is shown the page for a section their role cannot open', async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    await signIn(page, 'editor@alpenhost.example', 'correct horse battery');
    const response = await open(page, '/console/tickets/T-0000-0000-0000-0000/');
    expect(response?.status()).toBe(403);
    await context.close();
  });
});
