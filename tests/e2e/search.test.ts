// Searching: the header box suggests articles as you type (answered by the server, or by
// Pagefind in the page when the server cannot), the search page opens from a shared link and
// works without JavaScript, and filters narrow results.
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { startServer, tempDatabase } from './server';

const base = inject('baseUrl');
const { browser, page } = useBrowser();

describe('search', () => {
  it('answers the header box from the server: a few KB of JSON, nothing of Pagefind downloaded', async () => {
    const p = await browser.newPage();
    const fetched: Array<{ path: string; bytes: number }> = [];
    p.on('requestfinished', async (request) => {
      const sizes = await request.sizes();
      fetched.push({ path: new URL(request.url()).pathname, bytes: sizes.responseBodySize + sizes.responseHeadersSize });
    });
    await p.goto(`${base}/articles/domains-dns/renew-a-domain/`);
    await p.waitForLoadState('networkidle');
    const before = fetched.length;
    await p.getByRole('searchbox', { name: 'Search the help center' }).pressSequentially('outgoing mail port', { delay: 20 });
    await p.locator('[data-suggestions] li a').first().waitFor();
    // Suggestions for a prefix ("outgoing mail p") may show first; wait for those of the whole query.
    await expect.poll(() => p.locator('[data-suggestions] li a .t').allTextContents(), { timeout: 10_000 }).toContain('Which server settings do I use for my email app?');
    await p.waitForLoadState('networkidle');
    await p.close();
    const search = fetched.slice(before);
    expect(search.filter((f) => f.path.startsWith('/pagefind/'))).toEqual([]);
    const answers = search.filter((f) => f.path === '/api/search');
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(search.reduce((n, f) => n + f.bytes, 0)).toBeLessThan(20 * 1024);
  });

  it('falls back to Pagefind in the page when the server cannot answer, with the same ranking', async () => {
    const p = await browser.newPage();
    await p.route('**/api/search?*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"search_unavailable"}' }));
    const responses: { path: string; encoding: string | undefined; bytes: number }[] = [];
    p.on('requestfinished', async (request) => {
      const path = new URL(request.url()).pathname;
      if (!path.startsWith('/pagefind/')) return;
      const response = await request.response();
      const sizes = await request.sizes();
      responses.push({ path, encoding: response?.headers()['content-encoding'], bytes: sizes.responseBodySize });
    });
    await p.goto(`${base}/articles/domains-dns/renew-a-domain/`);
    const box = p.getByRole('searchbox', { name: 'Search the help center' });
    const server = await (await fetch(`${base}/api/search?q=${encodeURIComponent('outgoing mail port')}&limit=6`)).json() as { hits: Array<{ title: string }> };
    await box.fill('outgoing mail port');
    await p.locator('[data-suggestions] li a').first().waitFor();
    await p.waitForLoadState('networkidle');
    expect(await p.locator('[data-suggestions] li a .t').allTextContents()).toEqual(server.hits.map((h) => h.title));
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

  it('searches without JavaScript: the search page answers in the server, filters included', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${base}/`);
    await p.getByRole('banner').getByRole('searchbox').fill('password');
    await p.getByRole('banner').getByRole('searchbox').press('Enter');
    await p.waitForURL(/\/search\/\?q=password/);
    expect(await p.locator('[data-summary]').textContent()).toMatch(/^\d+ articles? for “password”$/);
    const all = await p.locator('.hit').count();
    expect(all).toBeGreaterThan(1);
    await p.getByLabel('Topic').selectOption('Email setup');
    await p.locator('[data-search-page]').getByRole('button', { name: 'Search' }).click();
    await p.waitForURL(/category=Email\+setup/);
    const metas = await p.locator('.hit-meta').allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    expect(metas.length).toBeLessThan(all);
    expect(metas.every((m) => m.includes('Email setup'))).toBe(true);
    expect(await p.getByLabel('Topic').inputValue()).toBe('Email setup');
    // Result pages are for readers, not for search engines.
    expect(await p.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    await context.close();
  });

  it('refuses malformed search requests with field errors', async () => {
    const bad = await fetch(`${base}/api/search?q=&limit=500&sort=date`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toEqual({ q: ['is required'], limit: ['must be at most 50'], sort: ['is not a known field'] });
    const twice = await fetch(`${base}/api/search?q=a&q=b`);
    expect(twice.status).toBe(400);
    expect((await twice.json()).fields).toEqual({ q: ['may be given only once'] });
    const long = await fetch(`${base}/api/search?q=${'a'.repeat(201)}`);
    expect((await long.json()).fields).toEqual({ q: ['must be at most 200 characters'] });
  });

  it('limits searches per address with 429, and the search page then searches in the browser', async () => {
    const db = await tempDatabase();
    const strict = await startServer({ DATABASE_URL: db.url, SEARCH_RATE_LIMIT: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${strict.url}/api/search?q=domain${i}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await fetch(`${strict.url}/api/search?q=domain`);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const p = await browser.newPage();
      await p.goto(`${strict.url}/search/?q=renew%20domain`);
      await p.locator('.hit').first().waitFor();
      expect(await p.locator('.hit-title').first().textContent()).toBe('How do I renew a domain before it expires?');
      await p.close();
    } finally {
      await strict.stop();
      db.dispose();
    }
  });

  it('answers /api/search outside Astro exactly as through it: status, headers and body', async () => {
    // /api/search?… is answered by the search endpoint the server calls directly (once loaded,
    // src/server/search-endpoint.ts); /api/search/?… is the same route reached through Astro.
    const ask = async (target: string, encoding: string) => {
      const response = await fetch(`${base}${target}`, { headers: { 'accept-encoding': encoding } });
      const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
      return { status: response.status, headers, body: await response.text() };
    };
    // How the length is sent may differ (Astro streams some answers in chunks).
    const framing = ({ 'content-length': _length, 'transfer-encoding': _chunked, ...rest }: Record<string, string>) => rest;
    const cases: Array<[string, string]> = [
      ['q=outgoing+mail+port&limit=6', 'br'],
      ['q=outgoing+mail+port&limit=6', 'gzip'],
      ['q=outgoing+mail+port&limit=6', 'identity'],
      ['q=zzqx', 'br'], // a few bytes: sent as they are
      ['q=&limit=500', 'br'],
      ['q=a&q=b', 'br'],
    ];
    await ask('/api/search?q=warm', 'br'); // loads the search code, should no search have yet
    const statuses = [];
    for (const [query, encoding] of cases) {
      const astro = await ask(`/api/search/?${query}`, encoding);
      const direct = await ask(`/api/search?${query}`, encoding);
      expect({ ...direct, headers: framing(direct.headers) }, `${query} ${encoding}`).toEqual({ ...astro, headers: framing(astro.headers) });
      // The endpoint always names the length; Astro streamed the brotli answer.
      expect(direct.headers['content-length'], `${query} ${encoding}`).toBeDefined();
      if (statuses.length === 0) expect(astro.headers['content-length']).toBeUndefined();
      statuses.push(direct.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 400, 400]);
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
