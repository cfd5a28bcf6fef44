// SQL for console staff accounts: adding, listing, disabling, new and changed passwords, and the
// account-wide sign-in lock.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { StaffRole } from '../../src/lib/staff.ts';
import { staff, type Staff } from '../schema.ts';

/**
 * The account-wide lock: once wrong passwords have come from 20 addresses (each address counted
 * once per 15-minute window) since the account's last successful sign-in, the account refuses
 * sign-in for 15 minutes, except from a browser it signed in on before (src/server/sign-in.ts).
 * One stranger's address is stopped long before that by its own lock for the account.
 */
export const accountLockPolicy = { addresses: 20, minutes: 15 } as const;

/** Adds an account; undefined when the address already has one. `email` must be lowercased. */
export async function addStaff(db: Db, values: { email: string; role: StaffRole; passwordHash: string; mustChangePassword?: boolean }): Promise<Staff | undefined> {
  const [inserted] = await db.insert(staff).values(values).onConflictDoNothing({ target: staff.email }).returning();
  return inserted;
}

export async function listStaff(db: Db): Promise<Staff[]> {
  return db.select().from(staff).orderBy(asc(staff.email));
}

export async function findStaffByEmail(db: Db, email: string): Promise<Staff | undefined> {
  const [found] = await db.select().from(staff).where(eq(staff.email, email.toLowerCase()));
  return found;
}

/** Disables an account (its sessions are deleted separately, see deleteSessionsOfStaff). */
export async function disableStaff(db: Db, email: string): Promise<{ result: 'disabled' | 'already_disabled'; staff: Staff } | { result: 'not_found' }> {
  const [updated] = await db.update(staff).set({ disabled: true }).where(and(eq(staff.email, email.toLowerCase()), eq(staff.disabled, false))).returning();
  if (updated) return { result: 'disabled', staff: updated };
  const existing = await findStaffByEmail(db, email);
  return existing ? { result: 'already_disabled', staff: existing } : { result: 'not_found' };
}

/**
 * Gives an account a new password and clears its failed sign-ins and lock; undefined when there
 * is no such account. `mustChangePassword` when the password is one-time (someone else knows it).
 * A disabled account stays disabled. Its sessions are deleted separately.
 */
export async function setStaffPassword(db: Db, email: string, passwordHash: string, options: { mustChangePassword: boolean }): Promise<Staff | undefined> {
  const [updated] = await db.update(staff).set({ passwordHash, mustChangePassword: options.mustChangePassword, failedLogins: 0, lockedUntil: null }).where(eq(staff.email, email.toLowerCase())).returning();
  return updated;
}

/** A staff member chose their own password: it replaces a one-time one. */
export async function changeOwnPassword(db: Db, staffId: number, passwordHash: string): Promise<void> {
  await db.update(staff).set({ passwordHash, mustChangePassword: false }).where(eq(staff.id, staffId));
}

export async function findStaffById(db: Db, id: number): Promise<Staff | undefined> {
  const [found] = await db.select().from(staff).where(eq(staff.id, id));
  return found;
}

/** Changes an account's role; undefined when there is no such account. Takes effect on its next request. */
export async function setStaffRole(db: Db, email: string, role: StaffRole): Promise<Staff | undefined> {
  const [updated] = await db.update(staff).set({ role }).where(eq(staff.email, email.toLowerCase())).returning();
  return updated;
}

/**
 * Counts one more address that failed to sign in at `at`, in one statement so parallel attempts
 * cannot lose a count. The count that reaches the limit locks the account and starts the count
 * again, so after the lock ends the account gets the full number of addresses, not one.
 */
export async function recordFailedLogin(db: Db, staffId: number, at: Date, policy: { addresses: number; minutes: number } = accountLockPolicy): Promise<Staff | undefined> {
  const reachesLimit = sql`${staff.failedLogins} + 1 >= ${policy.addresses}`;
  const [updated] = await db
    .update(staff)
    .set({
      failedLogins: sql`case when ${reachesLimit} then 0 else ${staff.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${reachesLimit} then ${at.getTime() + policy.minutes * 60_000} else ${staff.lockedUntil} end`,
    })
    .where(eq(staff.id, staffId))
    .returning();
  return updated;
}

/** After a successful sign-in: no failures, no lock. */
export async function resetFailedLogins(db: Db, staffId: number): Promise<void> {
  await db.update(staff).set({ failedLogins: 0, lockedUntil: null }).where(eq(staff.id, staffId));
}
