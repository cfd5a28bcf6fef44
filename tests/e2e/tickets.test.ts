// Premium support end to end: a Pro client with a demo key sees the deadline and files an
// emergency; an anonymous client files a Standard ticket without JavaScript; an expired key is
// explained; mail reaches a real SMTP server (or waits in the outbox); the API refuses bad input.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { deflectionDaily, outbox, tickets } from '../../db/schema';
import { axeViolations, useBrowser } from './browser';
import { freePort, startServer, tempDatabase, type RunningServer } from './server';

const proKey = 'cairn_demo_pro_00000000000000000000000';
let database: Awaited<ReturnType<typeof tempDatabase>>;
let server: RunningServer;
const { browser } = useBrowser();
let smtp: SMTPServer;
const delivered: Array<{ to: string[]; data: string }> = [];
let expiredKey = '';

beforeAll(async () => {
  database = await tempDatabase();
  const env = { ...process.env, DATABASE_URL: database.url, CAIRN_NOW: '2026-12-01T22:45:00+01:00' };
  execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { env });
  const added = execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'add', '--org', 'Old Client AG', '--plan', 'pro', '--from', '2025-01-01', '--months', '6'], { env, encoding: 'utf8' });
  expiredKey = /Key: (\S+)/.exec(added)![1];

  const smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let data = '';
      stream.on('data', (c) => { data += c; });
      stream.on('end', () => { delivered.push({ to: session.envelope.rcptTo.map((r) => r.address), data }); done(); });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  server = await startServer({ CAIRN_NOW: '2026-12-01T22:45:00+01:00', DATABASE_URL: database.url, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, ONCALL_EMAIL: 'oncall@alpenhost.example', TICKET_RATE_LIMIT: '1000' });
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  database?.dispose();
});

const allTickets = () => database.db.select().from(tickets);

describe('the support form', () => {
  it('a Pro client with the demo key sees the deadline, files an emergency and gets a confirmation', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/support/`);
    await page.getByLabel(/This is an emergency/).waitFor({ state: 'hidden' });
    await page.getByLabel('Your name').fill('Ana Muster');
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel(/Contract key/).fill(proKey);
    await page.getByText('Key accepted: Pro plan.').waitFor();
    await page.getByLabel(/This is an emergency/).check();
    await page.getByText(/first response by/).waitFor();
    expect(await page.locator('[data-deadline]').textContent()).toMatch(/Pro request gets a first response by/);
    await page.locator('#product').selectOption('email');
    await page.getByLabel('Subject').fill('All mailboxes bounce');
    await page.getByLabel(/What happened/).fill('Since 22:30 every message to our domain bounces with 550.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/support\/tickets\/T-[0-9A-Z-]+\/$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('We received your request');
    expect(await page.locator('.facts').textContent()).toContain('Pro – emergency');
    const reference = /T-[0-9A-Z-]+/.exec(page.url())![0];
    const [ticket] = (await allTickets()).filter((t) => t.reference === reference);
    expect(ticket).toMatchObject({ plan: 'pro', queue: 'emergency', emergency: true, email: 'ana@example.com' });
    expect(ticket.firstResponseDueAt!.getTime() - ticket.receivedAt.getTime()).toBe(2 * 3600_000);
    await page.close();
  });

  it('an anonymous client files a Standard ticket without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/support/?article=smtp-port-blocked`);
    expect(await page.locator('.about').textContent()).toContain('I can receive email but not send it');
    await page.getByLabel('Your name').fill('Bo');
    await page.getByLabel('Email').fill('bo@example.org');
    await page.locator('#product').selectOption('email');
    await page.getByLabel('Subject').fill('Cannot send mail');
    await page.getByLabel(/What happened/).fill('Outlook says the server refused the connection.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/support\/tickets\//);
    expect(await page.locator('.facts').textContent()).toContain('Best effort');
    const [ticket] = (await allTickets()).filter((t) => t.email === 'bo@example.org');
    expect(ticket).toMatchObject({ plan: 'standard', queue: 'standard', firstResponseDueAt: null, article: 'smtp-port-blocked' });
    await context.close();
  });

  it('without JavaScript, a mistake comes back beside its field with everything typed kept', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/support/`);
    await page.getByLabel('Your name').fill('Cy');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Subject').fill('Hi');
    await page.getByLabel(/What happened/).fill('A long enough description.');
    await page.getByRole('button', { name: 'Send request' }).click();
    expect(await page.locator('#email-error').textContent()).toContain('must be an email address');
    expect(await page.locator('#subject-error').textContent()).toContain('at least 3 characters');
    expect(await page.getByLabel(/What happened/).inputValue()).toBe('A long enough description.');
    await context.close();
  });

  it('explains an expired key and files the ticket as Standard', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/support/`);
    await page.getByLabel(/Contract key/).fill(expiredKey);
    await page.getByText(/This contract has ended/).waitFor();
    await page.getByLabel('Your name').fill('Dee');
    await page.getByLabel('Email').fill('dee@example.com');
    await page.locator('#product').selectOption('billing-account');
    await page.getByLabel('Subject').fill('Renew our contract');
    await page.getByLabel(/What happened/).fill('Our premium contract seems to have ended.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/support\/tickets\//);
    expect(await page.getByRole('note').textContent()).toContain('This contract has ended. We filed your request under the Standard plan.');
    await page.close();
  });

  it('suggests articles while the subject is typed and counts an opened suggestion without personal data', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/support/`);
    await page.getByLabel('Subject').fill('outgoing mail port');
    const link = page.locator('[data-suggestion-list] a').first();
    await link.waitFor();
    expect(await page.locator('[data-suggestion-list] li').count()).toBeLessThanOrEqual(5);
    const popup = page.waitForEvent('popup');
    await link.click();
    await (await popup).close();
    await expect.poll(async () => (await database.db.select().from(deflectionDaily)).find((r) => r.event === 'suggestion_opened')?.count).toBe(1);
    const rows = await database.db.select().from(deflectionDaily);
    // Only a day, an event and a count: nothing that could identify the visitor.
    expect(Object.keys(rows[0]).sort()).toEqual(['count', 'day', 'event']);
    expect(rows.find((r) => r.event === 'suggestions_shown')!.count).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('has no accessibility violations, with errors shown too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/support/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.locator('.form-error').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('mail', () => {
  it('sends the confirmation to the client and the emergency alert to on-call through SMTP', async () => {
    await expect.poll(() => delivered.map((d) => d.to[0]).sort(), { timeout: 10_000 }).toEqual(expect.arrayContaining(['ana@example.com', 'oncall@alpenhost.example']));
    const alert = delivered.find((d) => d.to[0] === 'oncall@alpenhost.example')!;
    expect(alert.data).toMatch(/Subject: EMERGENCY T-/);
    await expect.poll(async () => (await database.db.select().from(outbox)).filter((m) => m.sentAt === null).length).toBe(0);
  });

  it('keeps messages in the outbox when no SMTP server is configured', async () => {
    const db = await tempDatabase();
    const offline = await startServer({ DATABASE_URL: db.url });
    try {
      const res = await fetch(`${offline.url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Eve', email: 'eve@example.com', product: 'other', subject: 'Question', description: 'Where is my invoice?' }) });
      expect(res.status).toBe(201);
      const waiting = await db.db.select().from(outbox);
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toMatchObject({ recipient: 'eve@example.com', sentAt: null });
    } finally {
      await offline.stop();
      db.dispose();
    }
  });
});

