// `npm run bench:search-api`: what server-side search costs the server. Drives GET /api/search
// on a built site with autocannon, brotli accepted as browsers do, in two mixes:
//   popular: 24 common queries over and over (each is searched once, then answered from the cache);
//   unique:  every request a query not asked before (Pagefind searches each one).
//   new words: every request two words of the index's vocabulary nobody searched before
//              (the server keeps each word's results, so this is the costliest case).
// Prints answers/s, p50 and p99 per mix; fails if any answer is not 200.
// Options: --dist <dir> (a build inside the project, default dist), --label <name>,
// --amount N per mix (default 10000), --connections N (default 32), --processes N (SERVER_PROCESSES,
// default 1).
import { parseArgs } from 'node:util';
import os from 'node:os';
import { serverProcesses } from '../server/processes.ts';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { indexedBuild } from './lib/indexed-build.ts';
import { load, resultRow } from './lib/load.ts';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freshWordQueries, popular, unique, words } from './lib/search-queries.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    label: { type: 'string' },
    amount: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '32' },
    processes: { type: 'string', default: '1' },
  },
});
const command = ['npm run bench:search-api', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
const amount = Number(values.amount);
// Requests sent first on the same connections and not counted (see load in lib/load.ts).
const warmup = 1000;
const connections = Number(values.connections);
const { dist, pageCount } = indexedBuild(values.dist!);
const label = values.label ?? `${pageCount.toLocaleString('en')} pages indexed`;

const pathFor = (q: string) => `/api/search?${new URLSearchParams({ q, limit: '6' })}`;
const headers = { 'accept-encoding': 'br, gzip' };

/** A GET on a connection of its own (the cluster's primary hands each new connection to the next process). */
const getOnNewConnection = (url: string) => new Promise<void>((resolve, reject) => {
  http.get(url, { agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject);
});

const fresh = freshWordQueries(JSON.parse(fs.readFileSync(path.join(dist, 'client/pagefind/vocabulary.json'), 'utf8')));
const freshAmount = Math.min(amount, fresh.pairs);

const database = await tempDatabase();
const server = await startServer({ DATABASE_URL: database.url, DIST_DIR: dist, SEARCH_RATE_LIMIT: '100000000', SERVER_PROCESSES: values.processes! });
let results;
try {
  // As in a server that has been up a while: every process has loaded the index and searched
  // its most common words ahead, which it does only while no one is searching.
  const wanted = serverProcesses(values.processes, os.availableParallelism());
  const warmed = () => server.output().split('most common words were searched ahead').length - 1;
  for (const deadline = Date.now() + 180_000; warmed() < (wanted.ok ? wanted.count : 1);) {
    if (Date.now() > deadline) throw new Error(`The server did not finish its search warm-up within 3 minutes:\n${server.output()}`);
    await fetch(`${server.url}${pathFor('warm')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const popularResult = await load(server.url, { method: 'GET', amount, warmup, connections, request: (n) => ({ path: pathFor(popular[n % popular.length]), headers }) });
  // The unique mix's words searched once in every process, as its row says: a server up a while
  // has kept the words its customers use (the warm-up keeps the corpus's commonest, which need
  // not be these). A new connection per request, so that the processes take turns.
  for (const word of words) {
    for (let i = 0; i < 2 * (wanted.ok ? wanted.count : 1); i++) await getOnNewConnection(`${server.url}${pathFor(word)}`);
  }
  results = {
    popular: popularResult,
    unique: await load(server.url, { method: 'GET', amount, warmup, connections, request: (n) => ({ path: pathFor(unique(n)), headers }) }),
    fresh: await load(server.url, { method: 'GET', amount: freshAmount, connections, request: (n) => ({ path: pathFor(fresh.query(n)), headers }) }),
  };
} finally {
  await server.stop();
  database.dispose();
}

const lines = [
  `Machine: ${machine()}. Command: \`${command}\` (autocannon on loopback, ${amount.toLocaleString('en')} requests per mix over ${connections} connections, counted after ${warmup.toLocaleString('en')} sent first on the same connections (popular and unique), brotli accepted, ${values.processes} server process${values.processes === '1' ? '' : 'es'}, each done with its search warm-up). Corpus: ${label}.`,
  '',
  '| Mix | Answers/s | p50 | p99 | Non-2xx | Errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  resultRow(`popular: ${popular.length} common queries, repeated (served from the answer cache after the first)`, results.popular),
  resultRow('unique: each query asked once (its words searched before: the answer is merged from their kept results)', results.unique),
  resultRow(`new words: ${freshAmount.toLocaleString('en')} queries of two words never searched before (two Pagefind searches each)`, results.fresh),
];
console.log(lines.join('\n'));
console.log(`Written to ${writeSection(`Search endpoint (${label})`, lines)}.`);
if (Object.values(results).some((r) => r.non2xx || r.errors)) {
  console.error('Some searches were not answered with 200.');
  process.exit(1);
}
