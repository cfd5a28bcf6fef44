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
 * `warmup` (with `amount`): that many requests more go first over the same connections and are
 * not counted (their n come before the counted ones'). A busy Node server accepts one new
 * connection per turn of its event loop (libuv accepts one at a time since libuv/libuv#3696), so
 * when 32 connections open at once the 32nd's first answer waits some 30 turns: a bare node:http
 * server spending 1 ms per request answers it after about 600 ms. Counting from the warm
 * connections measures the server, not that ramp.
 */
export async function load(url: string, options: ({ amount: number; duration?: never; warmup?: number } | { duration: number; amount?: never; warmup?: never }) & { connections: number; method?: 'GET' | 'POST'; request: (n: number) => Requested }) {
  let sequence = 0;
  const method = options.method ?? 'POST';
  const warmup = options.warmup ?? 0;
  const started = performance.now();
  let lastAnswer = started;
  let countFrom = started;
  const answers: Array<{ status: number; ms: number }> = [];
  const settings: autocannon.Options = {
    url,
    method,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.duration } : { amount: options.amount + warmup }),
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
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      lastAnswer = performance.now();
      if (answers.length === warmup - 1) countFrom = lastAnswer;
      answers.push({ status, ms });
    });
  });
  // With `amount`, autocannon stops on its one-second tick, so its duration comes out in nearly
  // whole seconds (5,000 answers in 10.02 s read 499/s whether they took 9.1 or 10 s): the rate
  // is taken to the last answer instead.
  if (options.amount !== undefined) result.duration = (lastAnswer - countFrom) / 1000;
  if (warmup) {
    const counted = answers.slice(warmup);
    const ms = counted.map((a) => a.ms).sort((a, b) => a - b);
    const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] ?? 0);
    result.latency = { ...result.latency, p50: at(0.5), p90: at(0.9), p97_5: at(0.975), p99: at(0.99), max: at(1), mean: ms.reduce((a, b) => a + b, 0) / (ms.length || 1) };
    result['2xx'] = counted.filter((a) => a.status >= 200 && a.status < 300).length;
    result.non2xx = counted.length - result['2xx'];
  }
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
