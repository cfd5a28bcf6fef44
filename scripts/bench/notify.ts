// `npm run bench:notify`: N confirmed status subscribers (default 10,000) told of one incident.
// The incident is posted through the status store, which enqueues every notice in its own
// transaction (one INSERT … SELECT): that write is timed. Then `npm run worker` runs as its own
// process against the throwaway embedded database and delivers into a local SMTP server
// (smtp-server); the time until the last notice is marked sent gives messages per second. Each
// notice gets its own manage link (a token stored hashed) and List-Unsubscribe at send time.
// Options: --subscribers N (default 10000), --concurrency N (default 8), --no-doc (print only).
import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { outbox } from '../../db/schema.ts';
import { createIncident } from '../../src/server/status-store.ts';
import { desk } from './lib/desk.ts';
import { tempDatabase } from '../../tests/e2e/server.ts';
import { startSmtpSink } from '../../tests/e2e/sinks.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '8' }, 'no-doc': { type: 'boolean', default: false } } });
const total = Number(values.subscribers);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(total) || total <= 0 || !Number.isInteger(concurrency) || concurrency <= 0) {
  console.error('bench:notify: --subscribers and --concurrency must be whole numbers greater than 0, e.g. --subscribers 10000 --concurrency 8');
  process.exit(1);
}

const database = await tempDatabase();
const sink = await startSmtpSink();
const { db } = database;

// Confirmed subscribers: a third of everything, the rest of the affected component.
await db.run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${total})
  insert into status_subscribers (email, components, requested_at, confirmed_at)
  select 'subscriber-' || i || '@example.com', case when i % 3 = 0 then null else json_array('mailboxes') end, 0, 0 from n`);

const loadAtStart = os.loadavg()[0];
const enqueueStarted = performance.now();
const posted = await createIncident(db, {
  title: 'Mail delays for some mailboxes', impact: 'major', status: 'investigating',
  components: [{ id: 'mailboxes', status: 'partial_outage' }],
  message: 'Mail delivery is delayed for some customers. We are working on it and will post an update within 30 minutes.',
}, { name: 'bench', via: 'cli' }, new Date(), desk);
const enqueueMs = performance.now() - enqueueStarted;
if (!posted.ok) throw new Error(`bench:notify: the incident was refused: ${posted.message}`);
const notices = (await db.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.kind, 'status_notice')))[0].n;

const unsent = async () => (await db.select({ n: sql<number>`count(*)` }).from(outbox).where(and(isNull(outbox.sentAt), eq(outbox.kind, 'status_notice'))))[0].n;
const worker = spawn(process.execPath, ['scripts/server/worker.ts'], {
  env: { ...process.env, DATABASE_URL: database.url, SMTP_URL: sink.url, DELIVERY_CONCURRENCY: String(concurrency), DELIVERY_POLL_MS: '200' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const deliveryStarted = performance.now();
let firstAt: number | null = null;
for (;;) {
  const left = await unsent();
  if (firstAt === null && left < notices) firstAt = performance.now();
  if (left === 0) break;
  if (worker.exitCode !== null) throw new Error(`The worker exited (${worker.exitCode}) with ${left} messages unsent`);
  await new Promise((r) => setTimeout(r, 50));
}
const deliveryMs = performance.now() - deliveryStarted;
const sendingMs = performance.now() - (firstAt ?? deliveryStarted);
worker.kill('SIGTERM');
await new Promise((r) => worker.once('exit', r));
await sink.close();
const withUnsubscribe = sink.mails.filter((m) => /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/mi.test(m.data)).length;
database.dispose();

const rate = notices / (deliveryMs / 1000);
const lines = [
  `Machine: ${machine()}, load average ${loadAtStart.toFixed(1)} at the start (other work on the machine slows delivery). Command: \`npm run bench:notify -- --subscribers ${total} --concurrency ${concurrency}\`.`,
  '',
  `${total} confirmed subscribers, ${notices} of them concerned by one incident (everything, or the affected component).`,
  '',
  '| Step | Figure | Goal |',
  '| --- | --- | --- |',
  `| Post the incident with every notice enqueued (one transaction, one INSERT … SELECT) | ${enqueueMs.toFixed(0)} ms | < 2,000 ms |`,
  `| Delivery into a local SMTP server, from worker start | ${(deliveryMs / 1000).toFixed(1)} s, ${rate.toFixed(0)} messages/s (${(notices / (sendingMs / 1000)).toFixed(0)}/s once sending) | ≥ 500 messages/s |`,
  `| Received by the sink, each with List-Unsubscribe-Post | ${sink.mails.length} (${withUnsubscribe}) | all |`,
];
console.log(lines.join('\n'));
if (!values['no-doc']) console.log(`\nWritten to ${writeSection('Status notices (npm run bench:notify)', lines)}.`);