describe('POST /api/tickets', () => {
  const valid = { name: 'Fay', email: 'fay@example.com', product: 'vps-cloud', subject: 'VPS unreachable', description: 'SSH times out since noon.' };
  const post = (body: unknown, headers: Record<string, string> = {}, base = server.url) =>
    fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('answers 201 with the reference, plan, queue and deadline; references are unguessable', async () => {
    const res = await post(valid, { authorization: 'Bearer cairn_demo_enterprise_000000000000000' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ plan: 'enterprise', queue: 'enterprise', firstResponseDueAt: '2026-12-02T06:45:00+01:00' });
    expect(body.reference).toMatch(/^T-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it.each([
    ['a bad email and short subject', 400, { ...valid, email: 'x', subject: 'a' }, ['email', 'subject']],
    ['an unknown field', 400, { ...valid, priority: 'high' }, ['priority']],
    ['a filled honeypot', 400, { ...valid, website: 'http://spam.example' }, ['website']],
    ['an emergency on a plan without one', 422, { ...valid, emergency: true }, ['emergency']],
  ])('refuses %s with %i and field errors', async (_name, status, body, fields) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(Object.keys((await res.json()).fields).sort()).toEqual(fields);
  });

  it('answers 403 to a Bearer key that is unknown or expired, 413 over 256 KB, 415 and 403 cross-site', async () => {
    expect((await post(valid, { authorization: `Bearer ${expiredKey}` })).status).toBe(403);
    expect((await post({ ...valid, description: 'x'.repeat(300_000) })).status).toBe(413);
    expect((await post({ ...valid, description: 'x'.repeat(70_000) })).status).toBe(400);
    expect((await post('name=x', { 'content-type': 'text/plain', origin: server.url })).status).toBe(415);
    expect((await post(valid, { origin: 'https://attacker.example' })).status).toBe(403);
  });

  it('limits tickets per address, and locks out an address after repeated wrong keys', async () => {
    const db = await tempDatabase();
    const strict = await startServer({ DATABASE_URL: db.url, TICKET_RATE_LIMIT: '2', KEY_FAILURE_LIMIT: '2' });
    try {
      expect((await post(valid, {}, strict.url)).status).toBe(201);
      expect((await post(valid, {}, strict.url)).status).toBe(201);
      const limited = await post(valid, {}, strict.url);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await strict.stop();
    }
    const lockout = await startServer({ DATABASE_URL: db.url, KEY_FAILURE_LIMIT: '2' });
    try {
      const guess = (key: string) => fetch(`${lockout.url}/api/support-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contractKey: key }) });
      expect((await guess('cairn_guess_1')).status).toBe(403);
      expect((await guess('cairn_guess_2')).status).toBe(403);
      expect((await guess(proKey)).status).toBe(429);
      expect((await post(valid, {}, lockout.url)).status).toBe(429);
    } finally {
      await lockout.stop();
      db.dispose();
    }
  });
});
