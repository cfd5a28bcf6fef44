// Staff sign-in to the support console, end to end against the built server: accounts made with
// the staff CLI, the generic failure message, the lockouts (per address, per account and address,
// per account from many addresses) counted before the password is checked and shared by every
// server, one-time passwords and the change-password page, idle and absolute session ends,
// signing out, disabled accounts, cookie flags and Origin checks.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, staff } from '../../db/schema';
import { verifyPassword } from '../../src/server/passwords';
import { axeViolations, useBrowser } from './browser';
import { startServer, tempDatabase, type RunningServer } from './server';

const generic = 'The email or password is wrong. After 5 wrong attempts the account is locked for 15 minutes on this connection.';
const idleMinutes = 5;

let database: Awaited<ReturnType<typeof tempDatabase>>;
let server: RunningServer;
const { browser } = useBrowser();
const passwords: Record<string, string> = {};

/** Runs `npm run staff` against the test database, as an administrator would. */
function staffCli(...args: string[]): string {
  const { NODE_ENV: _ignored, ...env } = process.env;
  return execFileSync(process.execPath, ['scripts/cli/staff.ts', ...args], { env: { ...env, DATABASE_URL: database.url }, encoding: 'utf8' });
}

// Every test signs in from its own address (X-Forwarded-For behind TRUST_PROXY=1), so failures
// counted in one test never reach the per-address limit of another.
let nextAddress = 1;
const newAddress = () => `203.0.113.${nextAddress++}`;

beforeAll(async () => {
  database = await tempDatabase();
  // Chosen passwords (--password): a printed one is one-time and has its own tests below.
  for (const email of ['ana@alpenhost.example', 'lock@alpenhost.example', 'gone@alpenhost.example', 'cut@alpenhost.example', 'idle@alpenhost.example', 'old@alpenhost.example', 'out@alpenhost.example', 'next@alpenhost.example', 'race@alpenhost.example', 'team@alpenhost.example', 'many@alpenhost.example']) {
    passwords[email] = `the passphrase of ${email}`;
    staffCli('add', email, '--role', 'agent', '--password', passwords[email]);
  }
  staffCli('add', 'Eda@Alpenhost.example', '--role', 'admin', '--password', 'a long chosen passphrase');
  passwords['eda@alpenhost.example'] = 'a long chosen passphrase';
  staffCli('add', 'ed@alpenhost.example', '--role', 'editor', '--password', 'an editor passphrase');
  passwords['ed@alpenhost.example'] = 'an editor passphrase';
  server = await startServer({ DATABASE_URL: database.url, NODE_ENV: 'test', TRUST_PROXY: '1', CONSOLE_IDLE_MINUTES: String(idleMinutes) });
});
afterAll(async () => {
  await server?.stop();
  database?.dispose();
});

interface SignInOptions { address?: string; origin?: string; next?: string; base?: string }

