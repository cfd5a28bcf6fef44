// Every table Cairn stores. Column names are camelCase here and snake_case in SQL (casing option).
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Reasons a reader may give after voting "No"; the form, the API and the report share them. */
export const feedbackReasons = ['outdated', 'incomplete', 'hard_to_follow', 'did_not_solve', 'other'] as const;
export type FeedbackReason = (typeof feedbackReasons)[number];

/**
 * One "Was this helpful?" vote. No IP, user agent or cookie is stored: `voterKey` is a keyed hash
 * of (client address, user agent, article, day) under a secret that changes daily, so it can
 * only say "the same visitor voted again today on this article", never who the visitor is.
 */
export const feedbackVotes = sqliteTable(
  'feedback_votes',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Article slug (its file name). */
    article: text().notNull(),
    /** Hash of the article's source file when the vote was cast, to compare revisions. */
    revision: text().notNull(),
    helpful: integer({ mode: 'boolean' }).notNull(),
    reason: text({ enum: feedbackReasons }),
    /** Optional free text, at most 2,000 characters; purged after the retention period. */
    comment: text(),
    locale: text().notNull().default('en'),
    /** UTC day of the vote (YYYY-MM-DD); one vote per visitor per article per day. */
    day: text().notNull(),
    voterKey: text().notNull().unique(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
    updatedAt: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index('feedback_votes_article_idx').on(t.article, t.createdAt)],
);

/**
 * A random secret per UTC day for keying voter hashes. Rows older than yesterday are deleted, and
 * with them any way to link a stored hash back to an address: that is the daily rotation.
 */
export const dailySecrets = sqliteTable('daily_secrets', {
  day: text().primaryKey(),
  secret: text().notNull(),
});

export type FeedbackVote = typeof feedbackVotes.$inferSelect;
export type NewFeedbackVote = typeof feedbackVotes.$inferInsert;
