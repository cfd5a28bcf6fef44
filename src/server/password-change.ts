// A signed-in staff member changing their own password: the current one is checked under a
// lockout (so a session left open on a desk cannot be used to guess it), the new one replaces
// any one-time password, and every other session of the person ends.
import type { AstroCookies } from 'astro';
import { getDb } from '../../db/client.ts';
import { changeOwnPassword, findStaffById } from '../../db/queries/staff.ts';
import type { PasswordChange } from '../lib/staff';
import { hashPassword, verifyPassword } from './passwords';
import { createLockout } from './rate-limit';
import { endOtherSessions } from './session';

/** Wrong current passwords per account per 15 minutes before the form answers 429. */
const wrongCurrent = createLockout({ failures: 5, durationSeconds: 15 * 60 });

export type PasswordChangeResult = { ok: true; endedSessions: number } | { ok: false; limited: Response | null };

export async function changePassword(staffId: number, input: PasswordChange, cookies: AstroCookies): Promise<PasswordChangeResult> {
  // Counted before the check, as sign-in attempts are, so parallel guesses stop at the limit.
  const attempt = await wrongCurrent.attempt('password-change', String(staffId));
  if (attempt.limited) return { ok: false, limited: attempt.limited };
  const db = getDb();
  const account = await findStaffById(db, staffId);
  if (!account || !(await verifyPassword(input.current, account.passwordHash))) return { ok: false, limited: null };
  await wrongCurrent.clear('password-change', String(staffId));
  await changeOwnPassword(db, staffId, await hashPassword(input.password));
  return { ok: true, endedSessions: await endOtherSessions(cookies, staffId) };
}
