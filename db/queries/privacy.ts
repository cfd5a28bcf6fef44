// SQL for the privacy commands: erasing one person's data on request, and purging what is
// older than the retention period. Both run in one transaction: all of it or none of it.
import { and, eq, inArray, isNotNull, lt, sql, type Column } from 'drizzle-orm';
import type { Retention } from '../../src/lib/retention.ts';
import type { Db } from '../client.ts';
import { confirmationMs } from '../../src/lib/subscriptions.ts';
import { dailySecrets, deflectionDaily, feedbackVotes, outbox, searchDaily, sessions, staff, statusSubscribers, statusSubscriberTokens, tickets } from '../schema.ts';

/**
 * Thrown inside the transaction of a dry run so that it rolls back: the counts a dry run reports
 * are then exactly those a real run would remove, from the very same statements.
 */
class DryRun<T> extends Error {
  readonly result: T;
  constructor(result: T) {
    super('dry run: rolled back');
    this.result = result;
  }
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function inTransaction<T>(db: Db, dryRun: boolean, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      if (dryRun) throw new DryRun(result);
      return result;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result as T;
    throw e;
  }
}

export interface Erasure {
  /** References of the deleted tickets, oldest first. */
  tickets: string[];
  /** Outbox messages deleted because they were about one of those tickets. */
  ticketMail: number;
  /** Other outbox messages deleted because they were addressed to the address. */
  otherMail: number;
  /** Feedback comments cleared because they contained the address (the votes themselves stay). */
  comments: number;
  /** Search statistics rows deleted because the query was (or contained) the address. */
  searches: number;
  /** Whether a console staff account uses the address (not removed here: it is not customer data). */
  staffAccount: boolean;
  /** Status subscriptions (confirmed or requested) of the address deleted, with their link tokens. */
  subscriptions: number;
}

/**
 * Deletes everything stored about an email address, compared case-insensitively: its tickets,
 * the mail about them (including on-call alerts, which quote the ticket), mail sent to it, and the
 * address where it was typed into free text (a feedback comment, a search).
 */
export async function eraseEmail(db: Db, email: string, options: { dryRun?: boolean } = {}): Promise<Erasure> {
  const address = email.trim().toLowerCase();
  const ofAddress = sql`lower(${tickets.email}) = ${address}`;
  // instr, not LIKE: an address may hold "_" or "%", which LIKE would read as wildcards.
  const mentions = (column: Column) => sql`instr(lower(${column}), ${address}) > 0`;
  return inTransaction(db, options.dryRun ?? false, async (tx) => {
    const ticketIds = tx.select({ id: tickets.id }).from(tickets).where(ofAddress);
    // Explicitly, rather than relying on ON DELETE CASCADE: SQLite enforces it only when the
    // connection enabled foreign keys, and the count is wanted anyway.
    const ticketMail = await tx.delete(outbox).where(inArray(outbox.ticketId, ticketIds));
    const otherMail = await tx.delete(outbox).where(sql`lower(${outbox.recipient}) = ${address}`);
    const deleted = await tx.delete(tickets).where(ofAddress).returning({ reference: tickets.reference, receivedAt: tickets.receivedAt });
    const comments = await tx.update(feedbackVotes).set({ comment: null }).where(and(isNotNull(feedbackVotes.comment), mentions(feedbackVotes.comment)));
    const searches = await tx.delete(searchDaily).where(mentions(searchDaily.query));
    const [account] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.email, address));
    const subscriber = tx.select({ id: statusSubscribers.id }).from(statusSubscribers).where(eq(statusSubscribers.email, address));
    await tx.update(outbox).set({ subscriberId: null }).where(inArray(outbox.subscriberId, subscriber));
    await tx.delete(statusSubscriberTokens).where(inArray(statusSubscriberTokens.subscriberId, subscriber));
    const subscriptions = await tx.delete(statusSubscribers).where(eq(statusSubscribers.email, address));
    return {
      subscriptions: subscriptions.rowsAffected,
      tickets: deleted.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()).map((t) => t.reference),
      ticketMail: ticketMail.rowsAffected,
      otherMail: otherMail.rowsAffected,
      comments: comments.rowsAffected,
      searches: searches.rowsAffected,
      staffAccount: account !== undefined,
    };
  });
}

export interface Purge {
  comments: number;
  tickets: number;
  /** Outbox messages about the purged tickets. */
  ticketMail: number;
  /** Other sent messages older than the period. */
  sentMail: number;
  searchDays: number;
  deflectionDays: number;
  secrets: number;
  sessions: number;
  /** Status subscription requests never confirmed within their 7 days. */
  unconfirmedSubscriptions: number;
}

/**
 * Removes what is kept longer than needed. A closed ticket ages from when it was closed (from when
 * it was received if it was closed without a date); open and answered tickets are never purged.
 * Unsent mail is kept whatever its age: it is waiting for a human to look at why it failed.
 */
export async function purgeExpired(db: Db, retention: Retention, options: { dryRun?: boolean } = {}): Promise<Purge> {
  const { before, now, statsBefore, secretsBefore } = retention;
  const expiredTickets = and(eq(tickets.status, 'closed'), lt(sql`coalesce(${tickets.closedAt}, ${tickets.receivedAt})`, before.getTime()));
  return inTransaction(db, options.dryRun ?? false, async (tx) => {
    const comments = await tx.update(feedbackVotes).set({ comment: null }).where(and(lt(feedbackVotes.createdAt, before), isNotNull(feedbackVotes.comment)));
    const ticketMail = await tx.delete(outbox).where(inArray(outbox.ticketId, tx.select({ id: tickets.id }).from(tickets).where(expiredTickets)));
    const purgedTickets = await tx.delete(tickets).where(expiredTickets);
    const sentMail = await tx.delete(outbox).where(and(isNotNull(outbox.sentAt), lt(outbox.sentAt, before)));
    const searchDays = await tx.delete(searchDaily).where(lt(searchDaily.day, statsBefore));
    const deflectionDays = await tx.delete(deflectionDaily).where(lt(deflectionDaily.day, statsBefore));
    const secrets = await tx.delete(dailySecrets).where(lt(dailySecrets.day, secretsBefore));
    const expiredSessions = await tx.delete(sessions).where(lt(sessions.expiresAt, now));
    const unconfirmed = and(sql`${statusSubscribers.confirmedAt} is null`, lt(statusSubscribers.requestedAt, new Date(now.getTime() - confirmationMs)));
    const stale = tx.select({ id: statusSubscribers.id }).from(statusSubscribers).where(unconfirmed);
    await tx.update(outbox).set({ subscriberId: null }).where(inArray(outbox.subscriberId, stale));
    await tx.delete(statusSubscriberTokens).where(inArray(statusSubscriberTokens.subscriberId, stale));
    const unconfirmedSubscriptions = await tx.delete(statusSubscribers).where(unconfirmed);
    return {
      unconfirmedSubscriptions: unconfirmedSubscriptions.rowsAffected,
      comments: comments.rowsAffected,
      tickets: purgedTickets.rowsAffected,
      ticketMail: ticketMail.rowsAffected,
      sentMail: sentMail.rowsAffected,
      searchDays: searchDays.rowsAffected,
      deflectionDays: deflectionDays.rowsAffected,
      secrets: secrets.rowsAffected,
      sessions: expiredSessions.rowsAffected,
    };
  });
}
