// SQL for the mail outbox.
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outbox } from '../schema.ts';

/** Unsent messages, oldest first, skipping ones that failed too often (left for a human). */
export async function pendingMail(db: Db, limit: number) {
  return db.select().from(outbox).where(and(isNull(outbox.sentAt), lt(outbox.attempts, 10))).orderBy(asc(outbox.id)).limit(limit);
}

export async function markMailSent(db: Db, id: number, at: Date) {
  await db.update(outbox).set({ sentAt: at, attempts: sql`${outbox.attempts} + 1`, lastError: null }).where(eq(outbox.id, id));
}

export async function markMailFailed(db: Db, id: number, error: string) {
  await db.update(outbox).set({ attempts: sql`${outbox.attempts} + 1`, lastError: error }).where(eq(outbox.id, id));
}
