// `npm run bench:tickets`: drives POST /api/tickets on the built server (embedded database, SMTP
// off so mail waits in the outbox, rate limits lifted) with autocannon beside a bare node:http
// handler; prints accepted tickets/s and p99, and checks stored tickets equal 2xx responses.
// Half the tickets carry the demo Pro key (one in ten as an emergency), half are Standard.
// Runs twice: with the default DATABASE_SYNCHRONOUS=full (an fsync per commit, so a ticket
// survives a power loss) and with normal (survives a process crash only), to show what FULL costs.
// Options: --amount N (default 20000), --connections N (default 32).
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { tickets } from '../../db/schema.ts';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { baseline, ensureBuild, load, resultRow } from './lib/load.ts';
import { ticketRequest } from './lib/requests.ts';

const { values } = parseArgs({ options: { amount: { type: 'string', default: '20000' }, connections: { type: 'string', default: '32' } } });
const amount = Number(values.amount);
const connections = Number(values.connections);
ensureBuild();

const request = ticketRequest;

const bare = await baseline({ amount, connections, request });
const runs = [];
for (const synchronous of ['full', 'normal'] as const) {
  const database = await tempDatabase();
  execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { env: { ...process.env, DATABASE_URL: database.url } });
  const server = await startServer({ DATABASE_URL: database.url, DATABASE_SYNCHRONOUS: synchronous, TICKET_RATE_LIMIT: '100000000', TICKET_KEY_RATE_LIMIT: '100000000' });
  const result = await load(`${server.url}/api/tickets`, { amount, connections, request });
  await server.stop();
  const stored = await database.db.$count(tickets);
  database.dispose();
  runs.push({ synchronous, result, stored });
}

const lines = [
  `Machine: ${machine()}. Command: \`npm run bench:tickets -- --amount ${amount} --connections ${connections}\` (autocannon on loopback; half the tickets with a Pro key, 1 in 20 an emergency).`,
  '',
  '| Handler | Accepted/s | p50 | p99 | Non-2xx | Errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...runs.map(({ synchronous, result }) => resultRow(`POST /api/tickets, synchronous=${synchronous.toUpperCase()}${synchronous === 'full' ? ' (default: survives a power loss)' : ' (survives a crash only)'}`, result)),
  resultRow('bare node:http (parse JSON, answer 201)', bare),
  '',
  ...runs.map(({ synchronous, result, stored }) => `Tickets stored with ${synchronous.toUpperCase()}: ${stored.toLocaleString('en')}; 2xx responses: ${result['2xx'].toLocaleString('en')} (${stored === result['2xx'] ? 'equal' : 'DIFFERENT'}).`),
];
console.log(lines.join('\n'));
console.log(`Written to ${writeSection('Ticket endpoint', lines)}.`);
if (runs.some(({ result, stored }) => stored !== result['2xx'])) process.exit(1);
