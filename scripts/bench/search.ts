// `npm run bench:search`: what the header search costs a reader on an article page of the built
// site: ms from the first keystroke until suggestions show, and bytes fetched for it, for a first
// query and a later, different one in the same page. Measured twice: as readers get it (the
// server answers /api/search), and as the fallback (the server refuses, so Pagefind loads into
// the page). Checks the first search against its transfer budget; asserts no timing.
// Options: --dist <dir> (a build made inside the project, default dist), --label <name> (corpus
// label, default "<n> pages indexed"), --article <path>, --runs N (default 3, median kept),
// --json <file>.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { indexedBuild } from './lib/indexed-build.ts';
import { kb, median, watchRequests, type Fetched } from './lib/network.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    label: { type: 'string' },
    article: { type: 'string' },
    runs: { type: 'string', default: '3' },
    json: { type: 'string' },
  },
});
const command = ['npm run bench:search', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
const queries = ['outgoing mail port', 'renew domain'] as const;
// 150 KB on the wire keeps a first search to a fraction of a second on a slow mobile link. In
// the browser, Pagefind's script, wasm, metadata, index chunks and fragments all count.
const budgetBytes = 150 * 1024;
const runs = Number(values.runs);

const fail = (message: string): never => { console.error(message); process.exit(1); };
if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a whole number of at least 1 (got "${values.runs}").`);
const { dist, pageCount } = indexedBuild(values.dist!);
const label = values.label ?? `${pageCount.toLocaleString('en')} pages indexed`;

// The sample corpus's article; a synthetic corpus has other slugs, so fall back to its first article.
function pickArticle(): string {
  if (values.article) return values.article;
  const preferred = '/articles/email/mail-client-settings/';
  if (fs.existsSync(path.join(dist, 'client', preferred, 'index.html'))) return preferred;
  const articles = path.join(dist, 'client/articles');
  for (const category of fs.readdirSync(articles).sort()) {
    const dir = path.join(articles, category);
    if (!fs.statSync(dir).isDirectory()) continue;
    const slug = fs.readdirSync(dir).sort().find((s) => s !== 'page' && fs.existsSync(path.join(dir, s, 'index.html')));
    if (slug) return `/articles/${category}/${slug}/`;
  }
  return fail(`No article page under ${articles}.`);
}
const article = pickArticle();

interface Search { query: string; ms: number; msAfterLastKey: number; suggestions: number; bytes: number; requests: number; files: Fetched[] }

async function search(page: Page, query: string, log: Fetched[], quiet: () => Promise<void>): Promise<Search> {
  const box = page.getByRole('banner').getByRole('searchbox');
  const before = log.length;
  // Select the previous query so the first keystroke replaces it; the clock starts after that.
  await box.selectText();
  await box.evaluate((input, expect) => {
    (window as unknown as { bench: object }).bench = { firstKey: 0, lastKey: 0, shown: 0, expect };
  }, `/search/?q=${encodeURIComponent(query)}`);
  await page.keyboard.type(query);
  await page.waitForFunction(() => (window as unknown as { bench: { shown: number } }).bench.shown > 0, null, { timeout: 30_000 })
    .catch(() => { throw new Error(`Suggestions for "${query}" did not appear within 30 s on ${article}.`); });
  await quiet();
  const t = await page.evaluate(() => (window as unknown as { bench: { firstKey: number; lastKey: number; shown: number } }).bench);
  const files = log.slice(before);
  return {
    query,
    ms: t.shown - t.firstKey,
    msAfterLastKey: t.shown - t.lastKey,
    suggestions: await page.getByRole('banner').locator('[data-list] li a').count(),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    requests: files.length,
    files,
  };
}

const modes = ['server', 'browser'] as const;
type Mode = (typeof modes)[number];
const modeLabel: Record<Mode, string> = { server: 'server (/api/search)', browser: 'browser (fallback)' };

async function run(browser: Browser, base: string, mode: Mode): Promise<Search[]> {
  const context = await browser.newContext(); // an empty cache: a reader's first visit
  const page = await context.newPage();
  if (mode === 'browser') await page.route('**/api/search?*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"search_unavailable"}' }));
  // Later fetches (fragments of lower results) belong to the query that caused them.
  const { log, quiet } = watchRequests(page, (pathname) => pathname.startsWith('/pagefind/') || pathname === '/api/search');

  const response = await page.goto(base + article, { waitUntil: 'networkidle' });
  if (!response?.ok()) throw new Error(`${article} answered ${response?.status() ?? 'nothing'}; pass --article <path> of an article in this build.`);
  if (log.length) throw new Error(`${article} fetched ${log.map((f) => f.path).join(', ')} before any interaction; the measurement assumes search costs nothing until used.`);
  const box = page.getByRole('banner').getByRole('searchbox');
  await box.evaluate((input: HTMLInputElement) => {
    const form = input.form!;
    const panel = form.querySelector<HTMLElement>('[data-suggestions]')!;
    const all = form.querySelector<HTMLAnchorElement>('[data-all]')!;
    const bench = () => (window as unknown as { bench: { firstKey: number; lastKey: number; shown: number; expect: string } }).bench;
    input.addEventListener('keydown', () => { const b = bench(); const now = performance.now(); b.firstKey ||= now; b.lastKey = now; });
    // "Shown" is the moment the panel holds this query's suggestions (the script sets the
    // "see all" link for the query in the same task that unhides the panel).
    new MutationObserver(() => {
      const b = bench();
      if (b && !b.shown && !panel.hidden && all.getAttribute('href') === b.expect && form.querySelector('[data-list] li')) b.shown = performance.now();
    }).observe(form, { attributes: true, childList: true, subtree: true });
  });
  await box.focus();
  const results = [];
  for (const query of queries) results.push(await search(page, query, log, quiet));
  await context.close();
  return results;
}


const database = await tempDatabase();
const browser = await launchBrowser();
const samples: Record<Mode, Search[][]> = { server: [], browser: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const mode of modes) {
      // A fresh server each run, so no answer is cached yet; it has loaded its index (one
      // unrelated search), as a server that has been up for a while has.
      const server = await startServer({ DATABASE_URL: database.url, DIST_DIR: dist, SEARCH_RATE_LIMIT: '100000' });
      try {
        await fetch(`${server.url}/api/search?q=warm`);
        samples[mode].push(await run(browser, server.url, mode));
      } finally {
        await server.stop();
      }
    }
  }
} catch (error) {
  console.error(`Could not measure: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  database.dispose();
}
if (process.exitCode) process.exit();

