// The delivery worker end to end, against the built server, a real SMTP server and a webhook
// receiver on loopback that checks every signature: an admin registers a webhook in the console
// and receives each new ticket signed; a target that keeps failing is disabled and the admins
// mailed; a webhook for one status component receives that component's incidents only; a mail
// that keeps failing is parked and sent again with Retry; the page is for admins.
import { execFileSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, webhooks } from '../../db/schema';
import { axeViolations, useBrowser } from './browser';
import { startSmtpSink, startWebhookReceiver, waitFor, type SmtpSink, type WebhookReceiver } from './sinks';
import { addStaff, startServer, tempDatabase, type RunningServer } from './server';

const proKey = 'cairn_demo_pro_00000000000000000000000';
const password = 'correct horse battery';
let database: Awaited<ReturnType<typeof tempDatabase>>;
let server: RunningServer;
const { browser } = useBrowser();
let sink: SmtpSink;
let receiver: WebhookReceiver;
let refuseBounce = true;

async function secretOf(path: string): Promise<string | undefined> {
  const rows = await database.db.select().from(webhooks);
  return rows.find((w) => new URL(w.url).pathname === path)?.secret;
}
const secrets = new Map<string, string>();

beforeAll(async () => {
  database = await tempDatabase();
  execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { env: { ...process.env, DATABASE_URL: database.url } });
  for (const role of ['admin', 'agent', 'editor'] as const) addStaff(database.url, `${role}@alpenhost.example`, role, password);
  sink = await startSmtpSink({ refuse: (to) => refuseBounce && to === 'bounce@example.com' });
  receiver = await startWebhookReceiver((path) => secrets.get(path));
  server = await startServer({
    DATABASE_URL: database.url, SMTP_URL: sink.url, TICKET_RATE_LIMIT: '1000', WEBHOOK_ALLOW_PRIVATE: '1',
    DELIVERY_RETRY_BASE_MS: '100', DELIVERY_MAX_ATTEMPTS: '3', WEBHOOK_FAILURE_LIMIT: '3', DELIVERY_POLL_MS: '300',
  });
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
  await receiver?.close();
  database?.dispose();
});

async function fileTicket(fields: Record<string, string> = {}, key?: string): Promise<{ reference: string; firstResponseDueAt: string | null }> {
  const response = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ name: 'Ana Muster', email: 'ana@example.com', product: 'email', subject: 'Mail stopped arriving', description: 'Since 9:00 no mail arrives in any mailbox.', ...fields }),
  });
  expect(response.status).toBe(201);
  return response.json();
}

async function cookieFor(role: string): Promise<string> {
  const response = await fetch(`${server.url}/console/login/`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ email: `${role}@alpenhost.example`, password }),
  });
  expect(response.status).toBe(303);
  return response.headers.getSetCookie().find((c) => c.startsWith('cairn_session='))!.split(';')[0];
}

