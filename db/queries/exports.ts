// SQL for the staff CSV exports: feedback votes and tickets, as documents ready to download.
import { asc, gte } from 'drizzle-orm';
import { toCsv } from '../../src/lib/csv.ts';
import type { Db } from '../client.ts';
import { feedbackVotes, tickets, type Ticket } from '../schema.ts';

/**
 * Every vote, oldest first. The voter key is left out on purpose: it is a pseudonym, and the
 * export is the kind of file that gets mailed around and kept.
 */
export async function feedbackCsv(db: Db): Promise<string> {
  const rows = await db
    .select({
      createdAt: feedbackVotes.createdAt,
      article: feedbackVotes.article,
      revision: feedbackVotes.revision,
      helpful: feedbackVotes.helpful,
      reason: feedbackVotes.reason,
      comment: feedbackVotes.comment,
      locale: feedbackVotes.locale,
    })
    .from(feedbackVotes)
    .orderBy(asc(feedbackVotes.createdAt), asc(feedbackVotes.id));
  return toCsv(
    ['created', 'article', 'revision', 'helpful', 'reason', 'comment', 'locale'],
    rows.map((v) => [v.createdAt, v.article, v.revision, v.helpful, v.reason, v.comment, v.locale]),
  );
}

/**
 * Whether the first response came in time: empty when the plan has no target (best effort) or
 * the deadline is still ahead; false as soon as an unanswered ticket is past its deadline.
 */
function slaMet(ticket: Pick<Ticket, 'firstResponseDueAt' | 'firstResponseAt'>, now: Date): boolean | null {
  const due = ticket.firstResponseDueAt;
  if (!due) return null;
  if (ticket.firstResponseAt) return ticket.firstResponseAt.getTime() <= due.getTime();
  return now.getTime() > due.getTime() ? false : null;
}

/**
 * Tickets received since `since` (all when absent), oldest first, with their personal data:
 * whoever downloads this file holds customer data and must keep it to the retention period.
 * `now` decides whether an unanswered ticket has already missed its deadline; pass the server
 * clock so CAIRN_NOW applies.
 */
export async function ticketsCsv(db: Db, options: { since?: Date; now?: Date } = {}): Promise<string> {
  const now = options.now ?? new Date();
  const rows = await db
    .select()
    .from(tickets)
    .where(options.since ? gte(tickets.receivedAt, options.since) : undefined)
    .orderBy(asc(tickets.receivedAt), asc(tickets.id));
  return toCsv(
    ['reference', 'received', 'plan', 'queue', 'emergency', 'status', 'due', 'first response', 'SLA met', 'product', 'subject', 'name', 'email', 'article'],
    rows.map((t) => [
      t.reference, t.receivedAt, t.plan, t.queue, t.emergency, t.status, t.firstResponseDueAt, t.firstResponseAt,
      slaMet(t, now), t.product, t.subject, t.name, t.email, t.article,
    ]),
  );
}
