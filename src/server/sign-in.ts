// Checking a staff member's email and password: the per-account lockout lives in the database
// (db/queries/staff.ts), the per-address limit in memory. Every failure looks the same outside.
import { randomBytes } from 'node:crypto';
import { getDb } from '../../db/client.ts';
import { findStaffByEmail, lockoutPolicy, recordFailedLogin, resetFailedLogins } from '../../db/queries/staff.ts';
import type { Staff } from '../../db/schema.ts';
import type { SignInInput } from '../lib/staff';
import { consoleAuth } from '../config';
import { hashPassword, verifyPassword } from './passwords';
import { createLockout } from './rate-limit';

/**
 * Failed sign-ins per client address in 15 minutes. Only failures count, so a team signing in
 * from one office address each morning is never turned away; a guesser is, across all accounts.
 */
export const loginFailures = createLockout({ failures: consoleAuth.loginFailuresPer15Minutes, durationSeconds: 15 * 60 });

/** The message for every failure: it must not tell an unknown address from a wrong password. */
export const signInFailedMessage = `The email or password is wrong. After ${lockoutPolicy.failures} wrong attempts an account is locked for ${lockoutPolicy.minutes} minutes.`;

// Checked against when the address is unknown, so that answer takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function signIn(input: SignInInput, at: Date): Promise<{ ok: true; staff: Staff } | { ok: false }> {
  const db = getDb();
  const account = await findStaffByEmail(db, input.email);
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  // The hash is checked before anything else, so a locked or disabled account answers no faster.
  const matches = await verifyPassword(input.password, account?.passwordHash ?? (await dummyHash));
  if (!account || account.disabled) return { ok: false };
  if (account.lockedUntil && account.lockedUntil.getTime() > at.getTime()) return { ok: false };
  if (!matches) {
    await recordFailedLogin(db, account.id, at);
    return { ok: false };
  }
  if (account.failedLogins > 0 || account.lockedUntil) await resetFailedLogins(db, account.id);
  return { ok: true, staff: account };
}
