// `npm run bench:status-load`: the status page under an outage's load (issue #18). One built
// server (embedded database, the real clock), autocannon with 32 connections and brotli accepted
// as browsers do, one URL after the other in the same run: a prerendered article (the yardstick),
// /status/, /status/api/v2/summary.json, and /status/ revalidated with the ETag a browser holds
// (a 304 when nothing changed). Then the same page and summary.json while an incident update is
// posted every 3 s, and /status/ on two app servers sharing one sqld (half the connections each)
// with those posts going on. Also the gzipped size of /status/'s HTML. Nothing here asserts a
// timing; the goals are printed beside the figures.
// Options: --seconds N per URL (default 10; --ci 2), --connections N (default 32),
// --article <path>, --label <name> (a row label, e.g. "before").
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { createDb, type Db } from '../../db/client.ts';
import { createIncident, updateIncident } from '../../src/server/status-store.ts';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { startSqld } from '../../tests/e2e/sqld.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { ensureBuild } from './lib/load.ts';
import { kb } from './lib/network.ts';
import { desk } from './lib/desk.ts';

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

const postEveryMs = 3_000;
/** Opens an incident, then posts an update to it every 3 s (as a busy incident team would) until stopped. */
async function postUpdates(db: Db) {
  const actor = { name: 'bench', via: 'cli' as const };
  const opened = await createIncident(db, {
    title: 'Load test: websites answer slowly', impact: 'minor', status: 'investigating',
    message: 'We are looking into slow answers.', components: [{ id: 'web-hosting', status: 'degraded_performance' }],
  }, actor, new Date(), desk);
  if (!opened.ok) throw new Error(`Could not open the load-test incident: ${JSON.stringify(opened)}`);
  let n = 0;
  const timer = setInterval(() => {
    n++;
    void updateIncident(db, opened.value.id, { status: n % 2 ? 'identified' : 'monitoring', message: `Update ${n} while under load.` }, actor, new Date(), desk);
  }, postEveryMs);
  return { posts: () => n + 1, stop: () => clearInterval(timer) };
}

/** Two autocannon runs at once, one per server, reported as one row: summed rate, worst p99. */
async function runPair(urls: string[], headers: Record<string, string>) {
  const rs = await Promise.all(urls.map((url) => autocannon({ url, connections: Math.max(1, Math.round(connections / urls.length)), duration: seconds, headers })));
  return rs;
}
const pairRow = (label: string, rs: Result[]) => {
  const rate = rs.reduce((sum, r) => sum + answered(r) / r.duration, 0);
  return `| ${label} | ${Math.round(rate).toLocaleString('en')} | ${Math.max(...rs.map((r) => r.latency.p50))} ms | ${Math.max(...rs.map((r) => r.latency.p99))} ms | ${rs.reduce((n, r) => n + r.non2xx - r['3xx'], 0)} | ${rs.reduce((n, r) => n + r.errors, 0)} |`;
};

const database = await tempDatabase();
const server = await startServer({ DATABASE_URL: database.url });
let results: Record<'article' | 'status' | 'summary' | 'revalidate' | 'statusPosting' | 'summaryPosting', Result>;
let twoServers: Result[];
let postsMade = 0;
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
    statusPosting: undefined as unknown as Result,
    summaryPosting: undefined as unknown as Result,
  };
  const posting = await postUpdates(database.db);
  try {
    results.statusPosting = await run(`${server.url}/status/`, browserHeaders);
    results.summaryPosting = await run(`${server.url}/status/api/v2/summary.json`, browserHeaders);
  } finally {
    posting.stop();
    postsMade += posting.posts();
  }
} finally {
  await server.stop();
  database.dispose();
}

// Two app servers on one sqld, each with its own stored outputs, while the posts go on.
{
  const sqld = await startSqld();
  const env = { DATABASE_URL: sqld.url };
  execFileSync(process.execPath, ['scripts/cli/db-migrate.ts'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const servers = await Promise.all([startServer(env), startServer(env)]);
  const db = createDb({ url: sqld.url, authToken: undefined });
  try {
    for (const s of servers) await (await fetch(`${s.url}/status/`, { headers: browserHeaders })).arrayBuffer();
    const posting = await postUpdates(db);
    try {
      twoServers = await runPair(servers.map((s) => `${s.url}/status/`), browserHeaders);
    } finally {
      posting.stop();
      postsMade += posting.posts();
    }
  } finally {
    db.$client.close();
    await Promise.all(servers.map((s) => s.stop()));
    await sqld.stop();
  }
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
  row(`/status/ while an incident update is posted every ${postEveryMs / 1000} s`, results.statusPosting),
  row(`/status/api/v2/summary.json while an update is posted every ${postEveryMs / 1000} s`, results.summaryPosting),
  pairRow(`/status/ on two app servers sharing one sqld, ${Math.round(connections / 2)} connections each, updates every ${postEveryMs / 1000} s (summed; worst p50/p99)`, twoServers!),
  '',
  `${postsMade} status posts were made during the runs with updates; each one makes every server render its outputs again (stored per status version).`,
  `/status/ HTML: ${kb(statusBytes.raw)} raw, ${kb(statusBytes.gz)} gzipped (level 9).`,
  `Goals: /status/ at least half the article's rate: ${Math.round(statusRate).toLocaleString('en')} of ${Math.round(articleRate).toLocaleString('en')}/s, ${met(statusRate >= articleRate / 2)}; /status/ p99 under 100 ms: ${met(results.status.latency.p99 < 100)} (${met(results.statusPosting.latency.p99 < 100)} while posting); summary.json at least 2,000/s: ${met(summaryRate >= 2000)} (${met(answered(results.summaryPosting) / results.summaryPosting.duration >= 2000)} while posting).`,
];
console.log(lines.join('\n'));
console.log(`Written to ${writeSection(`Status page under load${label}`, lines)}.`);
if (Object.values(results).some((r) => r.errors) || twoServers!.some((r) => r.errors)) process.exit(1);
