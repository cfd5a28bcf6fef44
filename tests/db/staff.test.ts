// The staff and session queries against a throwaway database migrated from db/migrations:
// the account-wide lock count, disabling, and sessions stored by token hash only.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, deleteEndedSessionsOfStaff, deleteOtherSessionsOfStaff, deleteSession, deleteSessionsOfStaff, findSession, touchSession } from '../../db/queries/sessions';
import { accountLockPolicy, addStaff, changeOwnPassword, disableStaff, findStaffByEmail, listStaff, recordFailedLogin, resetFailedLogins, setStaffPassword } from '../../db/queries/staff';
import { sessions } from '../../db/schema';
import { tempDatabase } from '../e2e/server';

let database: Awaited<ReturnType<typeof tempDatabase>>;
beforeEach(async () => { database = await tempDatabase(); });
afterEach(() => database.dispose());

const at = new Date('2026-12-01T09:00:00Z');
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
const add = (email: string) => addStaff(database.db, { email, role: 'agent', passwordHash: 'scrypt$x' }).then((s) => s!);

describe('staff', () => {
  it('adds an account once per address and finds it whatever the case typed', async () => {
    const ana = await add('ana@alpenhost.example');
    expect(await addStaff(database.db, { email: 'ana@alpenhost.example', role: 'admin', passwordHash: 'scrypt$y' })).toBeUndefined();
    expect((await findStaffByEmail(database.db, 'Ana@Alpenhost.Example'))?.id).toBe(ana.id);
    expect((await listStaff(database.db)).map((s) => [s.email, s.role])).toEqual([['ana@alpenhost.example', 'agent']]);
  });

  it(`locks an account for ${accountLockPolicy.minutes} minutes once ${accountLockPolicy.addresses} addresses failed, then counts afresh`, async () => {
    const { id } = await add('lock@alpenhost.example');
    for (let i = 1; i < accountLockPolicy.addresses; i++) {
      const row = await recordFailedLogin(database.db, id, at);
      expect([row!.failedLogins, row!.lockedUntil]).toEqual([i, null]);
    }
    const locked = await recordFailedLogin(database.db, id, at);
    expect(locked!.lockedUntil).toEqual(minutes(15));
    expect(locked!.failedLogins).toBe(0);
    // After the lock, one more failure does not lock again at once.
    const after = await recordFailedLogin(database.db, id, minutes(16));
    expect([after!.failedLogins, after!.lockedUntil]).toEqual([1, minutes(15)]);
  });

  it('loses no failure when attempts arrive at the same time', async () => {
    const { id } = await add('race@alpenhost.example');
    await Promise.all(Array.from({ length: 4 }, () => recordFailedLogin(database.db, id, at)));
    expect((await findStaffByEmail(database.db, 'race@alpenhost.example'))!.failedLogins).toBe(4);
  });

  it('clears failures and the lock after a successful sign-in', async () => {
    const { id } = await add('ok@alpenhost.example');
    for (let i = 0; i <= accountLockPolicy.addresses; i++) await recordFailedLogin(database.db, id, at);
    await resetFailedLogins(database.db, id);
    expect(await findStaffByEmail(database.db, 'ok@alpenhost.example')).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('a password set for someone is one-time until they change it themselves', async () => {
    const { id } = await add('new@alpenhost.example');
    expect((await setStaffPassword(database.db, 'NEW@alpenhost.example', 'scrypt$set', { mustChangePassword: true }))?.mustChangePassword).toBe(true);
    await changeOwnPassword(database.db, id, 'scrypt$own');
    expect(await findStaffByEmail(database.db, 'new@alpenhost.example')).toMatchObject({ passwordHash: 'scrypt$own', mustChangePassword: false });
  });

  it('disables an account once and says so the second time', async () => {
    await add('gone@alpenhost.example');
    expect((await disableStaff(database.db, 'GONE@alpenhost.example')).result).toBe('disabled');
    expect((await disableStaff(database.db, 'gone@alpenhost.example')).result).toBe('already_disabled');
    expect((await disableStaff(database.db, 'nobody@alpenhost.example')).result).toBe('not_found');
  });
});

describe('sessions', () => {
  it('stores only the SHA-256 of the token and finds the session and its staff member by the token', async () => {
    const { id } = await add('ana@alpenhost.example');
    await createSession(database.db, { token: 'secret-token', staffId: id, createdAt: at, expiresAt: minutes(720) });
    const [row] = await database.db.select().from(sessions);
    expect(row.tokenHash).toBe(createHash('sha256').update('secret-token').digest('hex'));
    expect(JSON.stringify(row)).not.toContain('secret-token');
    const found = await findSession(database.db, 'secret-token');
    expect(found?.staff.email).toBe('ana@alpenhost.example');
    expect(found?.session.lastSeenAt).toEqual(at);
    expect(await findSession(database.db, 'other-token')).toBeUndefined();
  });

  it('moves lastSeenAt, deletes one session, all of a staff member\'s, all but one, or only the ended ones', async () => {
    const { id } = await add('ana@alpenhost.example');
    const other = await add('bo@alpenhost.example');
    const open = (token: string, staffId = id, createdAt = at) => createSession(database.db, { token, staffId, createdAt, expiresAt: new Date(createdAt.getTime() + 720 * 60_000) });
    await open('a'); await open('b'); await open('c', other.id);
    await touchSession(database.db, 'a', minutes(5));
    expect((await findSession(database.db, 'a'))!.session.lastSeenAt).toEqual(minutes(5));
    await deleteSession(database.db, 'a');
    expect(await findSession(database.db, 'a')).toBeUndefined();
    expect(await deleteSessionsOfStaff(database.db, id)).toBe(1);
    expect(await findSession(database.db, 'c')).toBeDefined();

    await open('here', id); await open('laptop', id); await open('phone', id);
    expect(await deleteOtherSessionsOfStaff(database.db, id, 'here')).toBe(2);
    expect(await findSession(database.db, 'here')).toBeDefined();
    expect(await findSession(database.db, 'c')).toBeDefined();
    await deleteSession(database.db, 'here');

    await open('idle', id, minutes(-60)); await open('fresh', id, minutes(-5)); await open('expired', id, minutes(-800));
    await touchSession(database.db, 'expired', minutes(-1));
    await deleteEndedSessionsOfStaff(database.db, id, at, minutes(-30));
    expect(await findSession(database.db, 'idle')).toBeUndefined();
    expect(await findSession(database.db, 'expired')).toBeUndefined();
    expect(await findSession(database.db, 'fresh')).toBeDefined();
  });
});
