// Shared load-test plumbing for the bench:* scripts: autocannon with a body per request, the
// bare node:http baseline, and the built server on a throwaway embedded database.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import autocannon, { type Request as LoadRequest } from 'autocannon';

export function ensureBuild() {
  if (fs.existsSync('dist/server/entry.mjs')) return;
  console.log('No build yet: running npm run build…');
  if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

interface Requested { body?: unknown; headers?: Record<string, string>; path?: string }

/**
 * Sends `amount` requests (or as many as fit in `duration` seconds) over `connections`:
 * `request(n)` gives the n-th JSON body and headers (POST, the default) or the n-th path (GET).
 */
export async function load(url: string, options: ({ amount: number; duration?: never } | { duration: number; amount?: never }) & { connections: number; method?: 'GET' | 'POST'; request: (n: number) => Requested }) {
  let sequence = 0;
  const method = options.method ?? 'POST';
  const started = performance.now();
  let lastAnswer = started;
  const settings: autocannon.Options = {
    url,
    method,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.duration } : { amount: options.amount }),
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    requests: [{
      setupRequest: (req: LoadRequest) => {
        const { body, headers = {}, path } = options.request(sequence++);
        return { ...req, headers: { ...req.headers, ...headers }, ...(path ? { path } : {}), ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
      },
    }],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(settings, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', () => { lastAnswer = performance.now(); });
  });
  // With `amount`, autocannon stops on its one-second tick, so its duration comes out in nearly
  // whole seconds (5,000 answers in 10.02 s read 499/s whether they took 9.1 or 10 s): the rate
  // is taken to the last answer instead.
  if (options.amount !== undefined) result.duration = (lastAnswer - started) / 1000;
  return result;
}

/** The same load against a bare node:http handler in its own process. */
export async function baseline(options: Parameters<typeof load>[1]) {
  const bare = spawn(process.execPath, ['scripts/bench/lib/bare-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => bare.stdout!.on('data', (d) => { const m = /PORT=(\d+)/.exec(String(d)); if (m) resolve(m[1]); }));
  try {
    return await load(`http://127.0.0.1:${port}/`, options);
  } finally {
    bare.kill();
  }
}

export type LoadResult = Awaited<ReturnType<typeof load>>;

export function resultRow(label: string, r: LoadResult) {
  return `| ${label} | ${Math.round(r['2xx'] / r.duration).toLocaleString('en')} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.non2xx} | ${r.errors} |`;
}