/** Posts the sign-in form as a browser without JavaScript would; does not follow redirects. */
function postSignIn(email: string, password: string, options: SignInOptions = {}): Promise<Response> {
  const base = options.base ?? server.url;
  return fetch(`${base}/console/login/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: options.origin ?? base, 'x-forwarded-for': options.address ?? newAddress() },
    body: new URLSearchParams({ email, password, ...(options.next ? { next: options.next } : {}) }),
  });
}

/** The `name=value` part of the session cookie a response sets. */
function sessionCookie(response: Response): string {
  const set = response.headers.getSetCookie().find((c) => c.startsWith('cairn_session='));
  expect(set, 'the response sets the session cookie').toBeDefined();
  return set!.split(';')[0];
}

async function signedIn(email: string): Promise<string> {
  const response = await postSignIn(email, passwords[email]);
  expect(response.status).toBe(303);
  return sessionCookie(response);
}

/** The text of what the page shows, once it shows it. */
async function shown(locator: Locator): Promise<string> {
  await locator.waitFor();
  return (await locator.textContent())!.trim();
}

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const staffRow = async (email: string) => (await database.db.select().from(staff).where(eq(staff.email, email)))[0];
const tokenHash = (cookie: string) => createHash('sha256').update(cookie.slice('cairn_session='.length)).digest('hex');

describe('signing in', () => {
  it('a stranger opening the console is sent to sign in, and lands on the queue afterwards', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': newAddress() } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/console/login/?next=%2Fconsole%2F');
    await page.getByLabel('Email').fill('Ana@Alpenhost.example');
    await page.getByLabel('Password').fill(passwords['ana@alpenhost.example']);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/console/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ticket queue');
    const header = await page.locator('header').textContent();
    expect(header).toContain('ana@alpenhost.example');
    expect(header).toContain('agent');
    expect(await page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents()).toEqual(['Queue', 'Helpfulness', 'Search gaps', 'Status']);
    await context.close();
  });

  it('returns to the page the stranger asked for, but never to another site', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': newAddress() } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/search/?q=smtp`);
    await page.getByLabel('Email').fill('next@alpenhost.example');
    await page.getByLabel('Password').fill(passwords['next@alpenhost.example']);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/console/search/?q=smtp`);
    await context.close();

    const offsite = await postSignIn('next@alpenhost.example', passwords['next@alpenhost.example'], { next: '//evil.example/console/' });
    expect(offsite.status).toBe(303);
    expect(offsite.headers.get('location')).toBe('/console/');
  });

  it('a wrong password shows the generic message and keeps the email, not the password', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': newAddress() } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/login/`);
    await page.getByLabel('Email').fill('eda@alpenhost.example');
    await page.getByLabel('Password').fill('not the passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(generic);
    expect(await page.getByLabel('Email').inputValue()).toBe('eda@alpenhost.example');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect(new URL(page.url()).pathname).toBe('/console/login/');
    await context.close();
  });

  it('answers an unknown address exactly as a wrong password (no account enumeration)', async () => {
    const wrong = await postSignIn('eda@alpenhost.example', 'not the passphrase');
    const unknown = await postSignIn('nobody@alpenhost.example', 'not the passphrase');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const message = (html: string) => /<p class="form-error[^"]*" role="alert"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
    expect(message(await wrong.text())).toBe(generic);
    expect(message(await unknown.text())).toBe(generic);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    await staffRow('eda@alpenhost.example').then((row) => expect(row.failedLogins).toBe(2)); // this test and the one before
  });

  it('the password set with --password works, and a successful sign-in clears earlier failures', async () => {
    await signedIn('eda@alpenhost.example');
    expect((await staffRow('eda@alpenhost.example')).failedLogins).toBe(0);
  });

  it('marks console responses private: no caching, no indexing', async () => {
    for (const response of [await get('/console/login/'), await get('/console/')]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-robots-tag')).toBe('noindex');
    }
  });

  it('a signed-in staff member opening the sign-in page goes straight to the console', async () => {
    const cookie = await signedIn('ana@alpenhost.example');
    const response = await get('/console/login/?next=%2Fconsole%2Fhelpfulness%2F', cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/helpfulness/');
  });
});

