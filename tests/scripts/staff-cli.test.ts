// Runs scripts/cli/staff.ts as an administrator would, against a throwaway database migrated from
// db/migrations: passwords are printed once and stored as scrypt hashes only; problems are listed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../../db/queries/sessions';
import { apiTokens, sessions, staff } from '../../db/schema';
import { hashApiToken } from '../../src/lib/api-tokens';
import { verifyPassword } from '../../src/server/passwords';
import { tempDatabase } from '../e2e/server';
import { main } from '../../scripts/cli/staff';
import { runMain, spawnCli, type Result } from './run-cli';


let database: Awaited<ReturnType<typeof tempDatabase>>;
beforeEach(async () => { database = await tempDatabase(); });
afterEach(() => database.dispose());

async function staffCli(...args: string[]): Promise<Result> {
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  return runMain(main, args, { ...inherited, DATABASE_URL: database.url });
}

describe('npm run staff -- add', () => {
  it('prints a generated password once and stores only its scrypt hash, under the lowercased address', async () => {
    const result = await staffCli('add', 'Ana@Alpenhost.example', '--role', 'editor');
    expect(result.status).toBe(0);
    const password = /Password: (\S+)/.exec(result.stdout)![1];
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const [row] = await database.db.select().from(staff);
    expect(row).toMatchObject({ email: 'ana@alpenhost.example', role: 'editor', disabled: false });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, row.passwordHash)).toBe(true);
    // The printed password is one-time: the console asks for a new one at first sign-in.
    expect(row.mustChangePassword).toBe(true);
    expect(result.stdout).toContain('It is one-time: at first sign-in the console asks');
  });

  it('takes a chosen password, does not print it, and does not ask for it to be changed', async () => {
    const result = await staffCli('add', 'bo@alpenhost.example', '--role', 'admin', '--password', 'a long chosen passphrase');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('a long chosen passphrase');
    const [row] = await database.db.select().from(staff);
    expect(await verifyPassword('a long chosen passphrase', row.passwordHash)).toBe(true);
    expect(row.mustChangePassword).toBe(false);
  });

  it('lists every problem at once, exits 1 and writes nothing', async () => {
    const result = await staffCli('add', 'not-an-email', '--role', 'boss', '--password', 'short', '--team', 'ops');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('staff add found 4 problem(s); nothing was written:');
    expect(result.stderr).toContain('--team is not an option of add; its options are --role, --password');
    expect(result.stderr).toContain('the email "not-an-email" must be an email address');
    expect(result.stderr).toContain('--role must be one of agent, editor, admin (got "boss")');
    expect(result.stderr).toContain('--password must be at least 12 characters');
    expect(await database.db.select().from(staff)).toEqual([]);
  });

  it('asks for the address and the role when they are missing', async () => {
    const result = await staffCli('add');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('whose account? Give the email address');
    expect(result.stderr).toContain('--role is required; give one of agent, editor, admin');
  });

  it('refuses a second account for the same address', async () => {
    await staffCli('add', 'ana@alpenhost.example', '--role', 'agent');
    const result = await staffCli('add', 'ANA@alpenhost.example', '--role', 'admin');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ana@alpenhost.example already has an account');
  });
});

describe('npm run staff -- list and disable', () => {
  it('lists accounts with their state, and disabling shows there', async () => {
    await staffCli('add', 'ana@alpenhost.example', '--role', 'agent');
    await staffCli('add', 'bo@alpenhost.example', '--role', 'admin');
    const disabled = await staffCli('disable', 'bo@alpenhost.example');
    expect(disabled).toMatchObject({ status: 0 });
    expect(disabled.stdout).toContain('bo@alpenhost.example is disabled and can no longer sign in; 0 open sessions ended.');
    const list = await staffCli('list');
    const rows = list.stdout.split('\n').map((line) => line.split(/\s{2,}/));
    expect(rows.find((r) => r[0] === 'ana@alpenhost.example')?.slice(1, 3)).toEqual(['agent', 'active, one-time password']);
    expect(rows.find((r) => r[0] === 'bo@alpenhost.example')?.slice(1, 3)).toEqual(['admin', 'disabled']);
  });

  it('says how to add the first account when there is none', async () => {
    expect((await staffCli('list')).stdout).toContain('No accounts yet. Add one with npm run staff -- add');
  });

  it('fails with exit 1 for an unknown account or a missing address', async () => {
    const unknown = await staffCli('disable', 'nobody@alpenhost.example');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('there is no account for nobody@alpenhost.example');
    const missing = await staffCli('disable');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('whose account?');
  });

  it('names an unknown command and exits 1', async () => {
    const result = await staffCli('remove', 'ana@alpenhost.example');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown command "remove"; use one of add, list, disable, set-password, set-role');
  });
});

