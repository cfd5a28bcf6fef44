// SQL for tickets: filing (with its mail, atomically) and lookup by public reference.
import { eq, sql } from 'drizzle-orm';
import type { OutboxKind } from '../../src/lib/outbox.ts';
import type { Db } from '../client.ts';
import { outbox, tickets, type NewTicket, type Ticket } from '../schema.ts';

export type NewMail = { recipient: string; subject: string; body: string; kind: OutboxKind };

export type TicketWithMail = { ticket: NewTicket; mails: NewMail[] };

/**
 * Stores tickets and the mail about each in one transaction: all or none. One commit for many
 * tickets is one disk sync under synchronous=FULL (src/server/batcher.ts groups them).
 */
export async function insertTickets(db: Db, items: TicketWithMail[]): Promise<void> {
  const [first, ...rest] = items.flatMap(({ ticket, mails }) => {
    const insertedId = sql`(select id from ${tickets} where ${tickets.reference} = ${ticket.reference})`;
    return [db.insert(tickets).values(ticket), ...mails.map((m) => db.insert(outbox).values({ ...m, ticketId: insertedId }))];
  });
  if (first) await db.batch([first, ...rest]);
}

export async function ticketByReference(db: Db, reference: string): Promise<Ticket | undefined> {
  const [found] = await db.select().from(tickets).where(eq(tickets.reference, reference));
  return found;
}
