import { describe, expect, it } from 'vitest';
import { clockTransitions, statusWebhookPayloads, type StatusEvent } from '../../src/lib/status-events';
import type { StatusContent } from '../../src/lib/status-schema';
import {
  bothZones, chosenComponents, fillManageLink, hashToken, isConcerned, manageUrlPlaceholder, newToken, noticeMail, subscribeInputSchema, unsubscribeHeaders,
} from '../../src/lib/subscriptions';

describe('who is told', () => {
  it('tells subscribers of everything, and of a component only when it is affected', () => {
    expect(isConcerned(null, ['dns'])).toBe(true);
    expect(isConcerned(['dns', 'vps'], ['vps'])).toBe(true);
    expect(isConcerned(['dns'], ['mailboxes', 'web-hosting'])).toBe(false);
  });

  it('reads the form: everything by default, the ticked known components for "some", an error for none', () => {
    expect(chosenComponents({ scope: 'all', 'component-dns': 'on' }, ['dns'])).toEqual({ ok: true, components: null });
    expect(chosenComponents({ scope: 'some', 'component-dns': 'on', 'component-evil': 'on' }, ['dns', 'vps'])).toEqual({ ok: true, components: ['dns'] });
    expect(chosenComponents({ scope: 'some' }, ['dns'])).toMatchObject({ ok: false, fields: { components: [expect.stringContaining('at least one')] } });
  });

  it('normalises the address and refuses a wrong one', () => {
    expect(subscribeInputSchema.parse({ email: '  Ana@Example.COM ' }).email).toBe('ana@example.com');
    expect(subscribeInputSchema.safeParse({ email: 'ana' }).success).toBe(false);
  });
});

describe('tokens', () => {
  it('stores only a hash of a random token', () => {
    const a = newToken();
    const b = newToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });
});

describe('notice mail', () => {
  const notice = {
    key: 'incident:x:1', what: 'incident' as const, id: '2026-12-03-mail', title: 'Mail <delays>', statusLabel: 'Investigating',
    message: 'We are looking into it & will report.', at: new Date('2026-12-03T13:05:00Z'),
    components: [{ id: 'mailboxes', name: 'Mailboxes', state: 'Partial outage' }],
  };
  const mail = noticeMail(notice, { company: 'Alpenhost', permalink: 'https://help.example/status/incidents/2026-12-03-mail/', timeZone: 'Europe/Zurich' });

  it('says what happened, to which components, when in both zones, and links the permalink', () => {
    expect(mail.subject).toBe('[Alpenhost status] Investigating: Mail <delays>');
    expect(mail.text).toContain('We are looking into it & will report.');
    expect(mail.text).toContain('- Mailboxes: Partial outage');
    expect(mail.text).toContain('2026-12-03 14:05 Europe/Zurich (2026-12-03 13:05 UTC)');
    expect(mail.text).toContain('https://help.example/status/incidents/2026-12-03-mail/');
  });

  it('escapes the HTML part', () => {
    expect(mail.html).toContain('Mail &lt;delays&gt;');
    expect(mail.html).toContain('it &amp; will');
    expect(mail.html).not.toContain('<delays>');
  });

  it('gets each subscriber its own manage link when sent', () => {
    expect(mail.text).toContain(manageUrlPlaceholder);
    const filled = fillManageLink({ text: mail.text, html: mail.html }, 'https://help.example/status/subscribe/manage/?token=a&b');
    expect(filled.text).toContain('manage/?token=a&b');
    expect(filled.html).toContain('manage/?token=a&amp;b');
    expect(filled.text).not.toContain(manageUrlPlaceholder);
    expect(unsubscribeHeaders('https://h/u?token=t')).toEqual({ 'List-Unsubscribe': '<https://h/u?token=t>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('gives times in the status zone and UTC in summer time too', () => {
    expect(bothZones(new Date('2026-07-01T10:00:00Z'), 'Europe/Zurich')).toBe('2026-07-01 12:00 Europe/Zurich (2026-07-01 10:00 UTC)');
  });
});

describe('clock transitions', () => {
  const content = (scheduledFor: string, scheduledUntil: string, updates: StatusContent['maintenances'][number]['data']['updates'] = []): StatusContent => ({
    componentsFile: 'c', components: [{ id: 'dns', name: 'Name servers', group: 'Domains', description: '', order: 1 }], incidents: [],
    maintenances: [{ id: 'm', file: 'm', body: '', data: { title: 'Resolver upgrade', components: ['dns'], scheduledFor, scheduledUntil, updates: [{ at: '2026-12-01T10:00:00Z', status: 'scheduled', body: 'Planned.' }, ...updates] } }],
  });

  it('finds the window opening and closing on the clock, once each, within the lookback', () => {
    const c = content('2026-12-03T10:00:00Z', '2026-12-03T11:00:00Z');
    expect(clockTransitions(c, new Date('2026-12-03T09:59:00Z'))).toEqual([]);
    expect(clockTransitions(c, new Date('2026-12-03T10:00:30Z')).map((e) => e.key)).toEqual(['maintenance:m:in_progress']);
    expect(clockTransitions(c, new Date('2026-12-03T11:00:30Z')).map((e) => e.key)).toEqual(['maintenance:m:in_progress', 'maintenance:m:completed']);
    expect(clockTransitions(c, new Date('2026-12-04T11:00:00Z'))).toEqual([]);
  });

  it('announces nothing automatic when someone posted the start', () => {
    const c = content('2026-12-03T10:00:00Z', '2026-12-03T11:00:00Z', [{ at: '2026-12-03T09:58:00Z', status: 'in_progress', body: 'Started early.' }]);
    expect(clockTransitions(c, new Date('2026-12-03T10:30:00Z'))).toEqual([]);
  });
});

describe('Statuspage webhooks', () => {
  const event: StatusEvent = {
    key: 'incident:i:2', what: 'incident', id: 'i', title: 'Mail delays', status: 'identified', message: 'Found it.', at: new Date('2026-12-03T10:00:00Z'),
    components: [{ id: 'mailboxes', status: 'partial_outage' }, { id: 'dns', status: 'degraded_performance' }], impact: 'major',
    previous: [{ id: 'mailboxes', status: 'partial_outage' }],
  };
  it('sends an incident payload and a component_update only for components that changed', () => {
    const payloads = statusWebhookPayloads(event, { pageId: 'cairn', permalink: 'https://h/status/incidents/i/', siteUrl: 'https://h' });
    expect(payloads.map((p) => p.event)).toEqual(['incident.updated', 'component.updated']);
    expect(payloads[0].body).toMatchObject({ page: { id: 'cairn', status_indicator: 'major' }, incident: { id: 'i', name: 'Mail delays', status: 'identified', impact: 'major', shortlink: 'https://h/status/incidents/i/' } });
    expect(payloads[1].body).toMatchObject({ component_update: { component_id: 'dns', old_status: 'operational', new_status: 'degraded_performance' } });
  });
});
