// `npm run bench:feedback`: drives POST /api/feedback on the built server (embedded database,
// rate limit lifted) with autocannon, next to a bare node:http handler in the same run; prints
// accepted votes/s, p99 latency and whether stored rows match the 2xx responses.
// Options: --amount N requests per handler (default 50000), --connections N (default 32).
// A fixed amount (not a duration) lets every request finish, so rows can equal 2xx exactly.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { feedbackVotes } from '../db/schema.ts';
import { startServer, tempDatabase } from '../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.mjs';

const { values } = parseArgs({ options: { amount: { type: 'string', default: '50000' }, connections: { type: 'string', default: '32' } } });
const amount = Number(values.amount);
const connections = Number(values.connections);

if (!fs.existsSync('dist/server/entry.mjs')) {
  console.log('No build yet: running npm run build…');
  if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const articles = ['renew-a-domain', 'mail-client-settings', 'smtp-port-blocked', 'change-php-version', 'whois-privacy', 'connect-to-vps-with-ssh'];
let sequence = 0;

function load(url: string) {
  return autocannon({
    url,
    method: 'POST',
    connections,
    amount,
    headers: { 'content-type': 'application/json' },
    requests: [{
      // A distinct user agent per request makes each vote a different visitor, so every 2xx
      // must become a row (no replacement of an earlier vote).
      setupRequest: (req: Record<string, unknown>) => {
        const n = sequence++;
        return {
          ...req,
          headers: { ...(req.headers as object), 'user-agent': `bench-${n}` },
          body: JSON.stringify({ article: articles[n % articles.length], helpful: n % 4 !== 0, ...(n % 4 === 0 ? { reason: 'incomplete' } : {}) }),
        };
      },
    }],
  });
}

// Baseline first, in its own process like the real server.
const bare = spawn(process.execPath, ['scripts/lib/bare-server.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
const barePort = await new Promise<string>((resolve) => bare.stdout!.on('data', (d) => { const m = /PORT=(\d+)/.exec(String(d)); if (m) resolve(m[1]); }));
const baseline = await load(`http://127.0.0.1:${barePort}/`);
bare.kill();

const database = await tempDatabase();
const server = await startServer({ DATABASE_URL: database.url, FEEDBACK_RATE_LIMIT: '100000000' });
sequence = 0;
const result = await load(`${server.url}/api/feedback`);
await server.stop();
const stored = await database.db.$count(feedbackVotes);
database.dispose();

const ok = result['2xx'];
const rps = (r: typeof result) => r['2xx'] / r.duration;
const lines = [
  `Machine: ${machine()}. Command: \`npm run bench:feedback -- --amount ${amount} --connections ${connections}\` (autocannon on loopback, ${connections} connections, ${amount.toLocaleString('en')} requests per handler).`,
  '',
  '| Handler | Accepted/s | p50 | p99 | Non-2xx | Errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  `| POST /api/feedback (Astro + zod + libSQL file) | ${Math.round(rps(result)).toLocaleString('en')} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${result.non2xx} | ${result.errors} |`,
  `| bare node:http (parse JSON, answer 201) | ${Math.round(rps(baseline)).toLocaleString('en')} | ${baseline.latency.p50} ms | ${baseline.latency.p99} ms | ${baseline.non2xx} | ${baseline.errors} |`,
  '',
  `Rows stored: ${stored.toLocaleString('en')}; 2xx responses: ${ok.toLocaleString('en')} (${stored === ok ? 'equal' : 'DIFFERENT'}).`,
];
console.log(lines.join('\n'));
console.log(`Written to ${writeSection('Feedback endpoint', lines)}.`);
if (stored !== ok) process.exit(1);
