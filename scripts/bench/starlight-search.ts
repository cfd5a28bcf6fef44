// `node scripts/bench/starlight-search.ts --dist <dir> --page <path> [--json out.json]`: the
// search half of the Starlight comparison. Serves a Starlight build (as a static host would:
// brotli for text, Pagefind's own gzip files as they are), opens an article in Chromium with an
// empty cache, opens the search dialog and types the same two queries as bench:search, and
// reports bytes fetched and milliseconds from the first keystroke to results on screen.
// Called by `npm run bench` after each Starlight build; prints figures, asserts nothing.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { kb, median, watchRequests, type Fetched } from './lib/network.ts';
import { serveStatic } from './lib/static-host.ts';

const { values } = parseArgs({ options: { dist: { type: 'string' }, page: { type: 'string' }, json: { type: 'string' }, runs: { type: 'string', default: '3' } } });
if (!values.dist || !values.page) {
  console.error('Usage: node scripts/bench/starlight-search.ts --dist <starlight dist> --page </category/slug/> [--json <file>] [--runs 3]');
  process.exit(1);
}
const dist = path.resolve(values.dist);
if (!fs.existsSync(path.join(dist, 'pagefind'))) {
  console.error(`No Pagefind bundle in ${dist}; build the Starlight project first (scripts/bench/starlight.ts).`);
  process.exit(1);
}
const queries = ['outgoing mail port', 'renew domain'];
const runs = Number(values.runs);

const server = await serveStatic(dist);
const base = server.url;

interface Search { query: string; ms: number; bytes: number; requests: number; results: number; files: Fetched[] }

async function run(page: Page): Promise<Search[]> {
  let counting = false;
  const { log, quiet } = watchRequests(page, () => counting);

  const response = await page.goto(base + values.page, { waitUntil: 'networkidle' });
  if (!response?.ok()) throw new Error(`${values.page} answered ${response?.status() ?? 'nothing'}`);
  // Everything from here on is caused by searching: the dialog, Pagefind and its files.
  counting = true;
  await page.locator('site-search button[data-open-modal]').click();
  const input = page.locator('.pagefind-ui__search-input');
  await input.waitFor();
  const results: Search[] = [];
  for (const query of queries) {
    const before = log.length;
    await input.selectText().catch(() => {});
    await page.evaluate((q) => {
      const w = window as unknown as { bench: { firstKey: number; shown: number; expect: string } };
      w.bench = { firstKey: 0, shown: 0, expect: q };
      const field = document.querySelector<HTMLInputElement>('.pagefind-ui__search-input')!;
      field.addEventListener('keydown', () => { w.bench.firstKey ||= performance.now(); });
      // Results are on screen when the message names this query and result links are listed.
      const check = () => {
        const message = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
        if (!w.bench.shown && message.includes(w.bench.expect) && document.querySelector('.pagefind-ui__result-link')) w.bench.shown = performance.now();
      };
      new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, query);
    await page.keyboard.type(query);
    await page.waitForFunction(() => (window as unknown as { bench: { shown: number } }).bench.shown > 0, null, { timeout: 30_000 });
    await quiet();
    const t = await page.evaluate(() => (window as unknown as { bench: { firstKey: number; shown: number } }).bench);
    const fetched = log.slice(before);
    results.push({
      query,
      ms: Math.round(t.shown - t.firstKey),
      bytes: fetched.reduce((n, f) => n + f.bytes, 0),
      requests: fetched.length,
      results: await page.locator('.pagefind-ui__result').count(),
      files: fetched,
    });
  }
  return results;
}


const browser = await launchBrowser();
const samples: Search[][] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(); // an empty cache: a reader's first visit
    samples.push(await run(await context.newPage()));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const summary = queries.map((query, q) => {
  const all = samples.map((s) => s[q]);
  return { query, ms: median(all.map((s) => s.ms)), bytes: median(all.map((s) => s.bytes)), requests: median(all.map((s) => s.requests)), results: all[0].results, files: all[0].files };
});
for (const [i, s] of summary.entries()) {
  console.log(`Starlight search, ${i === 0 ? 'first' : 'later'} query “${s.query}”: ${s.ms} ms, ${kb(s.bytes)} in ${s.requests} requests, ${s.results} results shown`);
}
if (values.json) {
  fs.writeFileSync(values.json, `${JSON.stringify({ page: values.page, runs, queries: summary }, null, 2)}\n`);
  console.log(`Written to ${values.json}.`);
}
