// `npm run bench:notify`: N confirmed status subscribers (default 10,000) told of an incident by
// the built server's own delivery worker, and what that delivery costs the endpoints customers
// use meanwhile. One server on a throwaway embedded database, its mail going to a local SMTP
// server (smtp-server, in a process of its own):
//   1. the incident is posted through the status API, which enqueues every notice in the post's
//      transaction (one INSERT … SELECT); the post is timed, then the worker's delivery alone;
//   2. ticket filing (POST /api/tickets) and helpfulness votes (POST /api/feedback) are loaded
//      with autocannon for --duration seconds each, with nothing else going on;
//   3. an update to the incident enqueues N notices again, and the same two loads run while the
//      worker delivers them: requests/s and p99 against step 2, and the delivery rate meanwhile;
//   4. the two loads once more alone, so the spread between 2 and 4 shows the machine's noise.
// Beside each load run: the mails the worker sent meanwhile, and how long each ticket's own
// confirmation mail took (it waits in the same outbox, behind the notices).
// Each notice gets its own manage link (a token stored hashed) and List-Unsubscribe at send time.
// Options: --subscribers N (default 10000), --concurrency N (the worker's, default 8),
// --duration S (each load run, default 5), --connections N (default 32), --no-doc (print only).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { ensureBuild, load, type LoadResult } from './lib/load.ts';
import { ticketRequest, voteRequest } from './lib/requests.ts';
import { startSmtpSinkProcess } from './lib/smtp-sink.ts';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '8' },
    duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '32' }, 'no-doc': { type: 'boolean', default: false },
  },
});
const total = Number(values.subscribers);
const concurrency = Number(values.concurrency);
const duration = Number(values.duration);
const connections = Number(values.connections);
if (![total, concurrency, duration, connections].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('bench:notify: --subscribers, --concurrency, --duration and --connections must be whole numbers greater than 0, e.g. --subscribers 10000 --concurrency 8 --duration 5 --connections 32');
  process.exit(1);
}
ensureBuild();

const database = await tempDatabase();
const { db } = database;
const env = { ...process.env, DATABASE_URL: database.url };
execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { env });
const token = /Token: (\S+)/.exec(execFileSync(process.execPath, ['scripts/cli/staff.ts', 'token', 'add', '--name', 'bench:notify'], { env, encoding: 'utf8' }))?.[1];
if (!token) throw new Error('bench:notify: `npm run staff -- token add` printed no token');