async function postDelivery(cookie: string, fields: Record<string, string>, origin = server.url): Promise<Response> {
  return fetch(`${server.url}/console/delivery/`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

async function signedInPage(role: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/console/login/?next=/console/delivery/`);
  await page.getByLabel('Email').fill(`${role}@alpenhost.example`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /Sign in/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Delivery' }).waitFor();
  return page;
}

describe('webhooks', () => {
  it('an admin registers a webhook in the console and receives each new ticket, signed', async () => {
    const page = await signedInPage('admin');
    await page.getByLabel('URL').fill(`${receiver.url}/helpdesk`);
    await page.getByLabel('Events').selectOption('ticket.created');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.locator('code.secret').textContent())!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    secrets.set('/helpdesk', secret);
    await page.getByRole('cell', { name: `${receiver.url}/helpdesk`, exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/delivery-console.png', fullPage: true });
    await page.context().close();

    const filed = await fileTicket({}, proKey);
    const hook = await waitFor('the new-ticket webhook', () => receiver.hooks.find((h) => h.body.ticket?.reference === filed.reference));
    expect(hook).toMatchObject({ path: '/helpdesk', event: 'ticket.created', signed: true });
    expect(hook.key).toMatch(/^cairn-outbox-\d+$/);
    expect(hook.body.ticket).toMatchObject({
      reference: filed.reference, plan: 'pro', queue: 'pro', emergency: false,
      request: { name: 'Ana Muster', email: 'ana@example.com', product: 'email', subject: 'Mail stopped arriving', description: 'Since 9:00 no mail arrives in any mailbox.' },
    });
    expect(new Date(hook.body.ticket.first_response_due_at).getTime()).toBeGreaterThan(Date.now());
    // The confirmation went through the same worker, with a Message-ID that stays the same on a retry.
    const confirmation = await waitFor('the confirmation', () => sink.mails.find((m) => m.subject.includes(filed.reference)));
    expect(confirmation.messageId).toMatch(/^<outbox-\d+@localhost>$/);
  });

  it('a target that keeps failing is disabled, the admins are mailed, and enabling it sends what waited', async () => {
    receiver.status.set('/down', 500);
    const cookie = await cookieFor('admin');
    expect((await postDelivery(cookie, { action: 'add-webhook', url: `${receiver.url}/down`, events: 'all' })).status).toBe(201);
    secrets.set('/down', (await secretOf('/down'))!);
    const filed = await fileTicket({ subject: 'Webhook target down' });

    const notice = await waitFor('the admins’ notice', () => sink.mails.find((m) => m.subject === `Webhook disabled: ${receiver.url}/down`));
    expect(notice.to).toEqual(['admin@alpenhost.example']);
    const [hook] = await database.db.select().from(webhooks).where(eq(webhooks.url, `${receiver.url}/down`));
    expect(hook).toMatchObject({ enabled: false, consecutiveFailures: 3 });
    const page = await (await fetch(`${server.url}/console/delivery/`, { headers: { cookie } })).text();
    expect(page).toMatch(/Disabled since/);
    expect(receiver.hooks.some((h) => h.path === '/down')).toBe(false);

    receiver.status.set('/down', 204);
    expect((await postDelivery(cookie, { action: 'enable-webhook', id: String(hook.id) })).status).toBe(303);
    const delivered = await waitFor('the waiting webhook', () => receiver.hooks.find((h) => h.path === '/down' && h.body.ticket.reference === filed.reference));
    expect(delivered.signed).toBe(true);
  });
});

/** Posts an incident on one component with the status CLI, as the support team does. */
function postIncident(title: string, component: string): void {
  execFileSync(process.execPath, ['scripts/cli/status.ts', 'incident', 'new', '--title', title, '--impact', 'minor',
    '--component', `${component}=degraded_performance`, '--message', `Looking into ${title.toLowerCase()}.`, '--by', 'test'], {
    env: { ...process.env, DATABASE_URL: database.url, SITE_URL: server.url, CAIRN_NOW: '' },
  });
}

describe('status webhooks per component', () => {
  it('an admin registers a webhook for DNS only; it receives an incident on DNS and not one on mailboxes', async () => {
    const page = await signedInPage('admin');
    await page.getByLabel('URL').fill(`${receiver.url}/dns-only`);
    const components = page.getByRole('group', { name: 'Components' });
    expect(await components.getByRole('radio', { name: 'All components' }).isChecked()).toBe(true);
    await components.getByRole('radio', { name: 'Only the components ticked below' }).check();
    await components.getByRole('checkbox', { name: 'Name servers' }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    secrets.set('/dns-only', (await page.locator('code.secret').textContent())!);
    const row = page.getByRole('row').filter({ hasText: `${receiver.url}/dns-only` });
    await row.getByRole('cell', { name: 'Name servers', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/delivery-components.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/delivery-components-390.png', fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();

    postIncident('Slow mailbox logins', 'mailboxes');
    postIncident('Slow name resolution', 'dns');
    const onDns = await waitFor('the DNS incident', () => receiver.hooks.find((h) => h.path === '/dns-only' && h.body.incident?.name === 'Slow name resolution'));
    expect(onDns).toMatchObject({ event: 'incident.updated', signed: true });
    // The webhook for every component (registered earlier) got both: the mailbox one was sent, and sent first.
    await waitFor('the mailbox incident at the webhook for all', () => receiver.hooks.find((h) => h.path === '/down' && h.body.incident?.name === 'Slow mailbox logins'));
    // Nothing about the mailbox incident was even enqueued for it.
    const queued = await database.db.select().from(outbox).where(eq(outbox.recipient, `${receiver.url}/dns-only`));
    expect(queued.some((m) => m.body.includes('Slow mailbox logins'))).toBe(false);
    await waitFor('the DNS component update', () => receiver.hooks.find((h) => h.path === '/dns-only' && h.event === 'component.updated'));
    expect(receiver.hooks.filter((h) => h.path === '/dns-only').map((h) => h.body.incident?.name ?? h.body.component?.id).sort())
      .toEqual(['Slow name resolution', 'dns']);
  });

  it('refuses a component the status page does not have with a field error, and keeps what was typed', async () => {
    const cookie = await cookieFor('admin');
    const response = await postDelivery(cookie, { action: 'add-webhook', url: `${receiver.url}/ghost`, events: 'all', scope: 'some', 'component-dns': 'on', 'component-ghost': 'on' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Components: &quot;ghost&quot; is not a component of the status page');
    expect(html).toContain(`value="${receiver.url}/ghost"`);
    expect((await database.db.select().from(webhooks)).some((w) => w.url.endsWith('/ghost'))).toBe(false);
    const none = await postDelivery(cookie, { action: 'add-webhook', url: `${receiver.url}/ghost`, scope: 'some' });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('choose at least one component');
  });
});

describe('failed mail', () => {
  it('is parked after its last attempt, shown to admins, and sent again with Retry', async () => {
    const filed = await fileTicket({ email: 'bounce@example.com', subject: 'Bounce me' });
    const parked = await waitFor('the parked message', async () => (await database.db.select().from(outbox).where(eq(outbox.recipient, 'bounce@example.com'))).find((m) => m.failedAt));
    expect(parked).toMatchObject({ attempts: 3, lastError: expect.stringMatching(/550|Mailbox unavailable/) });

    const page = await signedInPage('admin');
    await page.getByText('1 failed').waitFor();
    await page.getByRole('cell', { name: 'bounce@example.com', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/delivery-failed.png', fullPage: true });
    refuseBounce = false;
    await page.getByRole('button', { name: `Retry message ${parked.id}` }).click();
    await page.getByText('The message is back in line').waitFor();
    await waitFor('the retried mail', () => sink.mails.find((m) => m.to.includes('bounce@example.com') && m.subject.includes(filed.reference)));
    await page.context().close();
  });
});

describe('acknowledging an emergency', () => {
  it('an agent sees the emergency page on the ticket and acknowledges it', async () => {
    const filed = await fileTicket({ subject: 'All sites down', emergency: true } as unknown as Record<string, string>, 'cairn_demo_enterprise_000000000000000');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/console/login/?next=/console/tickets/${filed.reference}/`);
    await page.getByLabel('Email').fill('agent@alpenhost.example');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: /Sign in/ }).click();
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await page.getByText('not acknowledged').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Acknowledge alerts' }).click();
    await page.getByText(/acknowledged \d/).waitFor();
    expect(await page.getByRole('button', { name: 'Acknowledge alerts' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/delivery-ticket.png', fullPage: true });
    await context.close();
  });
});

