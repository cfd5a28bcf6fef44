// The outbox under the conditions it is built for: two app servers on one sqld never send the
// same message twice, and a server killed (-9) in the middle of an SMTP transaction leaves its
// message to another, which sends it once the lease has run out: every message arrives, none twice.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client';
import { outbox, webhooks } from '../../db/schema';
import { startSmtpSink, startWebhookReceiver, waitFor, type SmtpSink, type WebhookReceiver } from './sinks';
import { startServer, tempDatabase, type RunningServer } from './server';
import { sqldSupported, startSqld, type RunningSqld } from './sqld';

async function fileTicket(server: RunningServer, subject: string): Promise<string> {
  const response = await fetch(`${server.url}/api/tickets`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ana Muster', email: 'ana@example.com', product: 'email', subject, description: 'Mail stopped arriving this morning.' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()).reference;
}

const unsent = async (db: Db) => (await db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.sentAt))).length;

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe.runIf(sqldSupported)('two app servers on one sqld', () => {
  let sqld: RunningSqld;
  let db: Db;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    sqld = await startSqld();
    execFileSync(process.execPath, ['scripts/cli/db-migrate.ts'], { env: { ...process.env, DATABASE_URL: sqld.url } });
    db = createDb({ url: sqld.url, authToken: undefined });
    sink = await startSmtpSink({ hold: () => new Promise((r) => setTimeout(r, 10)) });
    receiver = await startWebhookReceiver(() => 'whsec_cluster');
    await db.insert(webhooks).values({ url: `${receiver.url}/cluster`, secret: 'whsec_cluster', events: null });
    for (let i = 0; i < 2; i++) {
      servers.push(await startServer({ DATABASE_URL: sqld.url, SMTP_URL: sink.url, WEBHOOK_ALLOW_PRIVATE: '1', DELIVERY_POLL_MS: '100', TICKET_RATE_LIMIT: '1000' }));
    }
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    db?.$client.close();
    await sink?.close();
    await receiver?.close();
    await sqld?.stop();
  });

  it('each mail and each webhook is sent exactly once, whichever server filed the ticket', async () => {
    const references: string[] = [];
    for (let round = 0; round < 8; round++) {
      references.push(...await Promise.all([0, 1, 0, 1, 0].map((s, i) => fileTicket(servers[s], `Cluster ${round}-${i}`))));
    }
    await waitFor('every message sent', async () => (await unsent(db)) === 0 && sink.mails.length >= references.length && receiver.hooks.length >= references.length, 60_000);

    const mails = countBy(sink.mails, (m) => m.messageId);
    expect(sink.mails.length).toBe(references.length);
    expect([...mails.values()].every((n) => n === 1)).toBe(true);
    for (const reference of references) expect(sink.mails.filter((m) => m.subject.includes(reference)).length, reference).toBe(1);

    const hooks = countBy(receiver.hooks, (h) => h.key);
    expect(receiver.hooks.length).toBe(references.length);
    expect([...hooks.values()].every((n) => n === 1)).toBe(true);
    expect(receiver.hooks.every((h) => h.signed)).toBe(true);
    expect(new Set(receiver.hooks.map((h) => h.body.ticket.reference))).toEqual(new Set(references));
  });
});

describe('kill -9 in the middle of sending', () => {
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let sink: SmtpSink;
  let first: RunningServer;
  let second: RunningServer | undefined;
  let openGate: () => void;
  const gate = new Promise<void>((resolve) => { openGate = resolve; });
  let held = 0;
  let killedDuring = '';

  beforeAll(async () => {
    database = await tempDatabase();
    sink = await startSmtpSink({
      // Nothing is answered until every ticket is filed; the fifth message kills its sender
      // before the sink has said 250, so that message is not delivered and must be sent again.
      hold: async (mail, senderGone) => {
        await gate;
        if (++held === 5) {
          killedDuring = mail.subject;
          first.process.kill('SIGKILL');
          await once(first.process, 'exit');
          await senderGone;
        }
      },
    });
    const env = { DATABASE_URL: database.url, SMTP_URL: sink.url, DELIVERY_CONCURRENCY: '1', DELIVERY_LEASE_SECONDS: '2', DELIVERY_POLL_MS: '200', TICKET_RATE_LIMIT: '1000' };
    first = await startServer(env);
    return async () => {
      await second?.stop();
      await sink.close();
      database.dispose();
    };
  });
  afterAll(() => { if (first.process.exitCode === null && !first.process.killed) first.process.kill('SIGKILL'); });

  it('every message is delivered at least once and none twice', async () => {
    const references: string[] = [];
    for (let i = 0; i < 12; i++) references.push(await fileTicket(first, `Crash ${i}`));
    openGate();
    await waitFor('the kill', () => first.process.signalCode === 'SIGKILL');
    expect(sink.mails.length).toBe(4);
    expect(await unsent(database.db)).toBe(8);

    second = await startServer({ DATABASE_URL: database.url, SMTP_URL: sink.url, DELIVERY_LEASE_SECONDS: '2', DELIVERY_POLL_MS: '200', TICKET_RATE_LIMIT: '1000' });
    await waitFor('every message sent', async () => (await unsent(database.db)) === 0, 60_000);
    for (const reference of references) expect(sink.mails.filter((m) => m.subject.includes(reference)).length, reference).toBe(1);
    expect(sink.mails.some((m) => m.subject === killedDuring)).toBe(true);
    expect(new Set(sink.mails.map((m) => m.messageId)).size).toBe(12);
  });
});
