// SQL for console sessions. Tokens come in clear and are stored as SHA-256 hex only, so the
// table alone cannot be used to sign in.
import { createHash } from 'node:crypto';
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sessions, staff, type Session, type Staff } from '../schema.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, values: { token: string; staffId: number; createdAt: Date; expiresAt: Date }): Promise<void> {
  const { token, ...rest } = values;
  await db.insert(sessions).values({ ...rest, tokenHash: hashToken(token), lastSeenAt: rest.createdAt });
}

/** The session a token opens and its staff member, whatever their state (the caller checks). */
export async function findSession(db: Db, token: string): Promise<{ session: Session; staff: Staff } | undefined> {
  const [found] = await db.select({ session: sessions, staff }).from(sessions).innerJoin(staff, eq(sessions.staffId, staff.id)).where(eq(sessions.tokenHash, hashToken(token)));
  return found;
}

export async function touchSession(db: Db, token: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** Ends every session of a staff member (disabled account); returns how many there were. */
export async function deleteSessionsOfStaff(db: Db, staffId: number): Promise<number> {
  const deleted = await db.delete(sessions).where(eq(sessions.staffId, staffId)).returning({ tokenHash: sessions.tokenHash });
  return deleted.length;
}

/** Ends every session of a staff member except the one `keepToken` opens; returns how many ended. */
export async function deleteOtherSessionsOfStaff(db: Db, staffId: number, keepToken: string): Promise<number> {
  const deleted = await db.delete(sessions).where(and(eq(sessions.staffId, staffId), ne(sessions.tokenHash, hashToken(keepToken)))).returning({ tokenHash: sessions.tokenHash });
  return deleted.length;
}

/** Removes a staff member's sessions that ended (absolutely, or idle since `idleSince`). */
export async function deleteEndedSessionsOfStaff(db: Db, staffId: number, at: Date, idleSince: Date): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.staffId, staffId), or(lt(sessions.expiresAt, at), lt(sessions.lastSeenAt, idleSince))));
}