const summarise = (mode: Mode) => queries.map((query, q) => {
  const all = samples[mode].map((s) => s[q]);
  return {
    query,
    ms: Math.round(median(all.map((s) => s.ms))),
    msRange: [Math.round(Math.min(...all.map((s) => s.ms))), Math.round(Math.max(...all.map((s) => s.ms)))],
    msAfterLastKey: Math.round(median(all.map((s) => s.msAfterLastKey))),
    bytes: median(all.map((s) => s.bytes)),
    requests: median(all.map((s) => s.requests)),
    suggestions: all[0].suggestions,
    files: all[0].files,
  };
});
const summary = summarise('server');
const fallback = summarise('browser');
const first = summary[0];
const verdict = first.bytes <= budgetBytes ? 'within' : 'over';
// The largest files of the fallback's first search, to show where Pagefind's bytes go.
const biggest = [...fallback[0].files].sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((f) => `${f.path} ${kb(f.bytes)}`).join(', ');
const row = (mode: Mode) => (s: (typeof summary)[number], i: number) =>
  `| ${label} | ${modeLabel[mode]} | ${i === 0 ? 'first' : 'later'}: “${s.query}” | ${s.ms} ms (${s.msRange[0]}–${s.msRange[1]}) | ${s.msAfterLastKey} ms | ${i === 0 ? '' : '+'}${kb(s.bytes)} | ${s.requests} | ${s.suggestions} |`;

const lines = [
  `Machine: ${machine()}. Command: \`${command}\` (Chromium via playwright-core, empty cache, ${runs} run${runs > 1 ? 's' : ''} per row, median kept). Corpus: ${label}. Page: \`${article}\`.`,
  '',
  'The reader focuses the header box and types at once; ms run from the first keystroke until the panel holds that query\'s suggestions (the box waits 90 ms after the last keystroke). Bytes are headers plus encoded bodies of every /api/search and /pagefind/ request, until both are quiet for 500 ms. "server": Pagefind runs in the server, which has loaded its index but answered none of these queries yet. "browser": /api/search answers 503, so the page loads Pagefind itself, brotli-encoded where the build wrote a copy (scripts/build/compress.ts). KB = 1,024 bytes.',
  '',
  '| Corpus | Where Pagefind runs | Query | From first key | After last key | Bytes | Requests | Suggestions |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...summary.map(row('server')),
  ...fallback.map(row('browser')),
  '',
  `First-search budget (≤ ${kb(budgetBytes)} transferred): ${verdict} (${kb(first.bytes)}; the fallback in the browser: ${kb(fallback[0].bytes)}, largest files ${biggest}).`,
];
console.log(lines.join('\n'));
// One section per corpus label, so runs on the 1,500- and 10,000-article builds sit side by side.
console.log(`Written to ${writeSection(`Search (${label})`, lines)}.`);
if (values.json) {
  fs.writeFileSync(values.json, `${JSON.stringify({ benchmark: 'search', date: new Date().toISOString(), machine: machine(), command, label, pagesIndexed: pageCount, article, runs, budgetBytes, verdict, queries: summary, fallback, samples }, null, 2)}\n`);
  console.log(`JSON written to ${values.json}.`);
}
