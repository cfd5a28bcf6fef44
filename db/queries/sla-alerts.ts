// SQL for SLA alerts: the open tickets with a deadline and the alerts raised about them, raising
// one (with its mail) at most once, and agents acknowledging them in the console.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { SlaAlertKind } from '../../src/lib/sla-alerts.ts';
import type { Db } from '../client.ts';
import { outbox, slaAlerts, tickets, type SlaAlert, type Ticket } from '../schema.ts';
import type { NewMail } from './outbox.ts';

/** Open tickets still waiting for a first response against a deadline, with their alerts. */
export async function ticketsAwaitingResponse(db: Db): Promise<{ ticket: Ticket; alerts: SlaAlert[] }[]> {
  const open = await db.select().from(tickets)
    .where(and(eq(tickets.status, 'open'), isNull(tickets.firstResponseAt), isNotNull(tickets.firstResponseDueAt)))
    .orderBy(asc(tickets.firstResponseDueAt));
  if (!open.length) return [];
  const alerts = await db.select().from(slaAlerts).where(inArray(slaAlerts.ticketId, open.map((t) => t.id)));
  return open.map((ticket) => ({ ticket, alerts: alerts.filter((a) => a.ticketId === ticket.id) }));
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