describe('who may open /console/delivery/', () => {
  it('refuses agents and editors, for reading and for retrying', async () => {
    for (const role of ['agent', 'editor']) {
      const cookie = await cookieFor(role);
      const get = await fetch(`${server.url}/console/delivery/`, { headers: { cookie } });
      expect(get.status, role).toBe(403);
      expect(await get.text()).toMatch(/mail and webhook delivery/);
      const post = await postDelivery(cookie, { action: 'retry', id: '1' });
      expect(post.status, role).toBe(403);
    }
    const admin = await cookieFor('admin');
    expect((await fetch(`${server.url}/console/delivery/`, { headers: { cookie: admin } })).status).toBe(200);
  });

  it('refuses a cross-site POST, and answers bad input with field errors', async () => {
    const cookie = await cookieFor('admin');
    expect((await postDelivery(cookie, { action: 'retry', id: '1' }, 'https://evil.example')).status).toBe(403);
    const bad = await postDelivery(cookie, { action: 'retry', id: 'abc' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toHaveProperty('id');
    expect((await postDelivery(cookie, { action: 'explode' })).status).toBe(400);
    const notParked = await postDelivery(cookie, { action: 'retry', id: '999999' });
    expect(notParked.status).toBe(409);
    const ftp = await postDelivery(cookie, { action: 'add-webhook', url: 'ftp://desk.example.com/' });
    expect(ftp.status).toBe(400);
    expect(await ftp.text()).toMatch(/must be an http:\/\/ or https:\/\/ URL/);
  });
});
