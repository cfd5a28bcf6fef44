// `npm run bench [-- --ci]`: every benchmark in one run, on this machine, written to
// docs/benchmarks.md: build and index at 1,500 and 10,000 articles next to Starlight on the same
// corpus, page weight, search cost in Chromium, Lighthouse, the search, feedback and ticket
// endpoints under load, the live status store, the status page under an outage's load, and status
// notices with the ticket and vote throughput meanwhile. --ci runs a small version (200 articles,
// short load runs) so the scripts keep working; nothing here asserts a timing.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { pageWeight } from './lib/page-weight.ts';
import { kb } from './lib/network.ts';

const ci = process.argv.includes('--ci');
const counts = ci ? [200] : [1500, 10_000];
const node = process.execPath;
fs.mkdirSync('.bench', { recursive: true });

function step(title: string, command: string, args: string[]) {
  console.log(`\n▶ ${title}`);
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status}); see the output above.`);
  return (performance.now() - started) / 1000;
}

/** Like step, but gives up after `seconds`, killing the whole process group (the build's children too). */
async function stepWithLimit(title: string, command: string, args: string[], seconds: number): Promise<number | null> {
  console.log(`\n▶ ${title} (at most ${seconds} s)`);
  const started = performance.now();
  const child = spawn(command, args, { stdio: 'inherit', detached: true });
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; process.kill(-child.pid!, 'SIGKILL'); }, seconds * 1000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  if (timedOut) return null;
  if (code !== 0) throw new Error(`${title} failed (exit ${code}); see the output above.`);
  return (performance.now() - started) / 1000;
}
// Starlight lists every article in its sidebar on every page, so its output grows with the
// square of the corpus (10,000 articles: about 900 s and 20 GB of HTML here); past this limit
// (--starlight-timeout seconds) the comparison records that it did not finish.
const starlightTimeout = Number(process.argv[process.argv.indexOf('--starlight-timeout') + 1]) || 2400;
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(2)}×` : 'n/a');

step('Build the sample site', 'npm', ['run', 'build']);
step(`Build and index generated corpora (${counts.join(', ')} articles)`, node, ['scripts/bench/build.ts', '--counts', counts.join(','), '--keep', '--json', '.bench/build.json']);
const builds = readJson('.bench/build.json') as Array<{ count: number; total: number; peakMb: number | null }>;

const comparisons: string[] = [];
const searchRows: string[] = [];
for (const count of counts) {
  const corpus = path.resolve('.bench', `corpus-${count}`);
  step(`Search cost in Chromium at ${count} articles`, node, ['scripts/bench/search.ts', '--dist', `.bench/dist-${count}`, '--label', `${count} articles`, '--json', `.bench/search-${count}.json`]);
  const search = readJson(`.bench/search-${count}.json`);
  step(`Search endpoint under load at ${count} articles`, node, ['scripts/bench/search-api.ts', '--dist', `.bench/dist-${count}`, '--label', `${count} articles`, '--amount', ci ? '1000' : '10000']);

  fs.rmSync(`.bench/starlight-${count}.json`, { force: true });
  fs.rmSync(`.bench/starlight-search-${count}.json`, { force: true });
  const slSeconds = await stepWithLimit(`Starlight on the same ${count} articles`, node, ['scripts/bench/starlight.ts', '--corpus', corpus, '--json', `.bench/starlight-${count}.json`], starlightTimeout);
  const cairn = builds.find((b) => b.count === count)!;
  let slSearch: { queries: Array<{ query: string; ms: number; bytes: number }> } | null = null;
  if (slSeconds === null) {
    comparisons.push(`| ${count.toLocaleString('en')} | ${cairn.total.toFixed(1)} s / Starlight did not finish in ${starlightTimeout} s | ${cairn.peakMb?.toFixed(0)} MB / – | – |`);
  } else {
    const sl = readJson(`.bench/starlight-${count}.json`);
    // The same article in both sites: Starlight serves /<category>/<slug>/, Cairn /articles/<category>/<slug>/.
    const page = pageWeight(path.resolve('.bench', `dist-${count}`, 'client'), path.join('articles', sl.articlePage.url.replace(/^\/|\/$/g, ''), 'index.html'));
    const cairnPage = page.htmlGzip + page.cssGzip + page.jsGzip;
    const slPage = sl.articlePage.htmlGzip + sl.articlePage.cssGzip + sl.articlePage.jsGzip;
    comparisons.push(`| ${count.toLocaleString('en')} | ${cairn.total.toFixed(1)} s / ${sl.buildSeconds.toFixed(1)} s = ${ratio(cairn.total, sl.buildSeconds)} | ${cairn.peakMb?.toFixed(0)} / ${sl.peakMb?.toFixed(0)} MB = ${ratio(cairn.peakMb ?? 0, sl.peakMb ?? 0)} | ${kb(cairnPage)} / ${kb(slPage)} = ${ratio(cairnPage, slPage)} |`);
    // Starlight's own search dialog, from the same article, with the same two queries.
    step(`Starlight's search in Chromium at ${count} articles`, node, ['scripts/bench/starlight-search.ts', '--dist', '.bench/starlight-project/dist', '--page', search.article.replace(/^\/articles/, ''), '--json', `.bench/starlight-search-${count}.json`]);
    slSearch = readJson(`.bench/starlight-search-${count}.json`);
    // Starlight writes about 2 MB of HTML per article at 10,000 (20 GB); measured, it can go.
    fs.rmSync('.bench/starlight-project/dist', { recursive: true, force: true });
  }
  const cell = (q: { query: string; ms: number; bytes: number }, sl?: { ms: number; bytes: number }) =>
    `${q.query}: ${Math.round(q.ms)} ms, ${kb(q.bytes)}${sl ? ` (Starlight ${Math.round(sl.ms)} ms, ${kb(sl.bytes)})` : ''}`;
  searchRows.push(`| ${count.toLocaleString('en')} | ${search.queries.map((q: { query: string; ms: number; bytes: number }, i: number) => cell(q, slSearch?.queries[i])).join(' · ')} | ${search.fallback.map((q: { ms: number; bytes: number }) => `${Math.round(q.ms)} ms, ${kb(q.bytes)}`).join(' · ')} | ${search.verdict} |`);
}

