// Status notices against a throwaway migrated database (seeded with content/status): status
// webhooks go only to the webhooks that take the event's components; a published postmortem and a
// moved maintenance window are told once, text edits not at all; the clock's watermark makes a
// window missed while every server was down one "completed" notice, and each notice once with
// two connections.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { readClockWatermark } from '../../db/queries/status-clock';
import { confirmSubscription, requestSubscription } from '../../db/queries/subscriptions';
import { outbox, webhooks } from '../../db/schema';
import { newToken } from '../../src/lib/subscriptions';
import { announceClockTransitions } from '../../src/server/status-notices';
import { addPostmortem, createIncident, editMaintenance, loadStatusContent, scheduleMaintenance, updateIncident } from '../../src/server/status-store';
import { type TempDatabase, withTwoConnections } from './two-connections';
import { desk } from '../lib/status-fixtures';

let database: TempDatabase;
let other: Db;
withTwoConnections((d, o) => {
  database = d;
  other = o;
});

const actor = { name: 'test', via: 'cli' as const };
const hour = 3_600_000;

async function subscriber(email: string, components: string[] | null) {
  const token = newToken();
  await requestSubscription(database.db, email, components, new Date(), () => ({ subject: 's', text: 't', html: '' }), token);
  await confirmSubscription(database.db, token.token, new Date());
}

/** Notices enqueued so far, as "recipient: subject". */
async function notices(): Promise<string[]> {
  return (await database.db.select().from(outbox).where(eq(outbox.kind, 'status_notice'))).map((m) => `${m.recipient}: ${m.subject}`);
}

async function hooksSent(): Promise<Array<{ url: string; event: string; body: Record<string, any> }>> {
  return (await database.db.select().from(outbox).where(eq(outbox.kind, 'status_webhook'))).map((m) => ({ url: m.recipient, event: m.subject, body: JSON.parse(m.body) }));
}

function ok<T>(result: { ok: boolean; value?: T }): T {
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  return result.value as T;
}

describe('status webhooks per component', () => {
  it('an incident on mailboxes goes to the webhooks for mailboxes and for every component, not to one for DNS', async () => {
    await database.db.insert(webhooks).values([
      { url: 'https://a.example/dns', components: ['dns'], secret: 's' },
      { url: 'https://a.example/mail', components: ['mailboxes', 'mail-delivery'], secret: 's' },
      { url: 'https://a.example/all', components: null, secret: 's' },
      { url: 'https://a.example/tickets', events: ['ticket.created'], components: null, secret: 's' },
    ]);
    ok(await createIncident(database.db, { title: 'Mailbox errors', impact: 'major', status: 'investigating', components: [{ id: 'mailboxes', status: 'partial_outage' }], message: 'Looking.' }, actor, new Date(), desk));
    const sent = await hooksSent();
    expect(sent.map((h) => `${h.event} ${h.url}`).sort()).toEqual([
      'component.updated https://a.example/all', 'component.updated https://a.example/mail',
      'incident.updated https://a.example/all', 'incident.updated https://a.example/mail',
    ]);
  });
});

describe('postmortem notices', () => {
  it('tell the subscribers of the incident\'s components once, with the text; a revision sends nothing', async () => {
    await subscriber('mail@example.com', ['mailboxes']);
    await subscriber('dns@example.com', ['dns']);
    await database.db.insert(webhooks).values([{ url: 'https://a.example/mail', components: ['mailboxes'], secret: 's' }, { url: 'https://a.example/dns', components: ['dns'], secret: 's' }]);
    const t0 = Date.now();
    const { id } = ok(await createIncident(database.db, { title: 'Mailbox errors', impact: 'major', status: 'investigating', components: [{ id: 'mailboxes', status: 'partial_outage' }], message: 'Looking.' }, actor, new Date(t0), desk));
    ok(await updateIncident(database.db, id, { status: 'resolved', message: 'Fixed.', components: [{ id: 'mailboxes', status: 'operational' }] }, actor, new Date(t0 + 1000), desk));
    const before = (await notices()).length;
    const hooksBefore = (await hooksSent()).length;

    ok(await addPostmortem(database.db, id, { body: 'A full disk on mx2 stopped delivery. We now alert at 80 %.' }, actor, new Date(t0 + 2000), desk));
    const added = (await notices()).slice(before);
    expect(added).toEqual(['mail@example.com: [Alpenhost status] Postmortem: Mailbox errors']);
    const [mail] = await database.db.select().from(outbox).where(eq(outbox.subject, '[Alpenhost status] Postmortem: Mailbox errors'));
    expect(mail.body).toContain('A full disk on mx2 stopped delivery.');
    const hooks = (await hooksSent()).slice(hooksBefore);
    expect(hooks.map((h) => h.url)).toEqual(['https://a.example/mail']);
    expect(hooks[0].body.incident).toMatchObject({ status: 'postmortem', postmortem_body: 'A full disk on mx2 stopped delivery. We now alert at 80 %.' });

    ok(await addPostmortem(database.db, id, { body: 'Revised: a full disk on mx2.' }, actor, new Date(t0 + 3000), desk));
    expect((await notices()).slice(before)).toHaveLength(1);
    expect((await hooksSent()).slice(hooksBefore)).toHaveLength(1);
  });
});