describe('guessing', () => {
  it('locks an account after 5 wrong passwords from one address, for that address only', async () => {
    const email = 'lock@alpenhost.example';
    const stranger = newAddress();
    for (let i = 0; i < 5; i++) expect((await postSignIn(email, `wrong guess ${i}`, { address: stranger })).status).toBe(401);
    const locked = await postSignIn(email, passwords[email], { address: stranger });
    expect(locked.status).toBe(401);
    expect(locked.headers.getSetCookie()).toEqual([]);
    expect(await locked.text()).toContain(generic);
    // The owner, from their own address, is not locked out by the stranger.
    expect((await postSignIn(email, passwords[email])).status).toBe(303);
  });

  it('a stranger failing from many addresses does not lock the team member out of their usual browser', async () => {
    const email = 'team@alpenhost.example';
    const home = newAddress();
    const first = await postSignIn(email, passwords[email], { address: home });
    expect(first.status).toBe(303);
    const device = first.headers.getSetCookie().find((c) => c.startsWith('cairn_device='))!.split(';')[0];
    // 20 addresses fail: the account-wide lock begins.
    const failed = await Promise.all(Array.from({ length: 20 }, () => postSignIn(email, 'a wrong guess')));
    expect(failed.map((r) => r.status)).toEqual(Array(20).fill(401));
    expect((await staffRow(email)).lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    // A browser that never signed in to the account is refused, even with the right password...
    const newcomer = await postSignIn(email, passwords[email]);
    expect(newcomer.status).toBe(401);
    expect(await newcomer.text()).toContain(generic);
    // ...but the member's own browser, from any address, still signs in.
    const own = await fetch(`${server.url}/console/login/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'x-forwarded-for': newAddress(), cookie: device },
      body: new URLSearchParams({ email, password: passwords[email] }),
    });
    expect(own.status).toBe(303);
    expect((await staffRow(email)).lockedUntil).toBeNull();
  });

  it('answers 429 with Retry-After once an address has failed 10 times in 15 minutes, whatever the account', async () => {
    const address = newAddress();
    for (let i = 0; i < 10; i++) expect((await postSignIn(`nobody${i}@alpenhost.example`, 'guess', { address })).status).toBe(401);
    const limited = await postSignIn('ana@alpenhost.example', passwords['ana@alpenhost.example'], { address });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    expect(limited.headers.getSetCookie()).toEqual([]);
    expect(await limited.text()).toContain('Too many failed sign-ins from your connection. Try again in 15 minutes.');
    // Another address is not affected.
    expect((await postSignIn('ana@alpenhost.example', passwords['ana@alpenhost.example'])).status).toBe(303);
  });

  it('40 wrong passwords sent at once from one address get at most 10 answers of 401, the rest 429', async () => {
    const address = newAddress();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => postSignIn(`parallel${i}@alpenhost.example`, 'guess', { address })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
  });

  it('39 wrong passwords and the right one, sent at once from one address, do not sign in', async () => {
    const email = 'race@alpenhost.example';
    const address = newAddress();
    const guesses = [...Array.from({ length: 39 }, (_, i) => `wrong guess ${i}`), passwords[email]];
    const answers = await Promise.all(guesses.map((password) => postSignIn(email, password, { address })));
    expect(answers.map((r) => r.status).filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(answers.flatMap((r) => r.headers.getSetCookie())).toEqual([]);
    // The owner, from their own address, signs in.
    expect((await postSignIn(email, passwords[email])).status).toBe(303);
  });

  it('two app servers on one database share the limit: 10 failures in all, not 10 each', async () => {
    const second = await startServer({ DATABASE_URL: database.url, NODE_ENV: 'test', TRUST_PROXY: '1' });
    try {
      const address = newAddress();
      for (let i = 0; i < 10; i++) {
        const base = i % 2 ? second.url : server.url;
        expect((await postSignIn(`shared${i}@alpenhost.example`, 'guess', { address, base })).status).toBe(401);
      }
      expect((await postSignIn('ana@alpenhost.example', passwords['ana@alpenhost.example'], { address, base: second.url })).status).toBe(429);
      expect((await postSignIn('ana@alpenhost.example', passwords['ana@alpenhost.example'], { address })).status).toBe(429);
    } finally {
      await second.stop();
    }
  });
});

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Lax cookie for the whole site, and stores only a hash of its token', async () => {
    const response = await postSignIn('ana@alpenhost.example', passwords['ana@alpenhost.example']);
    const set = response.headers.getSetCookie().find((c) => c.startsWith('cairn_session='))!;
    const attributes = set.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    expect(attributes).not.toContain('secure'); // plain HTTP outside production
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/^cairn_session=[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.select().from(sessions);
    expect(stored.map((s) => s.tokenHash)).toContain(tokenHash(cookie));
    expect(JSON.stringify(stored)).not.toContain(cookie.slice('cairn_session='.length));
  });

  it('marks the cookie Secure in production, even over plain HTTP behind a proxy', async () => {
    const production = await startServer({ DATABASE_URL: database.url, NODE_ENV: 'production', TRUST_PROXY: '1' });
    try {
      const response = await postSignIn('ana@alpenhost.example', passwords['ana@alpenhost.example'], { base: production.url });
      expect(response.status).toBe(303);
      const set = response.headers.getSetCookie().find((c) => c.startsWith('cairn_session='))!;
      expect(set.split(';').map((a) => a.trim().toLowerCase())).toContain('secure');
    } finally {
      await production.stop();
    }
  });

  it('signing out ends the session: the old cookie no longer opens the console', async () => {
    const cookie = await signedIn('out@alpenhost.example');
    expect((await get('/console/', cookie)).status).toBe(200);
    const out = await fetch(`${server.url}/console/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.url } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/console/login/?signed-out=1');
    expect(out.headers.getSetCookie().find((c) => c.startsWith('cairn_session='))).toMatch(/^cairn_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    const again = await get('/console/', cookie);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/console/login/?next=%2Fconsole%2F');
    expect(await database.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash(cookie)))).toEqual([]);
  });

  it('signing out with the button returns to the sign-in page, which says so', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': newAddress() } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/login/`);
    await page.getByLabel('Email').fill('out@alpenhost.example');
    await page.getByLabel('Password').fill(passwords['out@alpenhost.example']);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/console/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/console/login/?signed-out=1`);
    expect(await page.getByRole('status').textContent()).toBe('You are signed out.');
    await page.goto(`${server.url}/console/`);
    expect(new URL(page.url()).pathname).toBe('/console/login/');
    await context.close();
  });

  it(`ends a session idle for ${idleMinutes} minutes (CONSOLE_IDLE_MINUTES), and slides one in use`, async () => {
    const cookie = await signedIn('idle@alpenhost.example');
    const hash = tokenHash(cookie);
    const setLastSeen = (minutesAgo: number) => database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - minutesAgo * 60_000) }).where(eq(sessions.tokenHash, hash));

    // Used a few minutes ago: still open, and the use moves lastSeenAt forward.
    await setLastSeen(idleMinutes - 2);
    expect((await get('/console/', cookie)).status).toBe(200);
    const [slid] = await database.db.select().from(sessions).where(eq(sessions.tokenHash, hash));
    expect(Date.now() - slid.lastSeenAt.getTime()).toBeLessThan(30_000);

    // Within the minute after a write, a request does not write again.
    await database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 20_000) }).where(eq(sessions.tokenHash, hash));
    const [before] = await database.db.select().from(sessions).where(eq(sessions.tokenHash, hash));
    expect((await get('/console/', cookie)).status).toBe(200);
    const [unchanged] = await database.db.select().from(sessions).where(eq(sessions.tokenHash, hash));
    expect(unchanged.lastSeenAt.getTime()).toBe(before.lastSeenAt.getTime());

    await setLastSeen(idleMinutes + 1);
    const idle = await get('/console/', cookie);
    expect(idle.status).toBe(303);
    expect(idle.headers.get('location')).toBe('/console/login/?next=%2Fconsole%2F');
    expect(await database.db.select().from(sessions).where(eq(sessions.tokenHash, hash))).toEqual([]);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const cookie = await signedIn('old@alpenhost.example');
    const [session] = await database.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash(cookie)));
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 3600_000);
    await database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.tokenHash, tokenHash(cookie)));
    expect((await get('/console/', cookie)).status).toBe(303);
  });

  it('a disabled account is signed out at once and cannot sign in again', async () => {
    const cookie = await signedIn('gone@alpenhost.example');
    expect((await get('/console/', cookie)).status).toBe(200);
    expect(staffCli('disable', 'gone@alpenhost.example')).toContain('gone@alpenhost.example is disabled and can no longer sign in; 1 open session ended.');
    expect((await get('/console/', cookie)).status).toBe(303);
    const again = await postSignIn('gone@alpenhost.example', passwords['gone@alpenhost.example']);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain(generic);
  });

  it('an account disabled behind the CLI\'s back loses its session on the next request', async () => {
    const cookie = await signedIn('cut@alpenhost.example');
    await database.db.update(staff).set({ disabled: true }).where(eq(staff.email, 'cut@alpenhost.example'));
    expect((await get('/console/', cookie)).status).toBe(303);
    expect(await database.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash(cookie)))).toEqual([]);
  });

  it('ignores a made-up or malformed session cookie', async () => {
    for (const cookie of ['cairn_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'cairn_session=%00%27%22', 'cairn_session=']) {
      const response = await get('/console/', cookie);
      expect(response.status).toBe(303);
    }
  });
});

describe('roles', () => {
  const ticket = '/console/tickets/T-0000-0000-0000-0000/';
  const exports = ['/console/export/tickets.csv', '/console/export/feedback.csv'];

  it('an editor starts at article insights and cannot open tickets or exports', async () => {
    const cookie = await signedIn('ed@alpenhost.example');
    const home = await get('/console/', cookie);
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/console/helpfulness/');
    const insights = await get('/console/helpfulness/', cookie);
    expect(insights.status).toBe(200);
    const nav = /<nav aria-label="Console"[^>]*>([\s\S]*?)<\/nav>/.exec(await insights.text())![1];
    expect(nav).toContain('Helpfulness');
    expect(nav).not.toContain('Queue');
    for (const path of [ticket, ...exports]) {
      const refused = await get(path, cookie);
      expect(refused.status, path).toBe(403);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      const html = await refused.text();
      expect(html).toContain('Not available to your role');
      expect(html).toContain(path === ticket ? 'cannot open the ticket queue' : 'cannot open the data exports');
      expect(html).not.toContain('Pro: mail delays');
    }
    // A form post to a ticket is refused the same way, before the page acts on it.
    const post = await fetch(`${server.url}${ticket}`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=respond' });
    expect(post.status).toBe(403);
  });

  it('an agent works the queue but cannot take the bulk exports, and is not offered them', async () => {
    const cookie = await signedIn('ana@alpenhost.example');
    const queue = await get('/console/', cookie);
    expect(queue.status).toBe(200);
    expect(await queue.text()).not.toContain('/console/export/');
    for (const path of exports) expect((await get(path, cookie)).status, path).toBe(403);
  });

  it('an admin takes the exports from the queue page', async () => {
    const cookie = await signedIn('eda@alpenhost.example');
    expect(await (await get('/console/', cookie)).text()).toContain('href="/console/export/tickets.csv"');
    for (const path of exports) {
      const response = await get(path, cookie);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
    }
  });
});

describe('one-time passwords and changing one\'s password', () => {
  /** Adds an account with a printed (one-time) password and returns that password. */
  const oneTime = (email: string, role = 'agent') => /Password: (\S+)/.exec(staffCli('add', email, '--role', role))![1];
  const postChange = (cookie: string, fields: Record<string, string>, origin = server.url) => fetch(`${server.url}/console/password/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });

  it('the first sign-in with a printed password lands on the change page, and nothing else opens until it is changed', async () => {
    const email = 'first@alpenhost.example';
    const printed = oneTime(email);
    const elsewhere = await postSignIn(email, printed); // a second browser, to see it signed out afterwards
    expect(elsewhere.headers.get('location')).toBe('/console/password/');
    const other = sessionCookie(elsewhere);
    for (const path of ['/console/', '/console/helpfulness/', '/console/tickets/T-0000-0000-0000-0000/']) {
      const refused = await get(path, other);
      expect(refused.status, path).toBe(303);
      expect(refused.headers.get('location'), path).toBe(path === '/console/' ? '/console/password/' : `/console/password/?next=${encodeURIComponent(path)}`);
    }

    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': newAddress() } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/helpfulness/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(printed);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/console/password/?next=%2Fconsole%2Fhelpfulness%2F`);
    expect(await shown(page.getByRole('status'))).toBe('You signed in with a one-time password. Choose your own before you continue.');
    expect(await page.getByRole('navigation', { name: 'Console' }).count()).toBe(0);
    await page.goto(`${server.url}/console/`);
    expect(new URL(page.url()).pathname).toBe('/console/password/');

    // Mistakes come back beside each field, with nothing changed.
    await page.getByLabel('Current password').fill('not the printed one');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('New password again').fill('different');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await shown(page.locator('#password-error'))).toBe('Choose a password of at least 12 characters.');
    expect(await shown(page.locator('#confirm-error'))).toBe('This differs from the new password; type the same one twice.');
    await page.getByLabel('Current password').fill('not the printed one');
    await page.getByLabel('New password', { exact: true }).fill('my own long passphrase');
    await page.getByLabel('New password again').fill('my own long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await shown(page.locator('#current-error'))).toBe('This is not your current password.');
    expect((await staffRow(email)).mustChangePassword).toBe(true);

    await page.getByLabel('Current password').fill(printed);
    await page.getByLabel('New password', { exact: true }).fill('my own long passphrase');
    await page.getByLabel('New password again').fill('my own long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/\/console\/password\/\?changed=/);
    expect(await shown(page.getByRole('status'))).toBe('Your password is changed. 1 other session of yours ended.');
    // On to the page last asked for: the queue, opened above while the password was one-time.
    await page.getByRole('link', { name: 'Continue to the console' }).click();
    await page.waitForURL(`${server.url}/console/`);
    expect(await shown(page.getByRole('heading', { level: 1 }))).toBe('Ticket queue');
    await context.close();

    expect((await staffRow(email)).mustChangePassword).toBe(false);
    expect((await get('/console/', other)).headers.get('location')).toBe('/console/login/?next=%2Fconsole%2F'); // the other session ended
    expect((await postSignIn(email, printed)).status).toBe(401);
    expect((await postSignIn(email, 'my own long passphrase')).headers.get('location')).toBe('/console/');
  });

  it('npm run staff -- set-password makes the next sign-in a one-time one again', async () => {
    const email = 'reset@alpenhost.example';
    staffCli('add', email, '--role', 'editor', '--password', 'a chosen passphrase');
    expect((await postSignIn(email, 'a chosen passphrase')).headers.get('location')).toBe('/console/');
    const printed = /Password: (\S+)/.exec(staffCli('set-password', email))![1];
    expect((await postSignIn(email, printed)).headers.get('location')).toBe('/console/password/');
  });

  it('refuses strangers: the page and its form send them to sign in, and change nothing', async () => {
    const page = await get('/console/password/');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/console/login/?next=%2Fconsole%2Fpassword%2F');
    const before = (await staffRow('ana@alpenhost.example')).passwordHash;
    const post = await postChange('', { current: passwords['ana@alpenhost.example'], password: 'taken over passphrase', confirm: 'taken over passphrase' });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/console/login/');
    expect((await staffRow('ana@alpenhost.example')).passwordHash).toBe(before);
  });

  it('refuses a cross-site change with 403, and limits wrong current passwords with 429', async () => {
    const email = 'guessed@alpenhost.example';
    passwords[email] = 'the real passphrase';
    staffCli('add', email, '--role', 'agent', '--password', passwords[email]);
    const cookie = await signedIn(email);
    const change = { password: 'a new long passphrase', confirm: 'a new long passphrase' };
    const forged = await postChange(cookie, { current: 'the real passphrase', ...change }, 'https://evil.example');
    expect(forged.status).toBe(403);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await postChange(cookie, { current: `guess ${i}`, ...change })).status);
    expect(answers).toEqual([400, 400, 400, 400, 400, 429]);
    expect(await verifyPassword('the real passphrase', (await staffRow(email)).passwordHash)).toBe(true);
  });
});