step('Page weight of the five main pages', node, ['scripts/bench/pages.ts', '--json', '.bench/pages.json']);
step('Lighthouse on the five main pages (desktop)', node, ['scripts/bench/lighthouse.ts', '--json', '.bench/lighthouse.json']);
step('Lighthouse on the five main pages (mobile)', node, ['scripts/bench/lighthouse.ts', '--mobile', '--json', '.bench/lighthouse-mobile.json']);
step('Feedback endpoint under load', node, ['scripts/bench/feedback.ts', '--amount', ci ? '2000' : '50000']);
if (!ci) step('Ticket endpoint under load', node, ['scripts/bench/tickets.ts']);
step('Live status store: propagation between two servers, status outputs under load', node, ['scripts/bench/status.ts', ...(ci ? ['--posts', '5', '--duration', '3'] : [])]);
step('Acknowledged writes across kill -9', node, ['scripts/bench/crash.ts', '--rounds', ci ? '1' : '3']);
step('Status page under an outage\'s load', node, ['scripts/bench/status-load.ts', ...(ci ? ['--ci'] : [])]);
step('Status notices: subscribers told of an incident, and tickets and votes meanwhile', node, ['scripts/bench/notify.ts', ...(ci ? ['--subscribers', '2000', '--duration', '2'] : [])]);

const lighthouseRuns = [readJson('.bench/lighthouse.json'), readJson('.bench/lighthouse-mobile.json')];
const pages = readJson('.bench/pages.json');
const file = writeSection('Summary: Cairn against Starlight and the targets', [
  `Machine: ${machine()}. Command: \`npm run bench${ci ? ' -- --ci' : ''}\`. Details in the sections below.`,
  '',
  '| Articles | Build + index (Cairn / Starlight) | Peak memory | Article page, gzipped HTML+CSS+JS |',
  '| ---: | --- | --- | --- |',
  ...comparisons,
  '',
  '| Articles | Search in Chromium, Cairn (Starlight): first query, then a later one | Cairn\'s fallback, Pagefind in the browser | Cairn\'s first search ≤ 150 KB |',
  '| ---: | --- | --- | --- |',
  ...searchRows,
  '',
  'Both from the same article with an empty cache: Cairn\'s header box (bytes of /api/search and /pagefind/ requests; Pagefind runs in the server, and in the page only when the server does not answer), Starlight\'s search dialog (every request after the dialog opens; its Pagefind UI searches as the reader types, and its build is served as a static host would, brotli for text). Details: `.bench/search-N.json`, `.bench/starlight-search-N.json`.',
  '',
  `Article page budget (≤ 15 KB HTML+CSS, ≤ 12 KB JS, gzipped): HTML+CSS ${pages.verdict.htmlCss}, JS ${pages.verdict.js}.`,
  ...lighthouseRuns.map((lighthouse) => `Lighthouse (${lighthouse.formFactor}): ${lighthouse.pages.map((p: { name: string; scores: Record<string, number | null> }) => `${p.name} ${Object.values(p.scores).join('/')}`).join(' · ')} (performance/accessibility/best practices/SEO); 100 everywhere: ${lighthouse.pages.every((p: { scores: Record<string, number | null> }) => Object.values(p.scores).every((v) => v === 100)) ? 'met' : 'not met'}.`),
]);
console.log(`\nSummary written to ${file}.`);
