// The outbox and alert SQL against a throwaway database migrated from db/migrations, with two
// connections standing in for two workers.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { claimDue, enqueueMail, enqueueWebhooks, markAttemptFailed, retryMessage } from '../../db/queries/outbox';
import { raiseAlert } from '../../db/queries/sla-alerts';
import { outbox, slaAlerts, tickets, webhooks } from '../../db/schema';
import { type TempDatabase, withTwoConnections } from './two-connections';

let database: TempDatabase;
let other: Db;
withTwoConnections((d, o) => {
  database = d;
  other = o;
});

const mail = (i: number) => ({ kind: 'confirmation' as const, recipient: `c${i}@example.com`, subject: `s${i}`, body: 'b' });
const claim = (db: Db, owner: string, now = Date.now()) => claimDue(db, { owner, now, leaseMs: 60_000, limit: 7, channels: ['mail', 'webhook'] });

describe('claimDue', () => {
  it('never gives one message to two workers claiming at the same time', async () => {
    const statements = Array.from({ length: 50 }, (_, i) => enqueueMail(database.db, mail(i)));
    await database.db.batch([statements[0], ...statements.slice(1)]);
    const taken: number[] = [];
    const work = async (db: Db, owner: string) => {
      for (let batch = await claim(db, owner); batch.length; batch = await claim(db, owner)) taken.push(...batch.map((m) => m.id));
    };
    await Promise.all([work(database.db, 'a'), work(other, 'b')]);
    expect(taken.length).toBe(50);
    expect(new Set(taken).size).toBe(50);
  });

  it('takes over a message whose lease ran out, and leaves one waiting out its backoff', async () => {
    await database.db.batch([enqueueMail(database.db, mail(1)), enqueueMail(database.db, mail(2))]);
    const now = Date.now();
    const [first, second] = await claim(database.db, 'a', now);
    expect(await claim(other, 'b', now + 59_000)).toEqual([]);
    await markAttemptFailed(database.db, second.id, 'a', 'refused', new Date(now + 120_000), new Date(now));
    const takenOver = await claim(other, 'b', now + 61_000);
    expect(takenOver.map((m) => [m.id, m.attempts, m.leaseOwner])).toEqual([[first.id, 2, 'b']]);
    expect((await claim(other, 'b', now + 120_500)).map((m) => m.id)).toEqual([second.id]);
  });

  it('puts a parked message back in line on retry, with fresh attempts', async () => {
    await database.db.batch([enqueueMail(database.db, mail(1))]);
    const [message] = await claim(database.db, 'a');
    await markAttemptFailed(database.db, message.id, 'a', 'refused', null, new Date());
    expect(await claim(database.db, 'a', Date.now() + 3_600_000)).toEqual([]);
    expect(await retryMessage(database.db, message.id)).toBe(true);
    expect(await retryMessage(database.db, message.id)).toBe(false);
    expect((await claim(database.db, 'a')).map((m) => [m.id, m.attempts])).toEqual([[message.id, 1]]);
  });
});

describe('enqueueWebhooks', () => {
  it('writes one message per enabled webhook registered for the event', async () => {
    await database.db.insert(webhooks).values([
      { url: 'https://a.example/', secret: 's', events: null },
      { url: 'https://b.example/', secret: 's', events: ['ticket.created'] },
      { url: 'https://c.example/', secret: 's', events: ['incident.created'] },
      { url: 'https://d.example/', secret: 's', events: null, enabled: false },
    ]);
    await database.db.batch([enqueueWebhooks(database.db, 'ticket.created', 'ticket_created', '{"x":1}')]);
    const rows = await database.db.select().from(outbox);
    expect(rows.map((r) => [r.channel, r.recipient, r.subject, r.body]).sort()).toEqual([
      ['webhook', 'https://a.example/', 'ticket.created', '{"x":1}'],
      ['webhook', 'https://b.example/', 'ticket.created', '{"x":1}'],
    ]);
  });
});

describe('raiseAlert', () => {
  it('raises an alert and writes its mails once, even when two workers raise it together', async () => {
    const [ticket] = await database.db.insert(tickets).values({
      reference: 'T-0000-0000-0000-0001', plan: 'pro', queue: 'pro', name: 'Ana', email: 'ana@example.com', product: 'email',
      subject: 'Down', description: 'Nothing works.', receivedAt: new Date('2026-12-01T09:00:00Z'), firstResponseDueAt: new Date('2026-12-01T11:00:00Z'),
    }).returning();
    const mails = [{ kind: 'sla_warning' as const, recipient: 'pro-desk@example.com', subject: 'SLA warning', body: 'Due soon.' }];
    const at = new Date('2026-12-01T10:30:00Z');
    const results = await Promise.all([raiseAlert(database.db, ticket.id, 'warning', at, mails), raiseAlert(other, ticket.id, 'warning', at, mails)]);
    expect(results.filter(Boolean).length).toBe(1);
    expect(await database.db.select().from(slaAlerts).where(eq(slaAlerts.ticketId, ticket.id))).toHaveLength(1);
    expect(await database.db.select().from(outbox).where(eq(outbox.kind, 'sla_warning'))).toHaveLength(1);
    expect(await raiseAlert(database.db, ticket.id, 'warning', at, mails)).toBe(false);
    expect(await database.db.select().from(outbox).where(eq(outbox.kind, 'sla_warning'))).toHaveLength(1);
  });
});
