// Status subscription SQL against a throwaway migrated database (seeded with content/status):
// requests and confirmation, who a notice is enqueued for, 10,000 subscribers in one statement,
// a transition announced once by two connections, privacy erase and purge.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { eraseEmail, purgeExpired } from '../../db/queries/privacy';
import { claimDue, enqueueMail } from '../../db/queries/outbox';
import { claimNotice, confirmSubscription, enqueueNotices, requestSubscription, subscriberByToken } from '../../db/queries/subscriptions';
import { outbox, statusSubscribers } from '../../db/schema';
import { retentionAt } from '../../src/lib/retention';
import { newToken, type MailText } from '../../src/lib/subscriptions';
import { type TempDatabase, withTwoConnections } from './two-connections';
import { desk } from '../lib/status-fixtures';

let database: TempDatabase;
let other: Db;
withTwoConnections((d, o) => {
  database = d;
  other = o;
});

const now = new Date('2026-12-03T10:00:00Z');
const text: MailText = { subject: 'Notice', text: 'Body {{manage_url}}', html: '<p>Body</p>' };
const mailFor = (sent: string, token: string): MailText => ({ subject: sent, text: token, html: null as unknown as string });

async function subscribe(email: string, components: string[] | null, at = now) {
  const token = newToken();
  const outcome = await requestSubscription(database.db, email, components, at, mailFor, token);
  return { ...outcome, token: token.token };
}

describe('subscription requests', () => {
  it('sends a confirmation to a new address and a manage mail to a subscribed one, keeping its components', async () => {
    const first = await subscribe('ana@example.com', ['dns']);
    expect(first.sent).toBe('confirmation');
    expect(await confirmSubscription(database.db, first.token, now)).not.toBeNull();
    // A used confirmation link does not work twice.
    expect(await confirmSubscription(database.db, first.token, now)).toBeNull();
    const again = await subscribe('ana@example.com', null);
    expect(again.sent).toBe('manage');
    const [row] = await database.db.select().from(statusSubscribers).where(eq(statusSubscribers.email, 'ana@example.com'));
    expect(row.components).toEqual(['dns']);
    expect(await subscriberByToken(database.db, again.token, 'manage', now)).toMatchObject({ email: 'ana@example.com' });
    const kinds = (await database.db.select().from(outbox)).map((m) => m.kind);
    expect(kinds).toEqual(['subscription_confirm', 'subscription_manage']);
  });

  it('lets a confirmation link expire after 7 days', async () => {
    const { token } = await subscribe('late@example.com', null);
    expect(await confirmSubscription(database.db, token, new Date(now.getTime() + 8 * 86_400_000))).toBeNull();
    expect(await confirmSubscription(database.db, token, new Date(now.getTime() + 6 * 86_400_000))).not.toBeNull();
  });
});

describe('enqueueNotices', () => {
  it('reaches confirmed subscribers of everything or of an affected component only', async () => {
    for (const [email, components] of [['all@x.example', null], ['dns@x.example', ['dns']], ['mail@x.example', ['mailboxes', 'mail-delivery']]] as const) {
      const { token } = await subscribe(email, components as string[] | null);
      await confirmSubscription(database.db, token, now);
    }
    await subscribe('pending@x.example', null);
    const count = await enqueueNotices(database.db, text, ['mail-delivery']);
    expect(count).toBe(2);
    const to = (await database.db.select().from(outbox).where(eq(outbox.kind, 'status_notice'))).map((m) => m.recipient).sort();
    expect(to).toEqual(['all@x.example', 'mail@x.example']);
  });

  it('lets a ticket mail or an alert enqueued after 10,000 notices go out before them', async () => {
    await database.db.run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 10000)
      insert into status_subscribers (email, components, requested_at, confirmed_at) select 'p' || i || '@example.com', null, 0, 0 from n`);
    expect(await enqueueNotices(database.db, text, ['dns'])).toBe(10_000);
    await database.db.batch([enqueueMail(database.db, { kind: 'sla_breach', recipient: 'desk@example.com', subject: 'Breached', body: 'b' })]);
    const claimed = await claimDue(database.db, { owner: 'w', now: Date.now(), leaseMs: 60_000, limit: 8, channels: ['mail'] });
    expect(claimed.filter((m) => m.kind === 'sla_breach').map((m) => m.recipient)).toEqual(['desk@example.com']);
    expect(claimed.filter((m) => m.kind === 'status_notice')).toHaveLength(7);
  });

  it('enqueues for 10,000 subscribers in one statement well under 2 s', async () => {
    await database.db.run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 10000)
      insert into status_subscribers (email, components, requested_at, confirmed_at) select 's' || i || '@example.com', null, 0, 0 from n`);
    const started = performance.now();
    const count = await database.db.transaction((tx) => enqueueNotices(tx, text, ['dns']));
    const ms = performance.now() - started;
    expect(count).toBe(10_000);
    expect(ms).toBeLessThan(2000);
  });
});

