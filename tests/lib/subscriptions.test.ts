import { describe, expect, it } from 'vitest';
import { clockInterval, clockTransitions, statusWebhookPayloads, transitionLookbackMs, type StatusEvent } from '../../src/lib/status-events';
import type { StatusContent } from '../../src/lib/status-schema';
import {
  bothZones, chosenComponents, fillManageLink, hashToken, isConcerned, manageUrlPlaceholder, newToken, noticeMail, postmortemExcerpt, postmortemExcerptChars,
  subscribeInputSchema, unsubscribeHeaders,
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

describe('postmortem and reschedule mail', () => {
  const options = { company: 'Alpenhost', permalink: 'https://help.example/status/incidents/2026-12-03-mail/', timeZone: 'Europe/Zurich' };
  const base = { what: 'incident' as const, id: '2026-12-03-mail', title: 'Mail delays', at: new Date('2026-12-05T09:00:00Z'), components: [{ id: 'mailboxes', name: 'Mailboxes', state: 'Operational' }] };

  it('a published postmortem says so in the subject and carries its text', () => {
    const mail = noticeMail({ ...base, key: 'incident:x:postmortem', statusLabel: 'Postmortem', message: 'We have published a postmortem of this incident.', postmortem: 'A full disk on <mx2> stopped delivery.\n\nWe now alert at 80 %.' }, options);
    expect(mail.subject).toBe('[Alpenhost status] Postmortem: Mail delays');
    expect(mail.text).toContain('Postmortem:\n\nA full disk on <mx2> stopped delivery.\n\nWe now alert at 80 %.');
    expect(mail.text).not.toContain('The whole postmortem');
    expect(mail.html).toContain('A full disk on &lt;mx2&gt; stopped delivery.');
  });

  it('a long postmortem is cut at a paragraph, with a link to the whole of it', () => {
    const long = ['First paragraph.', 'x'.repeat(1_480), 'Third paragraph, left out.'].join('\n\n');
    const mail = noticeMail({ ...base, key: 'k', statusLabel: 'Postmortem', message: 'Published.', postmortem: long }, options);
    expect(mail.text).toContain('First paragraph.');
    expect(mail.text).not.toContain('Third paragraph');
    expect(mail.text).toContain(`The whole postmortem: ${options.permalink}`);
    expect(mail.html).toContain('Read the whole postmortem');
    expect(postmortemExcerpt('y'.repeat(3_000)).text.length).toBeLessThanOrEqual(postmortemExcerptChars + 2);
  });

  it('a rescheduled maintenance gives the new window and the old one, in the desk zone and UTC', () => {
    const mail = noticeMail({
      ...base, what: 'maintenance', key: 'maintenance:m:rescheduled:1', title: 'Resolver upgrade', statusLabel: 'Rescheduled', message: 'This maintenance has moved to a new window.',
      components: [{ id: 'dns', name: 'Name servers', state: 'Under maintenance' }],
      window: { from: new Date('2026-12-10T01:00:00Z'), until: new Date('2026-12-10T02:00:00Z') },
      previousWindow: { from: new Date('2026-12-08T01:00:00Z'), until: new Date('2026-12-08T02:00:00Z') },
    }, options);
    expect(mail.subject).toBe('[Alpenhost status] Rescheduled: Resolver upgrade');
    expect(mail.text).toContain('New window: 2026-12-10 02:00 Europe/Zurich (2026-12-10 01:00 UTC) to 2026-12-10 03:00 Europe/Zurich (2026-12-10 02:00 UTC)');
    expect(mail.text).toContain('Was: 2026-12-08 02:00 Europe/Zurich (2026-12-08 01:00 UTC) to 2026-12-08 03:00 Europe/Zurich (2026-12-08 02:00 UTC)');
    expect(mail.html).toContain('New window: 2026-12-10 02:00 Europe/Zurich');
  });
});

describe('clock transitions', () => {
  const content = (scheduledFor: string, scheduledUntil: string, updates: StatusContent['maintenances'][number]['data']['updates'] = [], publishedAt?: string): StatusContent => ({
    componentsFile: 'c', components: [{ id: 'dns', name: 'Name servers', group: 'Domains', description: '', order: 1 }], incidents: [],
    maintenances: [{ id: 'm', file: 'm', body: '', data: { title: 'Resolver upgrade', components: ['dns'], scheduledFor, scheduledUntil, ...(publishedAt ? { publishedAt } : {}), updates: [{ at: '2026-12-01T10:00:00Z', status: 'scheduled', body: 'Planned.' }, ...updates] } }],
  });
  const at = (iso: string) => new Date(iso);
  const keys = (c: StatusContent, after: string, until: string) => clockTransitions(c, at(after), at(until)).map((e) => e.key);
  const window = content('2026-12-03T10:00:00Z', '2026-12-03T11:00:00Z');

  describe.each([
    ['a step just before the window opens announces nothing', '2026-12-03T09:58:00Z', '2026-12-03T09:59:00Z', []],
    ['the step over the opening announces it', '2026-12-03T09:59:30Z', '2026-12-03T10:00:30Z', ['maintenance:m:in_progress']],
    ['a step inside the window announces nothing more', '2026-12-03T10:00:30Z', '2026-12-03T10:30:00Z', []],
    ['the step over the closing announces it', '2026-12-03T10:59:30Z', '2026-12-03T11:00:30Z', ['maintenance:m:completed']],
    ['an instant already covered by the last step is not announced again', '2026-12-03T10:00:00Z', '2026-12-03T10:00:30Z', []],
    ['after every server was down through the whole window: only "completed", one notice', '2026-12-03T08:00:00Z', '2026-12-04T09:00:00Z', ['maintenance:m:completed']],
    ['after every server was down while it opened: "in progress"', '2026-12-03T08:00:00Z', '2026-12-03T10:45:00Z', ['maintenance:m:in_progress']],
  ])('%s', (_name, after, until, expected) => {
    it('with a pinned clock', () => expect(keys(window, after, until)).toEqual(expected));
  });

  it('gives the event the transition\'s own time, the window and the components', () => {
    const [event] = clockTransitions(window, at('2026-12-03T08:00:00Z'), at('2026-12-03T12:00:00Z'));
    expect(event).toMatchObject({ status: 'completed', at: at('2026-12-03T11:00:00Z'), components: [{ id: 'dns', status: 'under_maintenance' }], window: { from: at('2026-12-03T10:00:00Z'), until: at('2026-12-03T11:00:00Z') } });
  });

  it('announces nothing automatic when someone posted the start', () => {
    const c = content('2026-12-03T10:00:00Z', '2026-12-03T11:00:00Z', [{ at: '2026-12-03T09:58:00Z', status: 'in_progress', body: 'Started early.' }]);
    expect(keys(c, '2026-12-03T09:00:00Z', '2026-12-03T10:30:00Z')).toEqual([]);
  });

  it('counts a window scheduled after it opened from its publication', () => {
    const late = content('2026-12-03T10:00:00Z', '2026-12-03T11:00:00Z', [], '2026-12-03T10:20:00Z');
    expect(keys(late, '2026-12-03T10:15:00Z', '2026-12-03T10:19:00Z')).toEqual([]);
    expect(keys(late, '2026-12-03T10:19:00Z', '2026-12-03T10:21:00Z')).toEqual(['maintenance:m:in_progress']);
  });

  describe.each([
    ['the first step ever looks back 6 h', null, '2026-12-03T12:00:00Z', '2026-12-03T06:00:00Z'],
    ['a later step starts a minute before the last step\'s now (a write may have committed just after it read)', '2026-12-03T11:59:55Z', '2026-12-03T12:00:00Z', '2026-12-03T11:58:55Z'],
    ['a watermark ahead of this server\'s clock gives an empty interval', '2026-12-03T13:00:00Z', '2026-12-03T12:00:00Z', '2026-12-03T12:00:00Z'],
  ])('clockInterval: %s', (_name, watermark, now, after) => {
    it('with a pinned clock', () => expect(clockInterval(watermark ? at(watermark) : null, at(now))).toEqual({ after: at(after), until: at(now) }));
  });

  it('the first step after a server start-up announces no history older than 6 h', () => {
    const { after, until } = clockInterval(null, at('2026-12-03T18:00:00Z'));
    expect(clockTransitions(window, after, until)).toEqual([]);
    expect(transitionLookbackMs).toBe(6 * 3_600_000);
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
    // Who receives each: the incident payload is about both components, a component_update about its own.
    expect(payloads.map((p) => p.components)).toEqual([['mailboxes', 'dns'], ['dns']]);
  });

  it('a postmortem payload carries its text, as Statuspage\'s incident does', () => {
    const [payload] = statusWebhookPayloads({ ...event, key: 'incident:i:postmortem', status: 'postmortem', postmortem: 'A full disk.', previous: [{ id: 'mailboxes', status: 'partial_outage' }, { id: 'dns', status: 'degraded_performance' }] }, { pageId: 'cairn', permalink: 'https://h/status/incidents/i/', siteUrl: 'https://h' });
    expect(payload.body).toMatchObject({ incident: { status: 'postmortem', postmortem_body: 'A full disk.', postmortem_published_at: '2026-12-03T10:00:00.000Z' } });
  });
});
