// SQL for "Was this helpful?" votes and the daily secrets that key voter hashes.
import { randomBytes } from 'node:crypto';
import { and, desc, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { dailySecrets, feedbackVotes, type NewFeedbackVote } from '../schema.ts';

/**
 * Stores votes in one statement. A visitor's second vote on the same article the same day has
 * the same voterKey and replaces the first (its answer, reason and comment), so it counts once.
 */
export async function upsertVotes(db: Db, votes: NewFeedbackVote[]): Promise<void> {
  if (!votes.length) return;
  await db
    .insert(feedbackVotes)
    .values(votes)
    .onConflictDoUpdate({
      target: feedbackVotes.voterKey,
      set: {
        helpful: sql`excluded.helpful`,
        reason: sql`excluded.reason`,
        comment: sql`excluded.comment`,
        revision: sql`excluded.revision`,
        locale: sql`excluded.locale`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** Today's secret, created on first use by whichever server gets there first. */
export async function secretForDay(db: Db, day: string): Promise<string> {
  await db.insert(dailySecrets).values({ day, secret: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select({ secret: dailySecrets.secret }).from(dailySecrets).where(sql`${dailySecrets.day} = ${day}`);
  return row.secret;
}

/** Forgets secrets older than `keepFrom` (YYYY-MM-DD). */
export async function forgetSecretsBefore(db: Db, keepFrom: string): Promise<number> {
  const result = await db.delete(dailySecrets).where(lt(dailySecrets.day, keepFrom));
  return result.rowsAffected;
}

export async function listVotes(db: Db, options: { since?: Date; articles?: string[] } = {}) {
  const conditions = [
    options.since ? gte(feedbackVotes.createdAt, options.since) : undefined,
    options.articles?.length ? inArray(feedbackVotes.article, options.articles) : undefined,
  ].filter((c) => c !== undefined);
  return db.select().from(feedbackVotes).where(conditions.length ? and(...conditions) : undefined).orderBy(desc(feedbackVotes.createdAt));
}

/** Retention: removes comments from votes older than `before`, keeping the votes themselves. */
export async function purgeCommentsBefore(db: Db, before: Date): Promise<number> {
  const result = await db.update(feedbackVotes).set({ comment: null }).where(and(lt(feedbackVotes.createdAt, before), sql`${feedbackVotes.comment} is not null`));
  return result.rowsAffected;
}
