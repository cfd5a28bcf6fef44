// SQL for webhook registrations: the console's list, adding, enabling and deleting, and the
// failure count that disables a target which keeps failing.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outbox, staff, webhooks, type Webhook } from '../schema.ts';

export async function listWebhooks(db: Db): Promise<Webhook[]> {
  return db.select().from(webhooks).orderBy(asc(webhooks.id));
}

export async function webhookById(db: Db, id: number): Promise<Webhook | undefined> {
  const [found] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  return found;
}

export async function addWebhook(db: Db, values: { url: string; events: string[] | null; components: string[] | null; secret: string; createdBy: number | null }): Promise<Webhook> {
  const [created] = await db.insert(webhooks).values(values).returning();
  return created;
}

/** Deletes a webhook with its unsent messages; sent ones stay (for the purge) without it. */
export async function deleteWebhook(db: Db, id: number): Promise<void> {
  await db.batch([
    db.delete(outbox).where(and(eq(outbox.webhookId, id), sql`${outbox.sentAt} is null`)),
    db.update(outbox).set({ webhookId: null }).where(eq(outbox.webhookId, id)),
    db.delete(webhooks).where(eq(webhooks.id, id)),
  ]);
}

/** Enables a disabled webhook again, and puts the messages parked because of it back in line. */
export async function enableWebhook(db: Db, id: number): Promise<void> {
  await db.batch([
    db.update(webhooks).set({ enabled: true, consecutiveFailures: 0, disabledAt: null }).where(eq(webhooks.id, id)),
    db.update(outbox).set({ failedAt: null, attempts: 0, nextAttemptAt: null }).where(and(eq(outbox.webhookId, id), sql`${outbox.failedAt} is not null`, sql`${outbox.sentAt} is null`)),
  ]);
}

export async function webhookSucceeded(db: Db, id: number): Promise<void> {
  await db.update(webhooks).set({ consecutiveFailures: 0 }).where(eq(webhooks.id, id));
}

/**
 * Counts a failed attempt; at `limit` failures in a row the webhook is disabled, once, and the
 * admins' notices are written to the outbox in the same transaction. True when this call disabled it.
 */
export async function webhookFailed(db: Db, id: number, limit: number, at: Date, notices: (url: string, admins: string[]) => { recipient: string; subject: string; body: string }[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(webhooks).set({ consecutiveFailures: sql`${webhooks.consecutiveFailures} + 1` }).where(eq(webhooks.id, id)).returning();
    if (!row || !row.enabled || row.consecutiveFailures < limit) return false;
    await tx.update(webhooks).set({ enabled: false, disabledAt: at }).where(eq(webhooks.id, id));
    const admins = (await tx.select({ email: staff.email }).from(staff).where(and(eq(staff.role, 'admin'), eq(staff.disabled, false)))).map((r) => r.email);
    for (const mail of notices(row.url, admins)) await tx.insert(outbox).values({ ...mail, kind: 'webhook_disabled', channel: 'mail' });
    return true;
  });
}

/** Addresses of the active admins, who are told when a webhook is disabled. */
export async function adminAddresses(db: Db): Promise<string[]> {
  const rows = await db.select({ email: staff.email }).from(staff).where(and(eq(staff.role, 'admin'), eq(staff.disabled, false)));
  return rows.map((r) => r.email);
}
