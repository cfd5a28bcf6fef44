// `npm run bench:notify` (a first skeleton): how fast the delivery worker empties the outbox into
// a local SMTP server. N mails are enqueued in one transaction (timed), then `npm run worker`
// runs as its own process against a throwaway embedded database and the time until the last is
// marked sent gives messages per second. Prints the figures; nothing is written to docs yet.
// Options: --messages N (default 2000), --concurrency N (default 8).
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { isNull, sql } from 'drizzle-orm';
import { enqueueMail } from '../../db/queries/outbox.ts';
import { outbox } from '../../db/schema.ts';
import { tempDatabase } from '../../tests/e2e/server.ts';
import { startSmtpSink } from '../../tests/e2e/sinks.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '8' } } });
const total = Number(values.messages);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(total) || total <= 0 || !Number.isInteger(concurrency) || concurrency <= 0) {
  console.error('bench:notify: --messages and --concurrency must be whole numbers greater than 0, e.g. --messages 2000 --concurrency 8');
  process.exit(1);
}

const database = await tempDatabase();
const sink = await startSmtpSink();
const { db } = database;

const enqueueStarted = performance.now();
const statements = Array.from({ length: total }, (_, i) => enqueueMail(db, {
  kind: 'confirmation', recipient: `subscriber-${i}@example.com`, subject: `Incident update ${i}`,
  body: 'Mail delivery is delayed for some customers. We are working on it and will post an update within 30 minutes.',
}));
await db.batch([statements[0], ...statements.slice(1)]);
const enqueueMs = performance.now() - enqueueStarted;

const unsent = async () => (await db.select({ n: sql<number>`count(*)` }).from(outbox).where(isNull(outbox.sentAt)))[0].n;
const worker = spawn(process.execPath, ['scripts/server/worker.ts'], {
  env: { ...process.env, DATABASE_URL: database.url, SMTP_URL: sink.url, DELIVERY_CONCURRENCY: String(concurrency), DELIVERY_POLL_MS: '200' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const deliveryStarted = performance.now();
let firstAt: number | null = null;
for (;;) {
  const left = await unsent();
  if (firstAt === null && left < total) firstAt = performance.now();
  if (left === 0) break;
  if (worker.exitCode !== null) throw new Error(`The worker exited (${worker.exitCode}) with ${left} messages unsent`);
  await new Promise((r) => setTimeout(r, 50));
}
const deliveryMs = performance.now() - deliveryStarted;
const sendingMs = performance.now() - (firstAt ?? deliveryStarted);
worker.kill('SIGTERM');
await new Promise((r) => worker.once('exit', r));
await sink.close();
database.dispose();

console.log(`bench:notify, ${total} mails, worker concurrency ${concurrency}, embedded database, local SMTP server (smtp-server)`);
console.log(`  enqueue in one transaction: ${enqueueMs.toFixed(0)} ms`);
console.log(`  delivery: ${(deliveryMs / 1000).toFixed(1)} s from worker start (${(total / (deliveryMs / 1000)).toFixed(0)} messages/s), ${(total / (sendingMs / 1000)).toFixed(0)} messages/s once sending`);
console.log(`  received by the sink: ${sink.mails.length}`);
