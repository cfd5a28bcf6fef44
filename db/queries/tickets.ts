// SQL for tickets: filing (with its mail, atomically) and lookup by public reference.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outbox, tickets, type NewTicket, type Ticket } from '../schema.ts';

export type NewMail = { recipient: string; subject: string; body: string; kind: 'confirmation' | 'emergency_alert' };

/** Stores the ticket and the mail about it in one transaction: both or neither. */
export async function insertTicket(db: Db, ticket: NewTicket, mails: NewMail[]): Promise<void> {
  const insertedId = sql`(select id from ${tickets} where ${tickets.reference} = ${ticket.reference})`;
  await db.batch([
    db.insert(tickets).values(ticket),
    ...mails.map((m) => db.insert(outbox).values({ ...m, ticketId: insertedId })),
  ]);
}

export async function ticketByReference(db: Db, reference: string): Promise<Ticket | undefined> {
  const [found] = await db.select().from(tickets).where(eq(tickets.reference, reference));
  return found;
}
