// `npm run bench:pages`: what a reader downloads before touching anything on five pages of the
// built site (home, an article, search, status, support), by type: HTML, CSS and JS, raw and
// gzipped, plus the request count; checks the article against its budget. Asserts no timing.
// Options: --article <path> (default /articles/email/mail-client-settings/), --json <file>.
// Bytes come from Chromium's network log after network idle. Gzip is level 9 of each body, so
// figures do not depend on how the server compresses. Inline <style> and <script> (not JSON-LD)
// are moved out of the HTML figure and counted as CSS and JS; each type's inline code is
// gzipped as one piece, each external file on its own, and "total gz" is the sum of the three.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { mainPages } from './lib/main-pages.ts';
import { kb } from './lib/network.ts';

const { values } = parseArgs({
  options: { article: { type: 'string', default: '/articles/email/mail-client-settings/' }, json: { type: 'string' } },
});
const command = ['npm run bench:pages', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');

// The article budget from the performance issue: what a reader needs to read and nothing more.
const budget = { htmlCssGz: 15 * 1024, jsGz: 12 * 1024 };

const pages = mainPages(values.article!);

if (!fs.existsSync('dist/server/entry.mjs') || !fs.existsSync('dist/client/index.html')) {
  console.error('No build in dist/ to measure. Run `npm run build` first, then `npm run bench:pages` again.');
  process.exit(1);
}

interface Bytes { raw: number; gz: number }
interface PageResult {
  name: string; path: string; requests: number;
  /** Bytes on the wire as this server sent them (headers + encoded bodies), every request. */
  sent: number;
  html: Bytes; css: Bytes; js: Bytes; other: { raw: number }; totalGz: number;
  inline: { css: Bytes; js: Bytes };
}

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;
const bytes = (parts: Array<string | Buffer>): Bytes => ({
  raw: parts.reduce((n, p) => n + Buffer.byteLength(p), 0),
  gz: parts.reduce((n, p) => n + gz(p), 0),
});
const add = (a: Bytes, b: Bytes): Bytes => ({ raw: a.raw + b.raw, gz: a.gz + b.gz });

/** Splits a served document into its markup and the code inlined in it. */
function splitInline(html: string) {
  const css: string[] = [];
  const js: string[] = [];
  const markup = html
    .replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi, (_, open, body, close) => { css.push(body); return open + close; })
    .replace(/(<script\b([^>]*)>)([\s\S]*?)(<\/script>)/gi, (all, open, attrs: string, body, close) => {
      // JSON-LD is data about the page, not code: it stays in the HTML figure.
      if (/type\s*=\s*["']?application\/ld\+json/i.test(attrs) || !body.trim()) return all;
      js.push(body);
      return open + close;
    });
  return { markup, css, js };
}

async function measure(browser: Browser, base: string, name: string, path: string): Promise<PageResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  const main = await page.goto(base + path, { waitUntil: 'networkidle' });
  if (!main || !main.ok()) throw new Error(`${path} answered ${main?.status() ?? 'nothing'}; check the path (--article) and the build.`);
  const html: string[] = [];
  const inlineCss: string[] = [];
  const inlineJs: string[] = [];
  const cssFiles: Buffer[] = [];
  const jsFiles: Buffer[] = [];
  let other = 0;
  let sent = 0;
  for (const r of responses) {
    const sizes = await r.request().sizes().catch(() => null);
    sent += sizes ? sizes.responseHeadersSize + sizes.responseBodySize : 0;
    if (r.status() >= 300 && r.status() < 400) continue; // a redirect carries no page bytes
    const body = await r.body().catch(() => Buffer.alloc(0));
    const type = r.request().resourceType();
    if (type === 'document') {
      const split = splitInline(body.toString('utf8'));
      html.push(split.markup);
      if (split.css.length) inlineCss.push(split.css.join('\n'));
      if (split.js.length) inlineJs.push(split.js.join('\n'));
    } else if (type === 'stylesheet') cssFiles.push(body);
    else if (type === 'script') jsFiles.push(body);
    else other += body.length;
  }
  await context.close();
  const inline = { css: bytes(inlineCss), js: bytes(inlineJs) };
  const result = {
    name, path, requests: responses.length, sent,
    html: bytes(html),
    css: add(inline.css, bytes(cssFiles)),
    js: add(inline.js, bytes(jsFiles)),
    other: { raw: other },
    inline,
    totalGz: 0,
  };
  result.totalGz = result.html.gz + result.css.gz + result.js.gz;
  return result;
}

const pair = (b: Bytes) => `${kb(b.raw)} / ${kb(b.gz)}`;

const database = await tempDatabase();
const server = await startServer({ DATABASE_URL: database.url });
const browser = await launchBrowser();
const results: PageResult[] = [];
try {
  for (const p of pages) results.push(await measure(browser, server.url, p.name, p.path));
} catch (error) {
  console.error(`Could not measure: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  await server.stop();
  database.dispose();
}
if (process.exitCode) process.exit();

const article = results[1];
const verdict = {
  htmlCss: article.html.gz + article.css.gz <= budget.htmlCssGz ? 'within' : 'over',
  js: article.js.gz <= budget.jsGz ? 'within' : 'over',
};
const budgetCell = (r: PageResult) => r === article
  ? `HTML+CSS ${kb(r.html.gz + r.css.gz)} of ${kb(budget.htmlCssGz)}: ${verdict.htmlCss}; JS ${kb(r.js.gz)} of ${kb(budget.jsGz)}: ${verdict.js}`
  : '';

const lines = [
  `Machine: ${machine()}. Command: \`${command}\` (Chromium via playwright-core, fresh profile per page, figures at network idle before any interaction).`,
  '',
  'Raw is the decoded body; gz is gzip level 9 of it, whatever the server sent. Inline `<style>` and `<script>` (except JSON-LD) count as CSS and JS, not HTML; total gz = HTML + CSS + JS gz. Images, fonts and fetches count only in requests. KB = 1,024 bytes.',
  '',
  '| Page | HTML raw / gz | CSS raw / gz | JS raw / gz | Total gz | Requests | Budget |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...results.map((r) => `| ${r.name} \`${r.path}\` | ${pair(r.html)} | ${pair(r.css)} | ${pair(r.js)} | ${kb(r.totalGz)} | ${r.requests} | ${budgetCell(r)} |`),
  '',
  `As this server sends them (headers + bodies, its own compression, all requests): ${results.map((r) => `${r.name} ${kb(r.sent)}`).join(', ')}.`,
  '',
  `Article budget (HTML+CSS ≤ ${kb(budget.htmlCssGz)} gz, JS ≤ ${kb(budget.jsGz)} gz): HTML+CSS ${verdict.htmlCss}, JS ${verdict.js}.`,
];
console.log(lines.join('\n'));
console.log(`Written to ${writeSection('Page weight', lines)}.`);
if (values.json) {
  fs.writeFileSync(values.json, `${JSON.stringify({ benchmark: 'pages', date: new Date().toISOString(), machine: machine(), command, budget, verdict, pages: results }, null, 2)}\n`);
  console.log(`JSON written to ${values.json}.`);
}
