// Status notices from two app servers on one sqld, both running their delivery worker, into a
// real SMTP server and a webhook receiver that checks every signature. Subscribers sign up on one
// server and confirm on the other; an incident is posted on server A and its update on server B
// (through the status API, as a monitoring tool would); a maintenance window a few seconds ahead
// opens and closes on the real clock with no one posting. Every subscriber concerned gets each
// notice exactly once, every webhook arrives exactly once, and the window's automatic start and
// end are announced once, not once per server.
import { execFileSync } from 'node:child_process';
import { isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client';
import { outbox, statusSubscribers, webhooks } from '../../db/schema';
import { freePort, startServer, type RunningServer } from './server';
import { linkIn, startSmtpSink, startWebhookReceiver, waitFor, type SmtpSink, type WebhookReceiver } from './sinks';
import { sqldSupported, startSqld, type RunningSqld } from './sqld';

const secret = 'whsec-cluster-0123456789abcdef0123456789abcdef';
/** Who subscribes where: each confirms on the other server. Null components: everything. */
const subscribers = [
  { email: 'everything-a@example.com', on: 0, components: null },
  { email: 'everything-b@example.com', on: 1, components: null },
  { email: 'mailboxes@example.com', on: 0, components: ['mailboxes'] },
  { email: 'mailboxes-and-dns@example.com', on: 1, components: ['mailboxes', 'dns'] },
  { email: 'dns@example.com', on: 0, components: ['dns'] },
] as const;
const concerned = (component: string) => subscribers.filter((s) => s.components === null || (s.components as readonly string[]).includes(component)).map((s) => s.email);

describe.runIf(sqldSupported)('status notices from two app servers on one sqld', () => {
  let sqld: RunningSqld;
  let db: Db;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let token: string;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    sqld = await startSqld();
    const env = { ...process.env, DATABASE_URL: sqld.url };
    execFileSync(process.execPath, ['scripts/cli/db-migrate.ts'], { env });
    token = /Token: (\S+)/.exec(execFileSync(process.execPath, ['scripts/cli/staff.ts', 'token', 'add', '--name', 'Cluster monitoring'], { env, encoding: 'utf8' }))![1];
    db = createDb({ url: sqld.url, authToken: undefined });
    sink = await startSmtpSink();
    receiver = await startWebhookReceiver(() => secret);
    await db.insert(webhooks).values({ url: `${receiver.url}/status`, secret, events: null });
    // One public address for both, as behind a load balancer: the mails' links lead to server A.
    const portA = await freePort();
    const shared = {
      DATABASE_URL: sqld.url, SMTP_URL: sink.url, SITE_URL: `http://127.0.0.1:${portA}`, WEBHOOK_ALLOW_PRIVATE: '1',
      DELIVERY_POLL_MS: '200', SUBSCRIBE_RATE_LIMIT: '1000',
      // A send that fails once under load is tried again within a second, not after 30 s.
      DELIVERY_RETRY_BASE_MS: '500',
    };
    servers.push(await startServer({ ...shared, PORT: String(portA) }), await startServer(shared));
  }, 90_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    db?.$client.close();
    await sink?.close();
    await receiver?.close();
    await sqld?.stop();
  });

  const [a, b] = [0, 1].map((i) => () => servers[i]);
  const mailsTo = (email: string, subject: string) => sink.mails.filter((m) => m.to.includes(email) && m.subject.includes(subject));
  const hooksFor = (id: string, status: string) => receiver.hooks.filter((h) => h.event === 'incident.updated' && h.body.incident.id === id && h.body.incident.status === status);
  const unsent = async () => (await db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.sentAt))).length;
  /** Every message in the outbox sent, and `check` holds. */
  const settled = (what: string, check: () => boolean) => waitFor(what, async () => check() && (await unsent()) === 0, 60_000);

  async function statusApi(server: RunningServer, method: 'POST' | 'PATCH', path: string, body: unknown): Promise<string> {
    const response = await fetch(`${server.url}/api/status/${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBe(method === 'POST' ? 201 : 200);
    return (await response.json()).id;
  }

  /** Each of `emails` has exactly one mail whose subject has `subject`; nobody else has any. */
  function toldOnce(subject: string, emails: string[]) {
    for (const s of subscribers) expect(mailsTo(s.email, subject).length, `${s.email}: ${subject}`).toBe(emails.includes(s.email) ? 1 : 0);
  }

  it('subscribers sign up on one server and confirm on the other', async () => {
    for (const s of subscribers) {
      const server = servers[s.on];
      const form = new URLSearchParams({ email: s.email, scope: s.components ? 'some' : 'all' });
      for (const id of s.components ?? []) form.set(`component-${id}`, 'on');
      const response = await fetch(`${server.url}/status/subscribe/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url }, body: form });
      expect(response.status).toBe(200);
    }
    for (const s of subscribers) {
      const confirmation = await waitFor(`the confirmation to ${s.email}`, () => mailsTo(s.email, 'Confirm your subscription')[0]);
      const other = servers[1 - s.on];
      const link = new URL(linkIn(confirmation, '/status/subscribe/confirm/'));
      const response = await fetch(`${other.url}${link.pathname}${link.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: other.url }, body: '' });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('You are subscribed');
    }
    expect((await db.select().from(statusSubscribers).where(isNotNull(statusSubscribers.confirmedAt))).length).toBe(subscribers.length);
    await settled('the confirmations sent', () => true);
    for (const s of subscribers) expect(mailsTo(s.email, 'Confirm your subscription'), s.email).toHaveLength(1);
  }, 60_000);

  let incident = '';
  const title = 'Mailboxes answer slowly';

  it('an incident posted on A and its update on B reach each subscriber and the webhook once', async () => {
    incident = await statusApi(a(), 'POST', 'incidents', {
      title, impact: 'major', status: 'investigating', components: [{ id: 'mailboxes', status: 'partial_outage' }],
      message: 'Some mailboxes take a minute to open. We are looking into it.',
    });
    await statusApi(b(), 'PATCH', `incidents/${incident}`, {
      status: 'identified', components: [{ id: 'mailboxes', status: 'major_outage' }],
      message: 'A storage node fails; mailboxes on it do not open. We are moving them.',
    });
    const told = concerned('mailboxes');
    await settled('both notices and their webhooks delivered', () =>
      told.every((email) => mailsTo(email, `Investigating: ${title}`).length && mailsTo(email, `Identified: ${title}`).length)
      && hooksFor(incident, 'investigating').length > 0 && hooksFor(incident, 'identified').length > 0
      && receiver.hooks.filter((h) => h.event === 'component.updated').length >= 2);

    toldOnce(`Investigating: ${title}`, told);
    toldOnce(`Identified: ${title}`, told);
    expect(hooksFor(incident, 'investigating')).toHaveLength(1);
    expect(hooksFor(incident, 'identified')).toHaveLength(1);
    const components = receiver.hooks.filter((h) => h.event === 'component.updated').map((h) => `${h.body.component_update.old_status}→${h.body.component_update.new_status}`);
    // The two workers send side by side, so the order of arrival is not the order of posting.
    expect(components.sort()).toEqual(['operational→partial_outage', 'partial_outage→major_outage']);
  }, 90_000);

  it('a maintenance window opening and closing on the clock is announced once, not once per server', async () => {
    // Whole seconds a few seconds ahead, on the real clock both servers read.
    const at = (ms: number) => new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const scheduledFor = at(Date.now() + 6_000);
    const scheduledUntil = at(Date.parse(scheduledFor) + 4_000);
    const maintenanceTitle = 'Name server software upgrade';
    const maintenance = await statusApi(b(), 'POST', 'maintenance', {
      title: maintenanceTitle, components: ['dns'], scheduledFor, scheduledUntil,
      message: 'We upgrade the name servers one at a time; lookups keep working.',
    });
    const told = concerned('dns');
    await settled('the window announced, opened and closed', () =>
      ['Scheduled', 'In progress', 'Completed'].every((label) => told.every((email) => mailsTo(email, `${label}: ${maintenanceTitle}`).length))
      && ['scheduled', 'in_progress', 'completed'].every((status) => hooksFor(maintenance, status).length));
    // The automatic transitions are dated at the window's edges, not when a server noticed them.
    expect(hooksFor(maintenance, 'in_progress')[0].body.incident.updated_at).toBe(new Date(scheduledFor).toISOString());
    expect(hooksFor(maintenance, 'completed')[0].body.incident.updated_at).toBe(new Date(scheduledUntil).toISOString());

    // A later post, delivered, gives both workers several passes after the window closed: a
    // second announcement of its end would have been enqueued and sent by now.
    await statusApi(a(), 'PATCH', `incidents/${incident}`, { status: 'resolved', message: 'All mailboxes open normally again.', components: [{ id: 'mailboxes', status: 'operational' }] });
    await settled('the resolution delivered', () => concerned('mailboxes').every((email) => mailsTo(email, `Resolved: ${title}`).length) && hooksFor(incident, 'resolved').length > 0);

    for (const label of ['Scheduled', 'In progress', 'Completed']) toldOnce(`${label}: ${maintenanceTitle}`, told);
    for (const status of ['scheduled', 'in_progress', 'completed']) expect(hooksFor(maintenance, status), status).toHaveLength(1);
    for (const label of ['Investigating', 'Identified', 'Resolved']) toldOnce(`${label}: ${title}`, concerned('mailboxes'));
    for (const status of ['investigating', 'identified', 'resolved']) expect(hooksFor(incident, status), status).toHaveLength(1);
    // Nothing twice, whatever it was; every webhook signed.
    expect(new Set(sink.mails.map((m) => m.messageId)).size).toBe(sink.mails.length);
    expect(new Set(receiver.hooks.map((h) => h.key)).size).toBe(receiver.hooks.length);
    expect(receiver.hooks.every((h) => h.signed)).toBe(true);
  }, 90_000);
});