describe('cross-site requests', () => {
  it('refuses a cross-site POST to /console/logout with 403 and keeps the session', async () => {
    const cookie = await signedIn('ana@alpenhost.example');
    const forged = await fetch(`${server.url}/console/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(forged.status).toBe(403);
    expect((await get('/console/', cookie)).status).toBe(200);
  });

  it('refuses a cross-site sign-in (login CSRF) with 403', async () => {
    const forged = await postSignIn('ana@alpenhost.example', passwords['ana@alpenhost.example'], { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie()).toEqual([]);
  });

  it('answers a GET to /console/logout from a signed-in browser with 405', async () => {
    const cookie = await signedIn('ana@alpenhost.example');
    const response = await get('/console/logout', cookie);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect((await get('/console/', cookie)).status).toBe(200);
  });
});

describe('accessibility', () => {
  it.each(['light', 'dark'] as const)('the sign-in page has no axe violations, with and without an error shown (%s theme)', async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, extraHTTPHeaders: { 'x-forwarded-for': newAddress() } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/login/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill('eda@alpenhost.example');
    await page.getByLabel('Password').fill('still not it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it.each(['light', 'dark'] as const)('the change-password page has no axe violations, with and without errors shown (%s theme)', async (colorScheme) => {
    const cookie = await signedIn('ana@alpenhost.example');
    const context = await browser.newContext({ colorScheme, extraHTTPHeaders: { 'x-forwarded-for': newAddress() } });
    await context.addCookies([{ name: 'cairn_session', value: cookie.slice('cairn_session='.length), url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/console/password/`);
    expect(await shown(page.getByRole('heading', { level: 1 }))).toBe('Change your password');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
