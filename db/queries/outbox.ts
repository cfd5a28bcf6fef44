// SQL for the outbox (mail and webhooks): enqueueing inside the caller's transaction, claiming
// with a lease, recording outcomes, and the failed messages admins retry from the console.
// Leases and backoff are on the real clock (they are about processes, not about SLA time).
import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { OutboxChannel, OutboxKind } from '../../src/lib/outbox.ts';
import { receivesStatus, type WebhookEvent } from '../../src/lib/webhooks.ts';
import type { Db } from '../client.ts';
import { outbox, webhooks, type OutboxMessage } from '../schema.ts';

export type NewMail = { recipient: string; subject: string; body: string; kind: OutboxKind };

/**
 * The enqueue API: statements that put messages in the outbox, to run in the caller's own
 * `db.batch([...])` or transaction with the event that causes them, so an event is never stored
 * without its messages nor a message without its event. `ticketId` may be a subquery for a
 * ticket inserted in the same batch.
 */
export function enqueueMail(db: Db, mail: NewMail, ticketId: number | SQL | null = null) {
  return db.insert(outbox).values({ ...mail, channel: 'mail', ticketId });
}

/** One webhook message per enabled webhook registered for the event (none when there is none). */
export function enqueueWebhooks(db: Db, event: WebhookEvent, kind: OutboxKind, body: string, ticketId: number | SQL | null = null) {
  return db.run(sql`insert into ${outbox} (kind, channel, webhook_id, recipient, subject, body, ticket_id)
    select ${kind}, 'webhook', ${webhooks.id}, ${webhooks.url}, ${event}, ${body}, ${ticketId}
    from ${webhooks} where ${webhooks.enabled} = 1 and (${webhooks.events} is null or exists (select 1 from json_each(${webhooks.events}) where value = ${event}))`);
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Status payloads for the enabled webhooks that take them (receivesStatus: the event type, and
 * every component or one the payload is about). Webhooks are few (registered by hand), so they
 * are read once and chosen by the pure rule rather than by a second copy of it in SQL. Runs in
 * the caller's transaction with the status write. Returns how many messages were enqueued.
 */
export async function enqueueStatusWebhooks(tx: Tx | Db, kind: OutboxKind, payloads: Array<{ event: WebhookEvent; body: string; components: string[] }>): Promise<number> {
  if (!payloads.length) return 0;
  const hooks = await tx.select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, components: webhooks.components }).from(webhooks).where(eq(webhooks.enabled, true));
  const rows = payloads.flatMap((p) => hooks.filter((h) => receivesStatus(h, p.event, p.components))
    .map((h) => ({ kind, channel: 'webhook' as const, webhookId: h.id, recipient: h.url, subject: p.event, body: p.body })));
  if (rows.length) await tx.insert(outbox).values(rows);
  return rows.length;
}

/**
 * Takes up to `limit` messages that are due, in one UPDATE … RETURNING: SQLite runs it under its
 * write lock, so two workers (two app servers on one sqld) never take the same message, and a
 * message whose lease ran out (its worker was killed) is taken over. The attempt is counted at
 * the claim, so a message that kills its worker still runs out of attempts.
 */
export async function claimDue(db: Db, options: { owner: string; now: number; leaseMs: number; limit: number; channels: OutboxChannel[] }): Promise<OutboxMessage[]> {
  if (!options.channels.length) return [];
  const due = db.select({ id: outbox.id }).from(outbox).where(and(
    isNull(outbox.sentAt), isNull(outbox.failedAt), inArray(outbox.channel, options.channels),
    sql`coalesce(${outbox.nextAttemptAt}, 0) <= ${options.now}`, sql`coalesce(${outbox.leaseUntil}, 0) <= ${options.now}`,
  )).orderBy(outbox.priority, outbox.id).limit(options.limit);
  return db.update(outbox)
    .set({ leaseUntil: new Date(options.now + options.leaseMs), leaseOwner: options.owner, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due)).returning();
}

export async function markSent(db: Db, id: number, at: Date): Promise<void> {
  await db.update(outbox).set({ sentAt: at, leaseUntil: null, leaseOwner: null, lastError: null, nextAttemptAt: null }).where(eq(outbox.id, id));
}

/** A failed attempt: retry after `retryAt`, or park the message (retryAt null) for an admin. */
export async function markAttemptFailed(db: Db, id: number, owner: string, error: string, retryAt: Date | null, at: Date): Promise<void> {
  await db.update(outbox)
    .set({ lastError: error.slice(0, 500), leaseUntil: null, leaseOwner: null, nextAttemptAt: retryAt, failedAt: retryAt ? null : at })
    .where(and(eq(outbox.id, id), eq(outbox.leaseOwner, owner)));
}

/** The earliest real-clock instant a message will be due (ignoring leases), or null when none waits. */
export async function nextDueAt(db: Db, channels: OutboxChannel[]): Promise<number | null> {
  if (!channels.length) return null;
  const [row] = await db.select({ at: sql<number | null>`min(max(coalesce(${outbox.nextAttemptAt}, 0), coalesce(${outbox.leaseUntil}, 0)))` })
    .from(outbox).where(and(isNull(outbox.sentAt), isNull(outbox.failedAt), inArray(outbox.channel, channels)));
  return row?.at ?? null;
}

/** Parked messages, newest first, for the console. */
export async function failedMessages(db: Db, limit = 200): Promise<OutboxMessage[]> {
  return db.select().from(outbox).where(isNotNull(outbox.failedAt)).orderBy(desc(outbox.failedAt), desc(outbox.id)).limit(limit);
}

/** Puts a parked message back in line with a fresh set of attempts; false when it was not parked. */
export async function retryMessage(db: Db, id: number): Promise<boolean> {
  const updated = await db.update(outbox).set({ failedAt: null, attempts: 0, nextAttemptAt: null, leaseUntil: null, leaseOwner: null })
    .where(and(eq(outbox.id, id), isNotNull(outbox.failedAt))).returning({ id: outbox.id });
  return updated.length === 1;
}

/** How many messages wait to be sent and how many are parked, for the console's summary. */
export async function outboxCounts(db: Db): Promise<{ waiting: number; failed: number }> {
  const [row] = await db.select({
    waiting: sql<number>`coalesce(sum(case when ${outbox.sentAt} is null and ${outbox.failedAt} is null then 1 else 0 end), 0)`,
    failed: sql<number>`coalesce(sum(case when ${outbox.failedAt} is not null then 1 else 0 end), 0)`,
  }).from(outbox);
  return { waiting: Number(row?.waiting ?? 0), failed: Number(row?.failed ?? 0) };
}
