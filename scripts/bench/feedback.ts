// `npm run bench:feedback`: drives POST /api/feedback on the built server (embedded database,
// rate limit lifted) with autocannon, next to a bare node:http handler in the same run; prints
// accepted votes/s, p99 latency and whether stored rows match the 2xx responses.
// Options: --amount N requests per handler (default 50000), --connections N (default 32).
// A fixed amount (not a duration) lets every request finish, so rows can equal 2xx exactly.
import { parseArgs } from 'node:util';
import { feedbackVotes } from '../../db/schema.ts';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { baseline, ensureBuild, load, resultRow } from './lib/load.ts';
import { voteRequest } from './lib/requests.ts';

const { values } = parseArgs({ options: { amount: { type: 'string', default: '50000' }, connections: { type: 'string', default: '32' } } });
const amount = Number(values.amount);
const connections = Number(values.connections);
ensureBuild();

const request = (n: number) => voteRequest(n);

const bare = await baseline({ amount, connections, request });
const database = await tempDatabase();
const server = await startServer({ DATABASE_URL: database.url, FEEDBACK_RATE_LIMIT: '100000000' });
const result = await load(`${server.url}/api/feedback`, { amount, connections, request });
await server.stop();
const stored = await database.db.$count(feedbackVotes);
database.dispose();

const lines = [
  `Machine: ${machine()}. Command: \`npm run bench:feedback -- --amount ${amount} --connections ${connections}\` (autocannon on loopback, ${connections} connections, ${amount.toLocaleString('en')} requests per handler).`,
  '',
  '| Handler | Accepted/s | p50 | p99 | Non-2xx | Errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  resultRow('POST /api/feedback (Astro + zod + libSQL file)', result),
  resultRow('bare node:http (parse JSON, answer 201)', bare),
  '',
  `Rows stored: ${stored.toLocaleString('en')}; 2xx responses: ${result['2xx'].toLocaleString('en')} (${stored === result['2xx'] ? 'equal' : 'DIFFERENT'}).`,
];
console.log(lines.join('\n'));
console.log(`Written to ${writeSection('Feedback endpoint', lines)}.`);
if (stored !== result['2xx']) process.exit(1);
