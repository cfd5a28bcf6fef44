// What the query planner shows a customer and the team: "Showing results for … — search instead
// for …" on the search page (with and without JavaScript) and in the header box, the / key, and
// the search-gaps console listing what was corrected, for searches made without JavaScript too.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser';
import { addStaff, startServer, tempDatabase, type RunningServer } from './server';

const base = inject('baseUrl');
const { browser, page } = useBrowser();

const hitTitles = (p: Page) => p.locator('.hit-title').allTextContents();

describe('search page corrections', () => {
  it('without JavaScript, corrects a typo, keeps the typed words in the address and offers them exactly', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${base}/search/?q=${encodeURIComponent('dns recrod')}`);
    await expect.poll(() => p.locator('[data-planned]').textContent()).toBe('Showing results for dns record — search instead for dns recrod');
    expect((await hitTitles(p))[0]).toBe('What do the different DNS record types mean?');
    expect(new URL(p.url()).searchParams.get('q')).toBe('dns recrod');
    expect(await p.getByRole('searchbox', { name: 'Search terms' }).inputValue()).toBe('dns recrod');

    // The exact words: "recrod" is in no article, so what is found holds "dns" only, uncorrected.
    await p.getByRole('link', { name: 'search instead for dns recrod' }).click();
    await p.waitForURL(/exact=1/);
    await p.locator('.hit').first().waitFor();
    expect(new URL(p.url()).searchParams.get('exact')).toBe('1');
    await expect.poll(() => p.locator('[data-planned]').isVisible()).toBe(false);
    await context.close();
  });

  it('with JavaScript, says what it searched as the reader types, and forgets "exact" when they type again', async () => {
    await page.goto(`${base}/search/?q=pasword&exact=1`);
    await page.getByRole('heading', { name: 'Nothing matched' }).waitFor();
    const box = page.getByRole('searchbox', { name: 'Search terms' });
    await box.fill('vps firwall');
    await expect.poll(() => page.locator('[data-planned]').textContent()).toBe('Showing results for vps firewall — search instead for vps firwall');
    expect((await hitTitles(page))[0]).toBe('How do I open or close ports on my VPS firewall?');
    expect(new URL(page.url()).search).toBe('?q=vps+firwall');
  });

  it('answers a whole question whose words are not all in the article', async () => {
    await page.goto(`${base}/search/?q=${encodeURIComponent('how can I make my site load over https')}`);
    await page.locator('.hit').first().waitFor();
    expect((await hitTitles(page))[0]).toBe('How do I install a free SSL certificate on my website?');
  });
});

describe('header box', () => {
  it('shows the correction above the suggestions, and counts "1 result" in the singular', async () => {
    await page.goto(`${base}/articles/`);
    const box = page.getByRole('searchbox', { name: 'Search the help center' }).first();
    await box.fill('filezila');
    const panel = page.locator('[data-suggestions]').first();
    await expect.poll(() => panel.locator('[data-correction]').textContent()).toBe('Showing results for filezilla — search instead for filezila');
    expect(await panel.locator('li a .t').allTextContents()).toEqual(['How do I upload my website with FTP or SFTP?']);
    expect(await panel.locator('[data-status]').textContent()).toBe('1 result');
  });

  it('gets the focus from the / key, but not while the reader types in a field', async () => {
    await page.goto(`${base}/support/`);
    const box = page.getByRole('searchbox', { name: 'Search the help center' }).first();
    await page.locator('body').press('/');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box.inputValue()).toBe('');

    const field = page.getByRole('textbox').filter({ hasNot: page.locator('[type=search]') }).first();
    await field.fill('');
    await field.press('/');
    expect(await field.inputValue()).toBe('/');
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(false);
  });
});

describe('search gaps', () => {
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let server: RunningServer;
  beforeAll(async () => {
    database = await tempDatabase();
    addStaff(database.url, 'agent@alpenhost.example', 'agent', 'correct horse battery');
    server = await startServer({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    database?.dispose();
  });

  it('lists what the search corrected or relaxed, for searches made without JavaScript and reported by the browser', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${server.url}/search/?q=pasword`);
    await p.locator('.hit').first().waitFor();
    await context.close();
    const reported = await fetch(`${server.url}/api/search-events`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ event: 'search', query: 'Firwall  ports', results: 5 }),
    });
    expect(reported.status).toBe(204);

    const staff = await browser.newContext();
    const s = await staff.newPage();
    await s.goto(`${server.url}/console/search/`);
    await s.waitForURL(/\/console\/login\//);
    await s.getByLabel('Email').fill('agent@alpenhost.example');
    await s.getByLabel('Password').fill('correct horse battery');
    await s.getByRole('button', { name: /Sign in/ }).click();
    await s.waitForURL(`${server.url}/console/search/`);
    const planned = s.locator('section', { has: s.getByRole('heading', { name: 'Searches the search corrected or relaxed' }) });
    await expect.poll(() => planned.locator('li').allInnerTexts()).toEqual(expect.arrayContaining([
      expect.stringMatching(/^pasword · searched as “password” · 1 search\b/),
      expect.stringMatching(/^firwall ports · searched as “firewall ports”/),
    ]));
    await staff.close();
  });
});
