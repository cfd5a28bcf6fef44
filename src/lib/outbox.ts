// Mail the help center sends, as kept in the outbox until delivered (src/server/mail.ts sends it).

/** What a mail is for: the client's confirmation of a ticket, or the on-call alert of an emergency. */
export const outboxKinds = ['confirmation', 'emergency_alert'] as const;
export type OutboxKind = (typeof outboxKinds)[number];