// Confirmed subscribers: a third of everything, the rest of the affected component.
await db.run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${total})
  insert into status_subscribers (email, components, requested_at, confirmed_at)
  select 'subscriber-' || i || '@example.com', case when i % 3 = 0 then null else json_array('mailboxes') end, 0, 0 from n`);

const sink = await startSmtpSinkProcess();
const limitless = '100000000';
const server = await startServer({
  DATABASE_URL: database.url, SMTP_URL: sink.url, DELIVERY_CONCURRENCY: String(concurrency), DELIVERY_POLL_MS: '200',
  TICKET_RATE_LIMIT: limitless, TICKET_KEY_RATE_LIMIT: limitless, FEEDBACK_RATE_LIMIT: limitless,
});
const loadAverages = [os.loadavg()[0]];

const first = <T>(rows: T[]) => rows[0];
const lastOutboxId = async () => first(await db.all<{ id: number }>(sql`select coalesce(max(id), 0) as id from outbox`)).id;

/** Waits until nothing is left to send (`kind` only, or anything), failing if the server dies or after 10 minutes. */
async function drained(afterId: number, kind: 'status_notice' | null) {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const { n } = first(await db.all<{ n: number }>(sql`select count(*) as n from outbox
      where id > ${afterId} and sent_at is null and failed_at is null ${kind ? sql`and kind = ${kind}` : sql``}`));
    if (n === 0) return;
    if (server.process.exitCode !== null) throw new Error(`bench:notify: the server exited (${server.process.exitCode}) with ${n} messages unsent`);
    if (Date.now() > deadline) throw new Error(`bench:notify: ${n} messages still unsent after 10 minutes`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Posts to the status API as a monitoring tool would; the answer comes once the notices are enqueued. */
async function postStatus(method: 'POST' | 'PATCH', path: string, body: unknown) {
  const afterId = await lastOutboxId();
  const started = Date.now();
  const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const ms = Date.now() - started;
  if (!response.ok) throw new Error(`bench:notify: ${method} ${path} answered ${response.status}: ${await response.text()}`);
  const { n } = first(await db.all<{ n: number }>(sql`select count(*) as n from outbox where id > ${afterId} and kind = 'status_notice'`));
  return { afterId, started, ms, notices: n, id: (await response.json()).id as string };
}

/** When the notices after `afterId` went out (real clock, ms), and how many went out within [from, to). */
async function sendTimes(afterId: number) {
  const { n, firstAt, lastAt } = first(await db.all<{ n: number; firstAt: number; lastAt: number }>(sql`select count(*) as n, min(sent_at) as firstAt, max(sent_at) as lastAt
    from outbox where id > ${afterId} and kind = 'status_notice' and sent_at is not null`));
  const within = async (from: number, to: number) => first(await db.all<{ n: number }>(sql`select count(*) as n
    from outbox where id > ${afterId} and kind = 'status_notice' and sent_at >= ${from} and sent_at < ${to}`)).n;
  return { n, firstAt, lastAt, within };
}

/** Mails of any kind (notices, the tickets' own) the worker sent within [from, to). */
const mailsWithin = async (from: number, to: number) => first(await db.all<{ n: number }>(sql`select count(*) as n
  from outbox where channel = 'mail' and sent_at >= ${from} and sent_at < ${to}`)).n;

const perSecond = (n: number, ms: number) => (ms > 0 ? n / (ms / 1000) : 0);
const whole = (n: number) => Math.round(n).toLocaleString('en');

interface Run { result: LoadResult; from: number; to: number; mailsPerSecond?: number; confirmationDelays?: number[] }

/** For each ticket received within [from, to): how long (ms) until its confirmation mail was sent. */
const confirmationDelays = async (from: number, to: number) => (await db.all<{ ms: number }>(sql`select outbox.sent_at - tickets.received_at as ms
  from outbox join tickets on tickets.id = outbox.ticket_id
  where outbox.kind = 'confirmation' and tickets.received_at >= ${from} and tickets.received_at < ${to} and outbox.sent_at is not null`)).map((r) => r.ms).sort((x, y) => x - y);
/** Tickets for `duration` seconds, then votes for as long. */
async function endpoints(name: string) {
  const timed = async (run: () => Promise<LoadResult>): Promise<Run> => {
    const from = Date.now();
    const result = await run();
    return { result, from, to: Date.now() };
  };
  const tickets = await timed(() => load(`${server.url}/api/tickets`, { duration, connections, request: ticketRequest }));
  const votes = await timed(() => load(`${server.url}/api/feedback`, { duration, connections, request: (n) => voteRequest(n, `${name}-`) }));
  loadAverages.push(os.loadavg()[0]);
  return { tickets, votes };
}

// A second of each load first, unmeasured, so the server's code is warm for every column.
await load(`${server.url}/api/tickets`, { duration: 1, connections, request: ticketRequest });
await load(`${server.url}/api/feedback`, { duration: 1, connections, request: (n) => voteRequest(n, 'warm-') });
await drained(0, null);

// 1. The incident, delivered with nothing else going on.
const incident = await postStatus('POST', '/api/status/incidents', {
  title: 'Mail delays for some mailboxes', impact: 'major', status: 'investigating',
  components: [{ id: 'mailboxes', status: 'partial_outage' }],
  message: 'Mail delivery is delayed for some customers. We are working on it and will post an update within 30 minutes.',
});
await drained(incident.afterId, 'status_notice');
const alone = await sendTimes(incident.afterId);
loadAverages.push(os.loadavg()[0]);

// 2. The endpoints alone (their own mail is delivered meanwhile, as always).
const before = await endpoints('before');
await drained(0, null);

// 3. The same while the update's notices go out.
const update = await postStatus('PATCH', `/api/status/incidents/${incident.id}`, {
  status: 'identified', message: 'A storage node answers slowly; we are moving mailboxes off it. Next update within 30 minutes.',
});
const during = await endpoints('during');
await drained(update.afterId, 'status_notice');
const loaded = await sendTimes(update.afterId);
const noticesWithin = async (run: Run) => `${whole(perSecond(await loaded.within(run.from, run.to), run.to - run.from))} notices/s`;
const [ticketWindow, voteWindow] = [await noticesWithin(during.tickets), await noticesWithin(during.votes)];
await drained(0, null);

// 4. Alone again.
const after = await endpoints('after');
await drained(0, null);

// What the worker sent during each load run, the tickets' own mail included.
for (const run of [before, during, after].flatMap((r) => [r.tickets, r.votes])) run.mailsPerSecond = perSecond(await mailsWithin(run.from, run.to), run.to - run.from);
for (const { tickets: run } of [before, during, after]) run.confirmationDelays = await confirmationDelays(run.from, run.to);
const received = await sink.count();
await server.stop();
await sink.close();
database.dispose();

// ---------------------------------------------------------------------------------------------
// Figures

const rateOf = (r: LoadResult) => r['2xx'] / r.duration;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const change = (now: number, then: number) => (then ? `${now >= then ? '+' : '−'}${Math.abs(((now - then) / then) * 100).toFixed(0)} %` : 'n/a');
const cell = (run: Run) => `${whole(rateOf(run.result))}/s, p99 ${run.result.latency.p99} ms (${whole(run.mailsPerSecond ?? 0)} mails/s)`;

function throughputRow(label: string, pick: (runs: { tickets: Run; votes: Run }) => Run) {
  const [b, d, a] = [pick(before), pick(during), pick(after)];
  const aloneRate = (rateOf(b.result) + rateOf(a.result)) / 2;
  const aloneP99 = (b.result.latency.p99 + a.result.latency.p99) / 2;
  return `| ${label} | ${cell(b)} | ${cell(d)} | ${cell(a)} | ${change(rateOf(d.result), aloneRate)} requests/s, ${change(d.result.latency.p99, aloneP99)} p99 |`;
}

const notices = incident.notices + update.notices;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const delayCell = (run: Run) => {
  const delays = run.confirmationDelays ?? [];
  return `${seconds(quantile(delays, 0.5))} / ${seconds(quantile(delays, 0.99))} / ${seconds(delays.at(-1) ?? NaN)} (${delays.length.toLocaleString('en')} tickets)`;
};
const loadEnd = during.votes.to;
const covered = loaded.lastAt >= loadEnd
  ? `The update's delivery lasted past both load runs (until ${seconds(loaded.lastAt - loadEnd)} after the last).`
  : `The update's delivery ended ${seconds(loadEnd - loaded.lastAt)} before the load did: part of the "while" column ran with nothing left to deliver (use more --subscribers or a shorter --duration).`;
