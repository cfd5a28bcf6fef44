// `npm run bench:status-load`: the status page under an outage's load (issue #18). One built
// server (embedded database, the real clock), autocannon with 32 connections and brotli accepted
// as browsers do, one URL after the other in the same run: a prerendered article (the yardstick),
// /status/, /status/api/v2/summary.json, and /status/ revalidated with the ETag a browser holds
// (a 304 when nothing changed). Also the gzipped size of /status/'s HTML. Nothing here asserts a
// timing; the goals are printed beside the figures.
// Options: --seconds N per URL (default 10; --ci 2), --connections N (default 32),
// --article <path>, --label <name> (a row label, e.g. "before").
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { startServer, tempDatabase } from '../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.mjs';
import { ensureBuild } from './lib/load.ts';
import { kb } from './lib/network.ts';

const { values } = parseArgs({
  options: {
    ci: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '32' },
    article: { type: 'string', default: '/articles/email/mail-client-settings/' },
    label: { type: 'string' },
  },
});
const command = ['npm run bench:status-load', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
const seconds = Number(values.seconds ?? (values.ci ? 2 : 10));
const connections = Number(values.connections);
const browserHeaders = { 'accept-encoding': 'gzip, deflate, br, zstd' };
ensureBuild();

const run = (url: string, headers: Record<string, string>) => autocannon({ url, connections, duration: seconds, headers });
type Result = Awaited<ReturnType<typeof run>>;
const answered = (r: Result) => r['2xx'] + r['3xx'];
const row = (label: string, r: Result) =>
  `| ${label} | ${Math.round(answered(r) / r.duration).toLocaleString('en')} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${(r.non2xx - r['3xx']).toLocaleString('en')} | ${r.errors} |`;

const database = await tempDatabase();
const server = await startServer({ DATABASE_URL: database.url });
let results: Record<'article' | 'status' | 'summary' | 'revalidate', Result>;
let statusBytes: { raw: number; gz: number };
let revalidation: string;
try {
  const page = await fetch(`${server.url}/status/`, { headers: { 'accept-encoding': 'identity' } });
  const html = Buffer.from(await page.arrayBuffer());
  statusBytes = { raw: html.length, gz: gzipSync(html, { level: 9 }).length };
  // What a browser holds after its first visit, and sends back when the page is opened again.
  const first = await fetch(`${server.url}/status/`, { headers: browserHeaders });
  await first.arrayBuffer();
  const etag = first.headers.get('etag');
  revalidation = etag ? `If-None-Match: ${etag}` : 'no ETag sent: every revalidation is a full 200';
  for (const path of [values.article!, '/status/', '/status/api/v2/summary.json']) await (await fetch(`${server.url}${path}`, { headers: browserHeaders })).arrayBuffer();
  results = {
    article: await run(`${server.url}${values.article}`, browserHeaders),
    status: await run(`${server.url}/status/`, browserHeaders),
    summary: await run(`${server.url}/status/api/v2/summary.json`, browserHeaders),
    revalidate: await run(`${server.url}/status/`, { ...browserHeaders, ...(etag ? { 'if-none-match': etag } : {}) }),
  };
} finally {
  await server.stop();
  database.dispose();
}

const articleRate = answered(results.article) / results.article.duration;
const statusRate = answered(results.status) / results.status.duration;
const summaryRate = answered(results.summary) / results.summary.duration;
const met = (ok: boolean) => (ok ? 'met' : 'not met');
const label = values.label ? ` (${values.label})` : '';
const lines = [
  `Machine: ${machine()}. Command: \`${command}\` (autocannon on loopback, ${connections} connections, ${seconds} s per URL, one URL after the other on the same server, \`Accept-Encoding: ${browserHeaders['accept-encoding']}\`; embedded database, the real clock).`,
  '',
  '| URL | Answers/s | p50 | p99 | Errors (non-2xx/304) | Socket errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  row(`${values.article} (prerendered article)`, results.article),
  row('/status/', results.status),
  row('/status/api/v2/summary.json', results.summary),
  row(`/status/ revalidated (${revalidation}; ${results.revalidate['3xx'] ? '304 Not Modified' : '200'})`, results.revalidate),
  '',
  `/status/ HTML: ${kb(statusBytes.raw)} raw, ${kb(statusBytes.gz)} gzipped (level 9).`,
  `Goals: /status/ at least half the article's rate: ${Math.round(statusRate).toLocaleString('en')} of ${Math.round(articleRate).toLocaleString('en')}/s, ${met(statusRate >= articleRate / 2)}; /status/ p99 under 100 ms: ${met(results.status.latency.p99 < 100)}; summary.json at least 2,000/s: ${met(summaryRate >= 2000)}.`,
];
console.log(lines.join('\n'));
console.log(`Written to ${writeSection(`Status page under load${label}`, lines)}.`);
if (results.status.errors || results.summary.errors || results.article.errors) process.exit(1);
