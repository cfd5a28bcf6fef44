// Console sessions: a random token in an HttpOnly cookie, only its SHA-256 in the database, an
// idle limit and an absolute one. src/middleware.ts resolves the session once per request.
import { randomBytes } from 'node:crypto';
import type { AstroCookies } from 'astro';
import { getDb } from '../../db/client.ts';
import { createSession, deleteEndedSessionsOfStaff, deleteOtherSessionsOfStaff, deleteSession, findSession, touchSession } from '../../db/queries/sessions.ts';
import type { StaffRole } from '../lib/staff.ts';
import { consoleAuth } from '../config';
import { now } from './clock';

export const sessionCookie = 'cairn_session';
/** However active, a session ends 12 hours after sign-in: one working day, then sign in again. */
export const absoluteLifetimeMs = 12 * 3600_000;
export const idleLifetimeMs = consoleAuth.idleMinutes * 60_000;
/**
 * lastSeenAt is written at most once a minute, not on every request: a console page and its
 * API calls would otherwise each cost a write. A session may so end up to a minute early.
 */
const touchEveryMs = 60_000;
/** 32 random bytes in base64url; anything else in the cookie is not worth a database lookup. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Who is signed in, as pages and API routes see it in `Astro.locals.staff`. */
export interface StaffIdentity {
  id: number;
  email: string;
  role: StaffRole;
  /** Signed in with a one-time password: may only change it (or sign out) until it has. */
  mustChangePassword: boolean;
}

/** Starts a session for a staff member who just signed in and sets its cookie. */
export async function startSession(cookies: AstroCookies, staffId: number, url: URL): Promise<void> {
  const db = getDb();
  const at = now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(at.getTime() + absoluteLifetimeMs);
  // Signing in is rare; it is a fine moment to sweep this person's ended sessions.
  await deleteEndedSessionsOfStaff(db, staffId, at, new Date(at.getTime() - idleLifetimeMs));
  await createSession(db, { token, staffId, createdAt: at, expiresAt });
  cookies.set(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: url.protocol === 'https:' || consoleAuth.secureCookie,
    // Max-Age, not Expires: the browser counts the lifetime on its own clock from now, so a server
    // clock that differs from the browser's (or is pinned by CAIRN_NOW) never hands out a cookie
    // that is already expired. The server alone decides expiry, from expiresAt as stored.
    maxAge: absoluteLifetimeMs / 1000,
  });
}

/**
 * The staff member the request's cookie belongs to, or null. A session that ended (idle, past
 * its absolute end, or its account disabled) is deleted with its cookie. Slides lastSeenAt.
 */
export async function resolveSession(cookies: AstroCookies): Promise<StaffIdentity | null> {
  const token = cookies.get(sessionCookie)?.value;
  if (!token) return null;
  if (!tokenPattern.test(token)) {
    cookies.delete(sessionCookie, { path: '/' });
    return null;
  }
  const db = getDb();
  const found = await findSession(db, token);
  if (!found) {
    cookies.delete(sessionCookie, { path: '/' });
    return null;
  }
  const { session, staff } = found;
  const at = now().getTime();
  if (staff.disabled || at >= session.expiresAt.getTime() || at - session.lastSeenAt.getTime() >= idleLifetimeMs) {
    await deleteSession(db, token);
    cookies.delete(sessionCookie, { path: '/' });
    return null;
  }
  if (at - session.lastSeenAt.getTime() >= touchEveryMs) await touchSession(db, token, new Date(at));
  return { id: staff.id, email: staff.email, role: staff.role, mustChangePassword: staff.mustChangePassword };
}

/** Ends every session of a staff member but the one behind this cookie (after a password change). */
export async function endOtherSessions(cookies: AstroCookies, staffId: number): Promise<number> {
  const token = cookies.get(sessionCookie)?.value ?? '';
  return deleteOtherSessionsOfStaff(getDb(), staffId, token);
}

/** Signs out: deletes the session behind the cookie, if any, and the cookie. */
export async function endSession(cookies: AstroCookies): Promise<void> {
  const token = cookies.get(sessionCookie)?.value;
  if (token && tokenPattern.test(token)) await deleteSession(getDb(), token);
  cookies.delete(sessionCookie, { path: '/' });
}
