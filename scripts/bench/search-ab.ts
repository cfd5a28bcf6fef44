// `npm run bench:search-ab -- --server before=.bench/dist-10000 --server after=.bench/dist-after`:
// two (or more) server builds over the same index, driven back to back in short alternating
// rounds, so that a shared machine's swings in load fall on both alike. Each round sends every
// server the same queries: --unique N queries nobody asked before (each server has its own
// answer cache, so none has seen them), then --popular N from the popular mix, each counted after
// 500 more sent first on the same connections. Prints one line
// per server and round, and the median per server, with the server process's CPU time (all threads) per answer, which
// the machine's load sways far less than answers/s; writes nothing.
// Options: --server label=dir (repeat), --env label:NAME=value (repeat; extra environment for
// one server), --rounds N (default 4), --unique N (default 600), --popular N (default 3000),
// --connections N (default 32), --warmup N never-counted queries first (default 1000).
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { indexedBuild } from './lib/indexed-build.ts';
import { load, type LoadResult } from './lib/load.ts';
import { popular, unique } from './lib/search-queries.ts';

const { values } = parseArgs({
  options: {
    server: { type: 'string', multiple: true, default: [] },
    env: { type: 'string', multiple: true, default: [] },
    rounds: { type: 'string', default: '4' },
    unique: { type: 'string', default: '600' },
    popular: { type: 'string', default: '3000' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '1000' },
  },
});
const rounds = Number(values.rounds);
// Requests sent first in each round on its connections, not counted (see load in lib/load.ts).
const connectionWarmup = 500;
const connections = Number(values.connections);
const servers = values.server.map((s) => {
  const [label, dir] = s.split('=');
  const env = Object.fromEntries(values.env.filter((e) => e.startsWith(`${label}:`)).map((e) => e.slice(label.length + 1).split('=') as [string, string]));
  return { label, dist: indexedBuild(dir).dist, env };
});
if (servers.length < 2) throw new Error('Give at least two --server label=dir.');

const pathFor = (q: string) => `/api/search?${new URLSearchParams({ q, limit: '6' })}`;
const headers = { 'accept-encoding': 'br, gzip' };
const running = [];
for (const s of servers) {
  const database = await tempDatabase();
  const server = await startServer({ DATABASE_URL: database.url, DIST_DIR: s.dist, SEARCH_RATE_LIMIT: '100000000', ...s.env });
  // A server that has been up a while: its index chunks and many fragments loaded (queries from
  // far beyond the rounds').
  await load(server.url, { method: 'GET', amount: Number(values.warmup), connections: 4, request: (n) => ({ path: pathFor(unique(100_000 + n)), headers }) });
  running.push({ ...s, database, server, results: { unique: [] as LoadResult[], popular: [] as LoadResult[] }, cpu: { unique: [] as number[], popular: [] as number[] } });
}
// CPU time of a server process, all its threads (Linux: /proc/<pid>/stat, in clock ticks of 10 ms).
const cpuMs = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const line = (r: LoadResult) => `${Math.round(r['2xx'] / r.duration)}/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`;
try {
  for (let round = 0; round < rounds; round++) {
    // The first server of the previous round goes last in this one.
    const order = round % 2 ? [...running].reverse() : running;
    for (const mix of ['unique', 'popular'] as const) {
      for (const s of order) {
        const amount = Number(values[mix]);
        const offset = round * (amount + connectionWarmup);
        const cpu = cpuMs(s.server.process.pid!);
        const r = await load(s.server.url, { method: 'GET', amount, warmup: connectionWarmup, connections, request: (n) => ({ path: pathFor(mix === 'unique' ? unique(offset + n) : popular[n % popular.length]), headers }) });
        const perAnswer = (cpuMs(s.server.process.pid!) - cpu) / (r['2xx'] + connectionWarmup);
        s.results[mix].push(r);
        s.cpu[mix].push(perAnswer);
        console.log(`round ${round + 1} ${mix.padEnd(7)} ${s.label.padEnd(10)} ${line(r)}, CPU ${perAnswer.toFixed(1)} ms/answer  (load ${os.loadavg()[0].toFixed(1)})`);
      }
    }
  }
} finally {
  for (const s of running) { await s.server.stop(); s.database.dispose(); }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const s of running) {
  for (const mix of ['unique', 'popular'] as const) {
    const rs = s.results[mix];
    console.log(`median ${mix.padEnd(7)} ${s.label.padEnd(10)} ${median(rs.map((r) => Math.round(r['2xx'] / r.duration)))}/s, p99 ${median(rs.map((r) => r.latency.p99))} ms, CPU ${median(s.cpu[mix]).toFixed(1)} ms/answer`);
  }
}