describe('reschedule notices', () => {
  it('a moved window is told once with the new times; text edits and the same instant in another offset send nothing', async () => {
    await subscriber('dns@example.com', ['dns']);
    await subscriber('vps@example.com', ['vps']);
    const start = new Date(Math.ceil(Date.now() / hour) * hour + 24 * hour);
    const { id } = ok(await scheduleMaintenance(database.db, {
      title: 'Resolver upgrade', components: ['dns'], message: 'Short interruptions.',
      scheduledFor: start.toISOString(), scheduledUntil: new Date(start.getTime() + hour).toISOString(),
    }, actor, new Date(), desk));
    expect(await notices()).toEqual(['dns@example.com: [Alpenhost status] Scheduled: Resolver upgrade']);

    ok(await editMaintenance(database.db, id, { title: 'Resolver software upgrade' }, actor, new Date(), desk));
    ok(await editMaintenance(database.db, id, { message: 'We will also renew a certificate.' }, actor, new Date(), desk));
    // The same instant written with the desk's offset is no move.
    const sameStart = start.toLocaleString('sv-SE', { timeZone: 'Europe/Zurich' }).replace(' ', 'T') + '+01:00';
    ok(await editMaintenance(database.db, id, { scheduledFor: sameStart }, actor, new Date(), desk));
    expect(await notices()).toHaveLength(1);

    const moved = new Date(start.getTime() + 48 * hour);
    ok(await editMaintenance(database.db, id, { scheduledFor: moved.toISOString(), scheduledUntil: new Date(moved.getTime() + 2 * hour).toISOString(), message: 'Moved to the weekend.' }, actor, new Date(), desk));
    const all = await notices();
    expect(all).toEqual(['dns@example.com: [Alpenhost status] Scheduled: Resolver upgrade', 'dns@example.com: [Alpenhost status] Rescheduled: Resolver software upgrade']);
    const [mail] = await database.db.select().from(outbox).where(eq(outbox.subject, '[Alpenhost status] Rescheduled: Resolver software upgrade'));
    const utc = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
    expect(mail.body).toContain(`New window: `);
    expect(mail.body).toContain(`(${utc(moved)} UTC) to `);
    expect(mail.body).toContain(`Was: `);
    expect(mail.body).toContain(`(${utc(start)} UTC)`);
    expect(mail.body).toContain('Moved to the weekend.');
  });

  it('a window moved so that it has opened already is announced as in progress at once, and the clock does not repeat it', async () => {
    await subscriber('dns@example.com', ['dns']);
    const now = Date.now();
    const { id } = ok(await scheduleMaintenance(database.db, {
      title: 'Resolver upgrade', components: ['dns'], message: 'Planned.',
      scheduledFor: new Date(now + 24 * hour).toISOString(), scheduledUntil: new Date(now + 25 * hour).toISOString(),
    }, actor, new Date(now), desk));
    await announceClockTransitions(database.db, await loadStatusContent(database.db), new Date(now), 'Europe/Zurich');
    ok(await editMaintenance(database.db, id, { scheduledFor: new Date(now - 60_000).toISOString() }, actor, new Date(now + 1000), desk));
    expect((await notices()).map((n) => n.split(': ')[1])).toEqual(['[Alpenhost status] Scheduled', '[Alpenhost status] Rescheduled', '[Alpenhost status] In progress']);
    expect(await announceClockTransitions(database.db, await loadStatusContent(database.db), new Date(now + 5000), 'Europe/Zurich')).toBe(0);
  });
});

describe('the clock\'s watermark', () => {
  async function schedule(title: string, from: number, until: number, at: number) {
    return ok(await scheduleMaintenance(database.db, {
      title, components: ['dns'], message: 'Planned.', scheduledFor: new Date(from).toISOString(), scheduledUntil: new Date(until).toISOString(),
    }, actor, new Date(at), desk));
  }
  const clockNotices = async () => (await notices()).filter((n) => !n.includes('Scheduled:')).map((n) => n.split(': ').slice(1).join(': '));

  it('after every server was down through a window, sends only "completed"; a window still open gets "in progress"; each once with two servers', async () => {
    await subscriber('dns@example.com', ['dns']);
    const t0 = Math.ceil(Date.now() / hour) * hour;
    await schedule('Short window', t0 + hour, t0 + 2 * hour, t0);
    await schedule('Long window', t0 + 3 * hour, t0 + 30 * hour, t0);
    // A step before both windows: the first ever, it sets the watermark.
    expect(await announceClockTransitions(database.db, await loadStatusContent(database.db), new Date(t0 + 1000), 'Europe/Zurich')).toBe(0);
    expect(await readClockWatermark(database.db)).toEqual(new Date(t0 + 1000));

    // Every server down for 10 h (longer than the old 6 h look-back); two come back at once.
    const back = new Date(t0 + 10 * hour);
    const content = await loadStatusContent(database.db);
    const first = await announceClockTransitions(database.db, content, back, 'Europe/Zurich');
    const second = await announceClockTransitions(other, content, back, 'Europe/Zurich');
    expect(first + second).toBe(2);
    expect(await clockNotices()).toEqual(['[Alpenhost status] Completed: Short window', '[Alpenhost status] In progress: Long window']);
    expect(await readClockWatermark(other)).toEqual(back);

    // A server whose clock is behind does not move the watermark back.
    await announceClockTransitions(other, content, new Date(t0 + 9 * hour), 'Europe/Zurich');
    expect(await readClockWatermark(database.db)).toEqual(back);
  });

  it('the first step ever announces no window that closed more than 6 h before', async () => {
    await subscriber('dns@example.com', ['dns']);
    const now = Math.floor(Date.now() / hour) * hour;
    await schedule('Old window', now - 9 * hour, now - 7 * hour, now - 10 * hour);
    await schedule('Recent window', now - 3 * hour, now - 2 * hour, now - 10 * hour);
    expect(await announceClockTransitions(database.db, await loadStatusContent(database.db), new Date(now), 'Europe/Zurich')).toBe(1);
    expect(await clockNotices()).toEqual(['[Alpenhost status] Completed: Recent window']);
  });
});