describe('claimNotice', () => {
  it('lets only one of two connections announce a transition', async () => {
    // One after the other: SQLite (and sqld) serialise write transactions, so this is what two racing servers amount to.
    expect(await database.db.transaction((tx) => claimNotice(tx, 'maintenance:m:in_progress', now))).toBe(true);
    expect(await other.transaction((tx) => claimNotice(tx, 'maintenance:m:in_progress', now))).toBe(false);
    expect(await other.transaction((tx) => claimNotice(tx, 'maintenance:m:completed', now))).toBe(true);
  });
});

describe('privacy', () => {
  it('erase removes the subscriber and the mail waiting for it; purge removes expired requests only', async () => {
    const { token } = await subscribe('gone@example.com', null);
    await confirmSubscription(database.db, token, now);
    await enqueueNotices(database.db, text, ['dns']);
    const erased = await eraseEmail(database.db, 'Gone@Example.com');
    expect(erased.subscriptions).toBe(1);
    expect(await database.db.select().from(statusSubscribers)).toEqual([]);
    expect((await database.db.select().from(outbox)).filter((m) => m.recipient === 'gone@example.com')).toEqual([]);

    await subscribe('old@example.com', null, new Date(now.getTime() - 8 * 86_400_000));
    await subscribe('new@example.com', null, new Date(now.getTime() - 86_400_000));
    const purged = await purgeExpired(database.db, retentionAt(now, 365));
    expect(purged.unconfirmedSubscriptions).toBe(1);
    expect((await database.db.select().from(statusSubscribers)).map((s) => s.email)).toEqual(['new@example.com']);
  });
});

describe('status store writes and the clock', () => {
  it('enqueues a notice with the incident, and announces a window opening on the clock once', async () => {
    const { announceClockTransitions } = await import('../../src/server/status-notices');
    const { createIncident, loadStatusContent, scheduleMaintenance } = await import('../../src/server/status-store');
    const { token } = await subscribe('all@example.com', null);
    await confirmSubscription(database.db, token, now);
    const actor = { name: 'test', via: 'cli' as const };
    const posted = await createIncident(database.db, { title: 'Slow sites', impact: 'minor', status: 'investigating', components: [{ id: 'web-hosting', status: 'degraded_performance' }], message: 'Looking.' }, actor, new Date(), desk);
    expect(posted, JSON.stringify(posted)).toMatchObject({ ok: true });
    const notices = async () => (await database.db.select().from(outbox).where(eq(outbox.kind, 'status_notice'))).map((m) => m.subject);
    expect(await notices()).toEqual(['[Alpenhost status] Investigating: Slow sites']);

    const start = new Date(Date.now() + 3_600_000);
    const scheduled = await scheduleMaintenance(database.db, {
      title: 'Resolver upgrade', components: ['dns'], message: 'Short interruptions.',
      scheduledFor: start.toISOString(), scheduledUntil: new Date(start.getTime() + 3_600_000).toISOString(),
    }, actor, new Date(), desk);
    expect(scheduled, JSON.stringify(scheduled)).toMatchObject({ ok: true });
    expect(await notices()).toHaveLength(2);
    const content = await loadStatusContent(database.db);
    const opened = new Date(start.getTime() + 60_000);
    // Two servers' workers looking at the same moment: one notice.
    expect(await announceClockTransitions(database.db, content, opened, 'Europe/Zurich')).toBe(1);
    expect(await announceClockTransitions(other, content, opened, 'Europe/Zurich')).toBe(0);
    expect((await notices()).at(-1)).toBe('[Alpenhost status] In progress: Resolver upgrade');

    const { cancelMaintenance } = await import('../../src/server/status-store');
    const other2 = await scheduleMaintenance(database.db, {
      title: 'Switch swap', components: ['vps'], message: 'Planned.',
      scheduledFor: new Date(Date.now() + 86_400_000).toISOString(), scheduledUntil: new Date(Date.now() + 90_000_000).toISOString(),
    }, actor, new Date(), desk);
    expect(await cancelMaintenance(database.db, (other2 as { value: { id: string } }).value.id, { message: 'Postponed.' }, actor, new Date(), desk)).toMatchObject({ ok: true });
    expect((await notices()).at(-1)).toBe('[Alpenhost status] Cancelled: Switch swap');
  });
});
