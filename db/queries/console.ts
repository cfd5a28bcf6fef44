// SQL behind the support console: the open queue, a ticket by reference, recording the first
// response, and the rows the compliance and helpfulness views summarise.
import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { tickets, type Ticket } from '../schema.ts';
import type { Queue } from '../../src/lib/tickets.ts';
import type { Plan } from '../../src/lib/sla.ts';

/** Open tickets in the order agents work them: deadline first, then Standard oldest first. */
export async function openQueue(db: Db, filters: { queue?: Queue; plan?: Plan } = {}): Promise<Ticket[]> {
  const where = [eq(tickets.status, 'open'), filters.queue ? eq(tickets.queue, filters.queue) : undefined, filters.plan ? eq(tickets.plan, filters.plan) : undefined]
    .filter((c) => c !== undefined);
  return db.select().from(tickets).where(and(...where))
    .orderBy(sql`${tickets.firstResponseDueAt} is null`, asc(tickets.firstResponseDueAt), asc(tickets.receivedAt));
}

/** Records the first response once; later calls keep the first time. */
export async function recordFirstResponse(db: Db, reference: string, at: Date): Promise<Ticket | undefined> {
  const [updated] = await db.update(tickets).set({ firstResponseAt: at, status: 'answered' })
    .where(and(eq(tickets.reference, reference), isNull(tickets.firstResponseAt))).returning();
  return updated;
}

export async function closeTicket(db: Db, reference: string, at: Date) {
  await db.update(tickets).set({ status: 'closed', closedAt: at }).where(eq(tickets.reference, reference));
}

export async function ticketsReceivedSince(db: Db, since: Date) {
  return db.select({ plan: tickets.plan, receivedAt: tickets.receivedAt, firstResponseDueAt: tickets.firstResponseDueAt, firstResponseAt: tickets.firstResponseAt })
    .from(tickets).where(gte(tickets.receivedAt, since));
}
