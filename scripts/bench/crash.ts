// `npm run bench:crash`: kill -9 the built server while tickets and votes pour in, then count
// what was acknowledged and is missing. A 201 means "stored": every acknowledged ticket (by its
// reference) and vote (by article) must be in the database after the crash. Runs a few rounds on
// a throwaway embedded database and writes the figures to docs/benchmarks.md; exits 1 on a loss.
// Options: --rounds N (default 3), --connections N (default 16), --before-kill-ms N (default 1500).
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { feedbackVotes, tickets } from '../../db/schema.ts';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { ensureBuild } from './lib/load.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, connections: { type: 'string', default: '16' }, 'before-kill-ms': { type: 'string', default: '1500' } } });
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const beforeKillMs = Number(values['before-kill-ms']);
ensureBuild();

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
function post(port: number, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string } | null> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', () => resolve(null));
    });
    req.on('error', () => resolve(null)); // the crash: no answer, so nothing was acknowledged
    req.end(payload);
  });
}

const articles = ['renew-a-domain', 'mail-client-settings', 'restore-domain-in-redemption'];
const results: Array<{ round: number; ticketsAcked: number; ticketsLost: number; votesAcked: number; votesLost: number; refused: number }> = [];

for (let round = 1; round <= rounds; round++) {
  const database = await tempDatabase();
  execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { env: { ...process.env, DATABASE_URL: database.url } });
  const unlimited = '100000000';
  const server = await startServer({ DATABASE_URL: database.url, TICKET_RATE_LIMIT: unlimited, TICKET_KEY_RATE_LIMIT: unlimited, FEEDBACK_RATE_LIMIT: unlimited });
  const port = Number(new URL(server.url).port);
  const ackedTickets = new Set<string>();
  const ackedVotes = new Set<string>();
  let refused = 0;
  let alive = true;
  let n = 0;
  const worker = async () => {
    while (alive) {
      const i = n++;
      if (i % 2 === 0) {
        const res = await post(port, '/api/tickets', { name: `Crash ${i}`, email: `c${i}@example.com`, product: 'email', subject: `Crash test ${i}`, description: 'Sent while the server is killed.' });
        if (res?.status === 201) ackedTickets.add(JSON.parse(res.text).reference);
        else if (res) refused++;
      } else {
        // A distinct reader per vote (the voter key is per address and user agent), so each is a row.
        const article = articles[i % articles.length];
        const res = await post(port, '/api/feedback', { article, helpful: i % 3 === 0 }, { 'user-agent': `crash-reader-${i}` });
        if (res?.status === 201) ackedVotes.add(`${article}#${i}`);
        else if (res) refused++;
      }
    }
  };
  const workers = Array.from({ length: connections }, worker);
  await new Promise((r) => setTimeout(r, beforeKillMs));
  server.process.kill('SIGKILL');
  await new Promise((r) => server.process.once('exit', r));
  alive = false;
  await Promise.all(workers);

  const storedRefs = new Set((await database.db.select({ reference: tickets.reference }).from(tickets)).map((t) => t.reference));
  const storedVotes = await database.db.$count(feedbackVotes);
  const ticketsLost = [...ackedTickets].filter((r) => !storedRefs.has(r)).length;
  const votesLost = Math.max(0, ackedVotes.size - storedVotes);
  database.dispose();
  results.push({ round, ticketsAcked: ackedTickets.size, ticketsLost, votesAcked: ackedVotes.size, votesLost, refused });
  console.log(`Round ${round}: ${ackedTickets.size} tickets and ${ackedVotes.size} votes acknowledged before kill -9; lost ${ticketsLost} tickets, ${votesLost} votes.`);
}
agent.destroy();

const lost = results.reduce((sum, r) => sum + r.ticketsLost + r.votesLost, 0);
const lines = [
  `Machine: ${machine()}. Command: \`npm run bench:crash -- --rounds ${rounds} --connections ${connections} --before-kill-ms ${beforeKillMs}\` (tickets and votes from ${connections} connections, then kill -9 of the server; embedded database, synchronous=FULL).`,
  '',
  '| Round | Tickets acknowledged | Tickets lost | Votes acknowledged | Votes lost | Refused (non-201) |',
  '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map((r) => `| ${r.round} | ${r.ticketsAcked.toLocaleString('en')} | ${r.ticketsLost} | ${r.votesAcked.toLocaleString('en')} | ${r.votesLost} | ${r.refused} |`),
  '',
  `Acknowledged writes lost: ${lost}.`,
];
console.log(lines.join('\n'));
console.log(`Written to ${writeSection('Acknowledged writes across kill -9', lines)}.`);
if (lost > 0) process.exit(1);