const failures = [before, during, after].flatMap((r) => [r.tickets.result, r.votes.result]).reduce((sum, r) => sum + r.non2xx + r.errors, 0);

const lines = [
  `Machine: ${machine()}; load average ${loadAverages.map((l) => l.toFixed(1)).join(' → ')} over the run (other work on the machine slows everything here). Command: \`npm run bench:notify -- --subscribers ${total} --concurrency ${concurrency} --duration ${duration} --connections ${connections}\`.`,
  '',
  `One built server (embedded database, synchronous=FULL) with its own delivery worker (${concurrency} sends at a time) and a local SMTP server. ${total.toLocaleString('en')} confirmed subscribers, ${incident.notices.toLocaleString('en')} of them concerned by the incident (everything, or the affected component); the incident and its update are posted through the status API.`,
  '',
  '| Step | Figure | Goal |',
  '| --- | --- | --- |',
  `| Post the incident, every notice enqueued in its transaction (one INSERT … SELECT), through the status API | ${incident.ms} ms | < 2,000 ms |`,
  `| Its delivery by the server's worker, nothing else running | ${seconds(alone.lastAt - incident.started)}, ${whole(perSecond(alone.n, alone.lastAt - incident.started))} messages/s (${whole(perSecond(alone.n, alone.lastAt - alone.firstAt))}/s first to last) | ≥ 500 messages/s |`,
  `| Post the update, ${update.notices.toLocaleString('en')} notices enqueued | ${update.ms} ms | < 2,000 ms |`,
  `| Its delivery while tickets, then votes, are filed as fast as they go | ${seconds(loaded.lastAt - update.started)}, ${whole(perSecond(loaded.n, loaded.lastAt - update.started))} messages/s; ${ticketWindow} during the ticket load, ${voteWindow} during the vote load | |`,
  `| Notices received by the SMTP server, each with List-Unsubscribe-Post | ${received.oneClick.toLocaleString('en')} of ${notices.toLocaleString('en')} (${received.mails.toLocaleString('en')} mails in all, with the tickets' own) | all |`,
  '',
  `Ticket filing and helpfulness votes, autocannon on loopback, ${connections} connections, ${duration} s each, alone and while the update's ${update.notices.toLocaleString('en')} notices go out. Half the tickets with a Pro key (1 in 20 an emergency). In brackets, the mails the worker sent meanwhile: each ticket's own mail goes through the same outbox, behind any notices waiting.`,
  '',
  '| Endpoint | Alone (before) | While the notices go out | Alone (after) | While, against the mean of alone |',
  '| --- | ---: | ---: | ---: | ---: |',
  throughputRow('POST /api/tickets', (r) => r.tickets),
  throughputRow('POST /api/feedback', (r) => r.votes),
  `| A ticket's confirmation mail, from filing to sent: median / p99 / max | ${delayCell(before.tickets)} | ${delayCell(during.tickets)} | ${delayCell(after.tickets)} | |`,
  '',
  `${covered} Non-2xx answers and errors in all six runs: ${failures}. Read the "while" column against the spread between "before" and "after": a difference smaller than that spread is the machine, not the notices.`,
];
console.log(lines.join('\n'));
if (!values['no-doc']) console.log(`\nWritten to ${writeSection('Status notices (npm run bench:notify)', lines)}.`);
if (received.oneClick !== notices || failures > 0) process.exit(1);
