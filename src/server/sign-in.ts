// Checking a staff member's email and password, and the limits that keep guessers out without
// letting a stranger lock the team out. Every failure looks the same from outside.
//
// Why three limits, and why none of them lets a stranger shut a colleague out:
// - per address, whatever the account: CONSOLE_LOGIN_RATE_LIMIT (10) failures in 15 minutes,
//   then 429. Stops one guesser trying many accounts; only failures count, so a team behind one
//   office address signing in every morning is never turned away.
// - per account and address: 5 failures in 15 minutes lock that account *from that address*.
//   A stranger who knows ana@ can lock only their own address out of Ana's account, never Ana's.
// - per account, from many addresses: once 20 addresses have failed (db/queries/staff.ts) the
//   account is locked for 15 minutes against a guesser spread over many addresses, except for a
//   browser the account signed in on before (the trusted-device cookie below). So even a
//   stranger with many addresses cannot keep the owner out of their usual browser; a colleague on
//   a new machine waits out the lock, or an admin runs `npm run staff -- set-password`, which
//   lifts it.
// Every attempt is counted in the shared store (src/server/rate-limit.ts) before the password is
// checked, so parallel guesses cannot all pass while each is still being checked, and a right
// password is refused if the guesses around it locked the account meanwhile; a sign-in takes its
// counts back.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AstroCookies } from 'astro';
import { getDb } from '../../db/client.ts';
import { sharedSecret } from '../../db/queries/server-secrets.ts';
import { findStaffByEmail, recordFailedLogin, resetFailedLogins } from '../../db/queries/staff.ts';
import type { Staff } from '../../db/schema.ts';
import type { SignInInput } from '../lib/staff';
import { consoleAuth } from '../config';
import { hashPassword, verifyPassword } from './passwords';
import { createLockout } from './rate-limit';

export const signInPolicy = { perAddress: consoleAuth.loginFailuresPer15Minutes, perAccountAndAddress: 5, minutes: 15 } as const;

const window = signInPolicy.minutes * 60;
const addressFailures = createLockout({ failures: signInPolicy.perAddress, durationSeconds: window });
const accountFailures = createLockout({ failures: signInPolicy.perAccountAndAddress, durationSeconds: window });

/** The message for every failure: it must not tell an unknown address from a wrong password. */
export const signInFailedMessage = `The email or password is wrong. After ${signInPolicy.perAccountAndAddress} wrong attempts the account is locked for ${signInPolicy.minutes} minutes on this connection.`;

/** Cookie of a browser that signed in to an account before: it passes the account-wide lock. */
export const trustedDeviceCookie = 'cairn_device';
const trustedDeviceDays = 365;

async function deviceToken(staffId: number): Promise<string> {
  const secret = await sharedSecret(getDb(), 'trusted-devices');
  return createHmac('sha256', secret).update(`staff:${staffId}`).digest('base64url');
}

async function isTrustedDevice(presented: string | undefined, staffId: number): Promise<boolean> {
  if (!presented) return false;
  const expected = Buffer.from(await deviceToken(staffId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** After a successful sign-in: this browser may sign in to the account even while it is locked. */
export async function trustDevice(cookies: AstroCookies, staffId: number, url: URL): Promise<void> {
  cookies.set(trustedDeviceCookie, await deviceToken(staffId), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/console/login',
    secure: url.protocol === 'https:' || consoleAuth.secureCookie,
    maxAge: trustedDeviceDays * 86_400,
  });
}

// Checked against when the address is unknown, so that answer takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export type SignInResult = { ok: true; staff: Staff } | { ok: false; limited: Response | null };

/**
 * Signs in from `address` (the client's, see clientAddress) with the browser's trusted-device
 * cookie if any. `limited` is a 429 when the address has failed too often, whatever the account.
 */
export async function signIn(input: SignInInput, from: { address: string; device: string | undefined; at: Date }): Promise<SignInResult> {
  const byAddress = await addressFailures.attempt('console-login', from.address);
  if (byAddress.limited) return { ok: false, limited: byAddress.limited };
  // Keyed by the typed address, known account or not, so a lock says nothing about accounts.
  const byAccount = await accountFailures.attempt('console-login-account', input.email, from.address);
  if (byAccount.limited) return { ok: false, limited: null };

  const db = getDb();
  const account = await findStaffByEmail(db, input.email);
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  // The hash is checked before anything else, so a disabled or locked account answers no faster.
  const matches = await verifyPassword(input.password, account?.passwordHash ?? (await dummyHash));
  if (!account || account.disabled) return { ok: false, limited: null };
  if (!matches) {
    // Each address counts once per window toward the account-wide lock.
    if (byAccount.firstInWindow) await recordFailedLogin(db, account.id, from.at);
    return { ok: false, limited: null };
  }
  // Attempts counted while this one was being checked may have locked the account from this
  // address: then the right password is refused too, so a burst of guesses with the right one
  // among them gets nowhere, whatever order they arrived in.
  if (await accountFailures.exceeded('console-login-account', input.email, from.address)) return { ok: false, limited: null };
  const locked = account.lockedUntil !== null && account.lockedUntil.getTime() > from.at.getTime();
  // Refused like a wrong password, counts kept: a guesser must not learn that a guess was right.
  if (locked && !(await isTrustedDevice(from.device, account.id))) return { ok: false, limited: null };
  // A sign-in is no guess: it takes back its counts.
  await addressFailures.succeeded('console-login', from.address);
  await accountFailures.clear('console-login-account', input.email, from.address);
  if (account.failedLogins > 0 || account.lockedUntil) await resetFailedLogins(db, account.id);
  return { ok: true, staff: account };
}
