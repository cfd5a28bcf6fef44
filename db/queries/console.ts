// SQL behind the support console: the open queue, a ticket by reference, recording the first
// response, and the rows the compliance and helpfulness views summarise.
import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { slaAlerts, staff, tickets, type Ticket } from '../schema.ts';
import type { Queue } from '../../src/lib/tickets.ts';
import type { Plan } from '../../src/lib/sla.ts';

/** Open tickets in the order agents work them: deadline first, then Standard oldest first. */
export async function openQueue(db: Db, filters: { queue?: Queue; plan?: Plan } = {}): Promise<Ticket[]> {
  const where = [eq(tickets.status, 'open'), filters.queue ? eq(tickets.queue, filters.queue) : undefined, filters.plan ? eq(tickets.plan, filters.plan) : undefined]
    .filter((c) => c !== undefined);
  return db.select().from(tickets).where(and(...where))
    .orderBy(sql`${tickets.firstResponseDueAt} is null`, asc(tickets.firstResponseDueAt), asc(tickets.receivedAt));
}

/**
 * Records the first response once, and which agent sent it; later calls keep the first. It also
 * acknowledges the ticket's SLA alerts: an answered ticket needs no re-page.
 */
export async function recordFirstResponse(db: Db, reference: string, at: Date, staffId: number | null = null): Promise<Ticket | undefined> {
  const [updated] = await db.update(tickets).set({ firstResponseAt: at, firstResponseBy: staffId, status: 'answered' })
    .where(and(eq(tickets.reference, reference), isNull(tickets.firstResponseAt))).returning();
  if (updated) {
    await db.update(slaAlerts).set({ acknowledgedAt: at, acknowledgedBy: staffId }).where(and(eq(slaAlerts.ticketId, updated.id), isNull(slaAlerts.acknowledgedAt)));
  }
  return updated;
}

/** Who recorded the first response, for the ticket page. */
export async function staffEmail(db: Db, id: number): Promise<string | undefined> {
  const [row] = await db.select({ email: staff.email }).from(staff).where(eq(staff.id, id));
  return row?.email;
}

export async function closeTicket(db: Db, reference: string, at: Date) {
  await db.update(tickets).set({ status: 'closed', closedAt: at }).where(eq(tickets.reference, reference));
}

export async function ticketsReceivedSince(db: Db, since: Date) {
  return db.select({ plan: tickets.plan, receivedAt: tickets.receivedAt, firstResponseDueAt: tickets.firstResponseDueAt, firstResponseAt: tickets.firstResponseAt })
    .from(tickets).where(gte(tickets.receivedAt, since));
}
