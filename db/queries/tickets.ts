// SQL for tickets: filing (with its mail, webhooks and emergency page, atomically) and lookup by public reference.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { tickets, type NewTicket, type Ticket } from '../schema.ts';
import { enqueueMail, enqueueWebhooks, type NewMail } from './outbox.ts';
import { emergencyAlertInsert } from './sla-alerts.ts';

export type { NewMail };

export type TicketWithMail = {
  ticket: NewTicket;
  mails: NewMail[];
  /** The ticket.created payload for registered webhooks. */
  webhookBody?: string;
};

/**
 * Stores tickets and the messages about each in one transaction: all or none. One commit for many
 * tickets is one disk sync under synchronous=FULL (src/server/batcher.ts groups them). An
 * emergency ticket also records its on-call page as an SLA alert, which agents acknowledge.
 */
export async function insertTickets(db: Db, items: TicketWithMail[]): Promise<void> {
  const [first, ...rest] = items.flatMap(({ ticket, mails, webhookBody }) => {
    const insertedId = sql`(select id from ${tickets} where ${tickets.reference} = ${ticket.reference})`;
    return [
      db.insert(tickets).values(ticket),
      ...mails.map((m) => enqueueMail(db, m, insertedId)),
      ...(webhookBody ? [enqueueWebhooks(db, 'ticket.created', 'ticket_created', webhookBody, insertedId)] : []),
      ...(ticket.emergency ? [emergencyAlertInsert(db, insertedId, ticket.receivedAt)] : []),
    ];
  });
  if (first) await db.batch([first, ...rest]);
}

export async function ticketByReference(db: Db, reference: string): Promise<Ticket | undefined> {
  const [found] = await db.select().from(tickets).where(eq(tickets.reference, reference));
  return found;
}
