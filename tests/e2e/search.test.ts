// Searching: the header box suggests articles as you type, the search page opens from a shared
// link, filters narrow results, and Pagefind is not downloaded until search is used.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';

const base = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => browser?.close());

describe('search', () => {
  it('loads nothing of the search library until the reader focuses the search box', async () => {
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${base}/articles/domains-dns/renew-a-domain/`);
    await page.waitForLoadState('networkidle');
    expect(fetched.filter((p) => p.startsWith('/pagefind/'))).toEqual([]);
    await page.getByRole('searchbox', { name: 'Search the help center' }).focus();
    await page.waitForResponse((r) => r.url().includes('/pagefind/pagefind.js'));
    page.removeAllListeners('request');
  });

  it('keeps the first search small: brotli-encoded Pagefind files and index chunks of a few KB', async () => {
    const p = await browser.newPage();
    const responses: { path: string; encoding: string | undefined; bytes: number }[] = [];
    p.on('requestfinished', async (request) => {
      const path = new URL(request.url()).pathname;
      if (!path.startsWith('/pagefind/')) return;
      const response = await request.response();
      const sizes = await request.sizes();
      responses.push({ path, encoding: response?.headers()['content-encoding'], bytes: sizes.responseBodySize });
    });
    await p.goto(`${base}/articles/domains-dns/renew-a-domain/`);
    await p.getByRole('searchbox', { name: 'Search the help center' }).fill('outgoing mail port');
    await p.locator('[data-suggestions] li a').first().waitFor();
    await p.waitForLoadState('networkidle');
    await p.close();
    const wasm = responses.find((r) => r.path.endsWith('.pagefind'))!;
    expect(wasm.encoding).toBe('br');
    // Pagefind's own gzip of its WebAssembly is about 59 KB; the brotli copy of it about 51 KB.
    expect(wasm.bytes).toBeLessThan(54 * 1024);
    const chunks = responses.filter((r) => r.path.endsWith('.pf_index'));
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    // At Pagefind's default chunk size these are 25–30 KB each; at 5,000 positions, under 12 KB.
    for (const chunk of chunks) expect(chunk.bytes, chunk.path).toBeLessThan(12 * 1024);
    // A client without brotli gets Pagefind's own gzip file, which its script decodes itself.
    const plain = await fetch(`${base}${wasm.path}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect([...new Uint8Array(await plain.arrayBuffer()).slice(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('suggests articles under the header box as the reader types, and opens one from the keyboard', async () => {
    await page.goto(`${base}/articles/`);
    const box = page.getByRole('searchbox', { name: 'Search the help center' });
    await box.fill('redemption');
    const suggestion = page.locator('[data-suggestions] li a').first();
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toMatch(/expired|redemption|restore/i);
    await box.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/articles\/domains-dns\//);
  });

  it('submitting the header form opens the search page with the query in the address', async () => {
    await page.goto(`${base}/`);
    const box = page.getByRole('banner').getByRole('searchbox');
    await box.fill('smtp port');
    await box.press('Enter');
    await page.waitForURL(`${base}/search/?q=smtp+port`);
    await page.locator('.hit').first().waitFor();
    expect(await page.locator('[data-summary]').textContent()).toMatch(/\d+ articles? for “smtp port”/);
  });

  it('opens results from a shared link, with matching sections listed under each article', async () => {
    await page.goto(`${base}/search/?q=outgoing%20mail%20port`);
    await page.locator('.hit').first().waitFor();
    expect(await page.locator('#q').inputValue()).toBe('outgoing mail port');
    const titles = await page.locator('.hit-title').allTextContents();
    expect(titles.slice(0, 3).join('|')).toMatch(/server settings|SMTP port/i);
    const sub = page.locator('.subs a').first();
    expect(await sub.getAttribute('href')).toMatch(/#[a-z0-9-]+$/);
  });

  it('narrows results by topic and by kind, and keeps the filters in the address', async () => {
    await page.goto(`${base}/search/?q=password`);
    await page.locator('.hit').first().waitFor();
    const all = await page.locator('.hit').count();
    await page.getByLabel('Topic').selectOption('Email setup');
    await page.waitForURL(/category=Email\+setup/);
    await page.waitForFunction((n) => document.querySelectorAll('.hit').length < n, all);
    const metas = await page.locator('.hit-meta').allTextContents();
    expect(metas.every((m) => m.includes('Email setup'))).toBe(true);
    await page.getByLabel('Kind').selectOption('Tutorial');
    await page.waitForURL(/type=Tutorial/);
    await page.waitForFunction(() => [...document.querySelectorAll('.hit-meta')].every((m) => m.textContent!.includes('Tutorial')));
  });

  it('says so, and offers a way on, when nothing matches', async () => {
    await page.goto(`${base}/search/?q=quokka`);
    await page.getByRole('heading', { name: 'Nothing matched' }).waitFor();
    expect(await page.getByRole('link', { name: 'ask our support team' }).getAttribute('href')).toBe('/support/');
  });

  it('shows a query containing markup as text, never as HTML', async () => {
    const payload = '<img src=x onerror=alert(1)> domain';
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs++; return d.dismiss(); });
    await page.goto(`${base}/search/?q=${encodeURIComponent(payload)}`);
    await page.waitForFunction(() => /for “/.test(document.querySelector('[data-summary]')?.textContent ?? ''));
    expect(await page.locator('[data-summary]').textContent()).toContain(payload);
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toBe(0);
    page.removeAllListeners('dialog');
  });
});
