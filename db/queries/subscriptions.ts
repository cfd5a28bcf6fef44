// SQL for status subscriptions: requests and confirmations, link tokens (stored hashed), and the
// notices of one status event enqueued for every concerned subscriber in ONE INSERT … SELECT.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { confirmationMs, hashToken, type MailText } from '../../src/lib/subscriptions.ts';
import type { Db } from '../client.ts';
import { outbox, statusNoticesSent, statusSubscribers, statusSubscriberTokens, type StatusSubscriber } from '../schema.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What a subscribe request leads to; the page answers the same in every case. */
export type RequestOutcome = { sent: 'confirmation' | 'manage'; subscriberId: number };

/**
 * A subscribe request, in one transaction with its mail: a new or still unconfirmed address gets
 * (again) a confirmation link and the chosen components; a confirmed one gets a manage link and
 * keeps its components (whoever typed the address cannot change them).
 */
export async function requestSubscription(
  db: Db,
  email: string,
  components: string[] | null,
  now: Date,
  mailFor: (outcome: RequestOutcome['sent'], token: string) => MailText,
  token: { token: string; hash: string },
): Promise<RequestOutcome> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(statusSubscribers).where(eq(statusSubscribers.email, email));
    let id: number;
    let sent: RequestOutcome['sent'];
    if (existing?.confirmedAt) {
      id = existing.id;
      sent = 'manage';
    } else if (existing) {
      await tx.update(statusSubscribers).set({ components, requestedAt: now }).where(eq(statusSubscribers.id, existing.id));
      await tx.delete(statusSubscriberTokens).where(and(eq(statusSubscriberTokens.subscriberId, existing.id), eq(statusSubscriberTokens.purpose, 'confirm')));
      id = existing.id;
      sent = 'confirmation';
    } else {
      const [row] = await tx.insert(statusSubscribers).values({ email, components, requestedAt: now }).returning({ id: statusSubscribers.id });
      id = row.id;
      sent = 'confirmation';
    }
    await tx.insert(statusSubscriberTokens).values({ tokenHash: token.hash, subscriberId: id, purpose: sent === 'confirmation' ? 'confirm' : 'manage', createdAt: now });
    const mail = mailFor(sent, token.token);
    await tx.insert(outbox).values({
      kind: sent === 'confirmation' ? 'subscription_confirm' : 'subscription_manage', channel: 'mail',
      recipient: email, subject: mail.subject, body: mail.text, html: mail.html,
    });
    return { sent, subscriberId: id };
  });
}

/** The subscriber a link token belongs to, if the token is known (and, for a confirmation, not expired). */
export async function subscriberByToken(db: Db, token: string, purpose: 'confirm' | 'manage', now: Date): Promise<StatusSubscriber | null> {
  const [row] = await db.select({ subscriber: statusSubscribers, createdAt: statusSubscriberTokens.createdAt })
    .from(statusSubscriberTokens)
    .innerJoin(statusSubscribers, eq(statusSubscribers.id, statusSubscriberTokens.subscriberId))
    .where(and(eq(statusSubscriberTokens.tokenHash, hashToken(token)), eq(statusSubscriberTokens.purpose, purpose)));
  if (!row) return null;
  if (purpose === 'confirm' && row.subscriber.requestedAt.getTime() + confirmationMs < now.getTime()) return null;
  return row.subscriber;
}

/** Confirms the request the token belongs to; the token is used up. Null when it is unknown or expired. */
export async function confirmSubscription(db: Db, token: string, now: Date): Promise<StatusSubscriber | null> {
  const subscriber = await subscriberByToken(db, token, 'confirm', now);
  if (!subscriber) return null;
  await db.batch([
    db.update(statusSubscribers).set({ confirmedAt: subscriber.confirmedAt ?? now }).where(eq(statusSubscribers.id, subscriber.id)),
    db.delete(statusSubscriberTokens).where(eq(statusSubscriberTokens.tokenHash, hashToken(token))),
  ]);
  return { ...subscriber, confirmedAt: subscriber.confirmedAt ?? now };
}

export async function setSubscriberComponents(db: Db, id: number, components: string[] | null): Promise<void> {
  await db.update(statusSubscribers).set({ components }).where(eq(statusSubscribers.id, id));
}

/** Deletes the subscriber, its tokens and whatever mail still waits for it. */
export async function removeSubscriber(db: Db, id: number): Promise<void> {
  await db.batch([
    db.delete(outbox).where(and(eq(outbox.subscriberId, id), isNull(outbox.sentAt))),
    // Mail already sent stays in the outbox's history, no longer tied to the subscriber.
    db.update(outbox).set({ subscriberId: null }).where(eq(outbox.subscriberId, id)),
    db.delete(statusSubscriberTokens).where(eq(statusSubscriberTokens.subscriberId, id)),
    db.delete(statusSubscribers).where(eq(statusSubscribers.id, id)),
  ]);
}

/**
 * Records that the notice `key` was sent; false when it had been (by this or another server), in
 * which case nothing is to be enqueued. Runs in the caller's transaction with the enqueue.
 */
export async function claimNotice(tx: Tx | Db, key: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(statusNoticesSent).values({ key, at }).onConflictDoNothing().returning({ key: statusNoticesSent.key });
  return rows.length === 1;
}

/**
 * One notice to every confirmed subscriber of everything or of one of `affected`, in one
 * statement (10,000 subscribers are one INSERT … SELECT, not 10,000 round trips). The manage link
 * is a placeholder filled when each message is sent. Returns how many were enqueued.
 */
export async function enqueueNotices(tx: Tx | Db, mail: MailText, affected: string[]): Promise<number> {
  // Priority 1: bulk, sent after every waiting ticket mail and alert (see outbox.priority).
  const result = await tx.run(sql`insert into ${outbox} (kind, channel, recipient, subject, body, html, subscriber_id, priority)
    select 'status_notice', 'mail', ${statusSubscribers.email}, ${mail.subject}, ${mail.text}, ${mail.html}, ${statusSubscribers.id}, 1
    from ${statusSubscribers}
    where ${statusSubscribers.confirmedAt} is not null
      and (${statusSubscribers.components} is null
        or exists (select 1 from json_each(${statusSubscribers.components}) where value in (select value from json_each(${JSON.stringify(affected)}))))`);
  return result.rowsAffected;
}

/**
 * Manage tokens for messages about to be sent, one per message, in one INSERT; returns the ids of
 * the subscribers that still exist (a message to one who left is not sent).
 */
export async function issueManageTokens(db: Db, tokens: Array<{ subscriberId: number; hash: string }>, now: Date): Promise<Set<number>> {
  if (!tokens.length) return new Set();
  const ids = [...new Set(tokens.map((t) => t.subscriberId))];
  const existing = new Set((await db.select({ id: statusSubscribers.id }).from(statusSubscribers).where(inArray(statusSubscribers.id, ids))).map((r) => r.id));
  const rows = tokens.filter((t) => existing.has(t.subscriberId)).map((t) => ({ tokenHash: t.hash, subscriberId: t.subscriberId, purpose: 'manage' as const, createdAt: now }));
  if (rows.length) await db.insert(statusSubscriberTokens).values(rows);
  return existing;
}

export async function deleteMessages(db: Db, ids: number[]): Promise<void> {
  if (ids.length) await db.delete(outbox).where(inArray(outbox.id, ids));
}