describe('npm run staff -- set-password', () => {
  it('replaces a forgotten password, lifts a lock and ends the sessions the old password opened', async () => {
    await staffCli('add', 'ana@alpenhost.example', '--role', 'agent', '--password', 'the old passphrase');
    const [before] = await database.db.select().from(staff);
    await database.db.update(staff).set({ failedLogins: 3, lockedUntil: new Date(Date.now() + 600_000) });
    await createSession(database.db, { token: 'hash-of-a-token', staffId: before.id, createdAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });

    const result = await staffCli('set-password', 'Ana@Alpenhost.example');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('ana@alpenhost.example has a new password; the old one no longer works, 1 open session ended.');
    const password = /Password: (\S+)/.exec(result.stdout)![1];
    const [after] = await database.db.select().from(staff);
    expect(await verifyPassword(password, after.passwordHash)).toBe(true);
    expect(await verifyPassword('the old passphrase', after.passwordHash)).toBe(false);
    expect(after).toMatchObject({ failedLogins: 0, lockedUntil: null, disabled: false, mustChangePassword: true });
    expect(await database.db.select().from(sessions)).toEqual([]);
  });

  it('takes a chosen password without printing it, and says when the account is still disabled', async () => {
    await staffCli('add', 'bo@alpenhost.example', '--role', 'admin');
    await staffCli('disable', 'bo@alpenhost.example');
    const result = await staffCli('set-password', 'bo@alpenhost.example', '--password', 'a brand new passphrase');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('a brand new passphrase');
    expect(result.stdout).toContain('0 open sessions ended. The account is still disabled.');
    const [row] = await database.db.select().from(staff);
    expect(await verifyPassword('a brand new passphrase', row.passwordHash)).toBe(true);
    expect(row.mustChangePassword).toBe(false);
  });

  it('lists every problem, exits 1 and changes nothing', async () => {
    await staffCli('add', 'ana@alpenhost.example', '--role', 'agent', '--password', 'the old passphrase');
    const bad = await staffCli('set-password', 'not-an-email', '--password', 'short');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('the email "not-an-email" must be an email address');
    expect(bad.stderr).toContain('--password must be at least 12 characters');
    const unknown = await staffCli('set-password', 'nobody@alpenhost.example');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('there is no account for nobody@alpenhost.example');
    const [row] = await database.db.select().from(staff);
    expect(await verifyPassword('the old passphrase', row.passwordHash)).toBe(true);
  });
});

describe('npm run staff -- set-role', () => {
  it('changes what an account may open, and says when nothing changed', async () => {
    await staffCli('add', 'ana@alpenhost.example', '--role', 'agent');
    const changed = await staffCli('set-role', 'Ana@Alpenhost.example', '--role', 'editor');
    expect(changed.status).toBe(0);
    expect(changed.stdout).toContain('ana@alpenhost.example is now editor (was agent); it applies from their next request.');
    const [row] = await database.db.select().from(staff);
    expect(row.role).toBe('editor');
    expect((await staffCli('set-role', 'ana@alpenhost.example', '--role', 'editor')).stdout).toContain('already has the role editor');
  });

  it('lists every problem, exits 1 and changes nothing', async () => {
    await staffCli('add', 'ana@alpenhost.example', '--role', 'agent');
    const bad = await staffCli('set-role', 'not-an-email', '--role', 'boss');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('the email "not-an-email" must be an email address');
    expect(bad.stderr).toContain('--role must be one of agent, editor, admin (got "boss")');
    expect((await staffCli('set-role', 'ana@alpenhost.example')).stderr).toContain('--role is required; give one of agent, editor, admin');
    const unknown = await staffCli('set-role', 'nobody@alpenhost.example', '--role', 'admin');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('there is no account for nobody@alpenhost.example');
    const [row] = await database.db.select().from(staff);
    expect(row.role).toBe('agent');
  });
});

describe('npm run staff -- token', () => {
  it('prints a new status API token once and stores only its SHA-256', async () => {
    const result = await staffCli('token', 'add', '--name', 'Monitoring', '--by', 'ana@alpenhost.example');
    expect(result.status).toBe(0);
    const token = /Token: (\S+)/.exec(result.stdout)![1];
    expect(token).toMatch(/^cairn_status_[A-Za-z0-9_-]{43}$/);
    const [row] = await database.db.select().from(apiTokens);
    expect(row).toMatchObject({ name: 'Monitoring', createdBy: 'ana@alpenhost.example', tokenHash: hashApiToken(token), revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(result.stdout).toContain('shown once');
  });

  it('lists tokens with their state, and revokes by id or by name', async () => {
    await staffCli('token', 'add', '--name', 'Monitoring');
    await staffCli('token', 'add', '--name', 'Uptime checks');
    const byName = await staffCli('token', 'revoke', 'Uptime checks');
    expect(byName.status).toBe(0);
    expect(byName.stdout).toContain('Revoked token 2 ("Uptime checks")');
    expect((await staffCli('token', 'revoke', '1')).stdout).toContain('Revoked token 1 ("Monitoring")');
    expect((await staffCli('token', 'revoke', '1')).stdout).toContain('was already revoked');
    const list = await staffCli('token', 'list');
    expect(list.stdout).toMatch(/1\s+Monitoring\s+revoked /);
    expect(list.stdout).toMatch(/2\s+Uptime checks\s+revoked /);
    expect((await database.db.select().from(apiTokens)).every((t) => t.revokedAt !== null)).toBe(true);
  }, 90_000);

  it('lists every problem, exits 1 and writes nothing', async () => {
    const noName = await staffCli('token', 'add');
    expect(noName.status).toBe(1);
    expect(noName.stderr).toContain('--name is required');
    expect((await staffCli('token', 'add', '--name', '42')).stderr).toContain('--name must not be only digits');
    expect((await staffCli('token', 'rotate')).stderr).toContain('"token rotate" is not a command');
    expect((await staffCli('token')).stderr).toContain('which token command?');
    const unknown = await staffCli('token', 'revoke', 'Nobody');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('there is no token with the id or name "Nobody"');
    expect(await database.db.select().from(apiTokens)).toEqual([]);
  }, 90_000);
});

describe('node scripts/cli/staff.ts', () => {
  it('runs as a program: a refused command reaches the shell as exit code 1 and adds nobody', async () => {
    const { NODE_ENV: _ignored, ...inherited } = process.env;
    const result = await spawnCli('staff', ['add', 'not-an-address', '--role', 'editor'], { ...inherited, DATABASE_URL: database.url });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('staff add found');
    expect((await database.db.$client.execute('select count(*) as n from staff')).rows[0].n).toBe(0);
  });
});
