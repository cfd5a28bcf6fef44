// SQL for SLA alerts: the open tickets with a deadline and the alerts raised about them, raising
// one (with its mail) at most once, and agents acknowledging them in the console.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, min, or, sql } from 'drizzle-orm';
import type { SlaAlertKind } from '../../src/lib/sla-alerts.ts';
import type { Db } from '../client.ts';
import { outbox, slaAlerts, tickets, type SlaAlert, type Ticket } from '../schema.ts';
import type { NewMail } from './outbox.ts';

const awaiting = and(eq(tickets.status, 'open'), isNull(tickets.firstResponseAt), isNotNull(tickets.firstResponseDueAt));

/**
 * Open tickets still waiting for a first response whose deadline is at most `horizon` away,
 * and every emergency (it may be re-paged), with their alerts; and the earliest deadline of the
 * others, so a desk with thousands of open tickets is not read in full on every pass.
 */
export async function ticketsAwaitingResponse(db: Db, horizon: Date): Promise<{ due: { ticket: Ticket; alerts: SlaAlert[] }[]; laterDueAt: Date | null }> {
  const open = await db.select().from(tickets)
    .where(and(awaiting, or(lte(tickets.firstResponseDueAt, horizon), eq(tickets.emergency, true))))
    .orderBy(asc(tickets.firstResponseDueAt));
  const [later] = await db.select({ at: min(tickets.firstResponseDueAt) }).from(tickets).where(and(awaiting, gt(tickets.firstResponseDueAt, horizon)));
  const alerts = open.length ? await db.select().from(slaAlerts).where(inArray(slaAlerts.ticketId, open.map((t) => t.id))) : [];
  return { due: open.map((ticket) => ({ ticket, alerts: alerts.filter((a) => a.ticketId === ticket.id) })), laterDueAt: later?.at ?? null };
}

/**
 * Raises an alert and writes its mails in one transaction, at most once per ticket and kind: a
 * second attempt (another server, a retry) inserts no alert, and its mails are only copied into
 * the outbox from the alert row carrying this attempt's token, so none are written. True when
 * this call raised it.
 */
export async function raiseAlert(db: Db, ticketId: number, kind: SlaAlertKind, raisedAt: Date, mails: NewMail[]): Promise<boolean> {
  const token = randomUUID();
  const results = await db.batch([
    db.insert(slaAlerts).values({ ticketId, kind, raisedAt, token }).onConflictDoNothing(),
    ...mails.map((m) => db.run(sql`insert into ${outbox} (kind, channel, recipient, subject, body, ticket_id)
      select ${m.kind}, 'mail', ${m.recipient}, ${m.subject}, ${m.body}, ${slaAlerts.ticketId} from ${slaAlerts} where ${slaAlerts.token} = ${token}`)),
  ]);
  return results[0].rowsAffected === 1;
}

/** The statement recording the emergency page sent when an emergency ticket is filed (for its batch). */
export function emergencyAlertInsert(db: Db, ticketId: ReturnType<typeof sql>, raisedAt: Date) {
  return db.insert(slaAlerts).values({ ticketId, kind: 'emergency', raisedAt, token: randomUUID() });
}

export async function alertsOf(db: Db, ticketId: number): Promise<SlaAlert[]> {
  return db.select().from(slaAlerts).where(eq(slaAlerts.ticketId, ticketId)).orderBy(asc(slaAlerts.raisedAt), asc(slaAlerts.id));
}

/** An agent acknowledges every alert about a ticket not yet acknowledged; the count acknowledged. */
export async function acknowledgeAlerts(db: Db, ticketId: number, staffId: number, at: Date): Promise<number> {
  const rows = await db.update(slaAlerts).set({ acknowledgedAt: at, acknowledgedBy: staffId })
    .where(and(eq(slaAlerts.ticketId, ticketId), isNull(slaAlerts.acknowledgedAt))).returning({ id: slaAlerts.id });
  return rows.length;
}
