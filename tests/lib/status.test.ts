import { describe, expect, it } from 'vitest';
import {
  maintenanceAt,
  parseStatusFiles,
  statusAt,
  validateStatusContent,
  type StatusContent,
  type StatusSnapshot,
} from '../../src/lib/status';
import { incidentSchema } from '../../src/lib/status-schema';
import { at, components, content, desk, deskZone, dnsUpgrade, historyAt, incident, incidentState, maintenance, readStatusDir, sampleHistoryDir, snapshotAt, statusesShown } from './status-fixtures';

describe('content schemas', () => {
  const file = (frontmatter: string) => ({ file: 'content/status/incidents/2026-11-03-mail.md', source: `---\n${frontmatter}\n---\n` });
  const valid = `title: Mail down
impact: major
components: [{ id: mail, status: major_outage }]
updates:
  - { at: "2026-11-03T08:00:00+01:00", status: investigating, body: Looking. }`;
  const parse = (frontmatter: string) =>
    parseStatusFiles({
      componentsFile: 'content/status/components.yaml',
      componentsSource: '- { id: mail, name: Mail, group: Mail, description: Sending and receiving mail., order: 1 }',
      incidents: [file(frontmatter)],
      maintenances: [],
    });

  it('accepts a well-formed incident', () => {
    expect(parse(valid).errors).toEqual([]);
  });

  it.each([
    ['a time without offset', valid.replace('+01:00', ''), '6: updates[0].at must be an ISO 8601 date-time with an offset, such as 2026-11-03T14:05:00+01:00'],
    ['an unknown impact', valid.replace('impact: major', 'impact: severe'), '3: impact must be one of none, minor, major, critical'],
    ['an unknown component status', valid.replace('major_outage', 'down'), '4: components[0].status must be one of operational, degraded_performance, partial_outage, major_outage'],
    ['an unknown incident status', valid.replace('investigating', 'fixing'), '6: updates[0].status must be one of investigating, identified, monitoring, resolved, postmortem'],
    ['a misspelled field', `${valid}\nseverity: high`, '7: frontmatter has unknown field(s) "severity"; allowed: title, impact, components, updates, postmortem'],
    ['a missing title', valid.replace('title: Mail down\n', ''), '2: title is required'],
    ['no updates', valid.replace(/updates:[\s\S]*/, 'updates: []'), '5: updates must hold at least one update'],
  ])('names the file, line and field for %s', (_, frontmatter, message) => {
    expect(parse(frontmatter).errors).toEqual([`content/status/incidents/2026-11-03-mail.md:${message}`]);
  });

  it('names the entry of components.yaml that is wrong', () => {
    const { errors } = parseStatusFiles({
      componentsFile: 'content/status/components.yaml',
      componentsSource: '- { id: Mail Service, name: Mail, group: Mail, description: Sending and receiving mail., order: 1.5 }',
      incidents: [],
      maintenances: [],
    });
    expect(errors).toEqual([
      'content/status/components.yaml:1: [0].id must be a lowercase slug such as "mail-imap"',
      'content/status/components.yaml:1: [0].order must be a whole number',
    ]);
  });

  it('accepts timestamps that Astro\'s YAML parser already turned into dates, as the instant they denote', () => {
    const data = incidentSchema.parse({
      title: 'Mail down',
      impact: 'minor',
      components: [{ id: 'mail-delivery', status: 'degraded_performance' }],
      updates: [{ at: new Date('2026-11-03T07:00:00Z'), status: 'investigating', body: 'Looking.' }],
    });
    expect(data.updates[0].at).toBe('2026-11-03T07:00:00.000Z');
  });
});

describe('the sample history (a frozen copy of content/status)', () => {
  const { content: sample, errors } = readStatusDir(sampleHistoryDir);
  const endOfNovember = at('2026-11-30T12:00:00+01:00');

  it('passes every check', () => {
    expect(errors).toEqual([]);
  });

  it('has at least 7 components in the seven product groups', () => {
    expect(sample.components.length).toBeGreaterThanOrEqual(7);
    expect(snapshotAt(sample, endOfNovember).groups.map((g) => g.name)).toEqual([
      'Web hosting', 'Mail', 'Domains and DNS', 'VPS cloud', 'Public cloud', 'Storage', 'Ticketing',
    ]);
  });

  it('has at least 5 resolved incidents in October and November with 3 to 5 updates, one with a postmortem', () => {
    const states = sample.incidents.map((i) => incidentState(i, endOfNovember)!);
    expect(states.length).toBeGreaterThanOrEqual(5);
    for (const state of states) {
      expect(['resolved', 'postmortem']).toContain(state.status);
      expect(state.startedAt.slice(0, 7)).toMatch(/^2026-1[01]$/);
      expect(state.updates.length).toBeGreaterThanOrEqual(3);
      expect(state.updates.length).toBeLessThanOrEqual(5);
    }
    expect(states.filter((s) => s.postmortem !== null)).toHaveLength(1);
    expect(new Set(states.map((s) => s.startedAt.slice(0, 7)))).toEqual(new Set(['2026-10', '2026-11']));
  });

  it('announces the 8 December maintenance from 28 November and shows the November one as completed', () => {
    const december = sample.maintenances.find((m) => m.data.scheduledFor.startsWith('2026-12-08'))!;
    expect(december.data.scheduledFor).toBe('2026-12-08T02:00:00+01:00');
    expect(december.data.scheduledUntil).toBe('2026-12-08T04:00:00+01:00');
    expect(maintenanceAt(december, at('2026-11-28T09:59:00+01:00'))).toBeNull();
    expect(maintenanceAt(december, at('2026-11-28T10:00:00+01:00'))?.status).toBe('scheduled');
    const november = sample.maintenances.find((m) => m.data.scheduledFor.startsWith('2026-11'))!;
    expect(maintenanceAt(november, endOfNovember)?.status).toBe('completed');
  });

  it('gives the DNS component its October partial outage in bars and uptime', () => {
    // ns2 was in partial outage from 09:12 to 11:05 on 7 October: 113 minutes, weighted 0.3.
    const dns = snapshotAt(sample, endOfNovember).histories.find((h) => h.component.id === 'dns')!;
    expect(dns.bars).toHaveLength(90);
    expect(dns.bars.find((b) => b.date === '2026-10-07')).toMatchObject({ impact: 'major', partialOutageMinutes: 113 });
    expect(dns.uptime90).toBeCloseTo(100 * (1 - (0.3 * 113) / 128_940), 10);
    expect(dns.uptime30).toBe(100);
  });

  it('shows all systems operational at the end of November', () => {
    expect(snapshotAt(sample, endOfNovember).overall).toEqual({ indicator: 'none', label: 'All systems operational', maintenance: false });
  });
});

describe('cross-file validation', () => {
  const updates = (...list: Array<[string, string]>) => list.map(([time, status]) => ({ at: `2026-11-03T${time}:00+01:00`, status, body: 'Text.' }));
  const mailIncident = (data: Record<string, unknown>) =>
    incident('2026-11-03-mail', { components: [{ id: 'mail-delivery', status: 'partial_outage' }], updates: updates(['08:00', 'investigating']), ...data });
  const dnsWork = (data: Record<string, unknown>) =>
    maintenance('2026-12-08-dns', { components: ['dns'], scheduledFor: '2026-12-08T02:00:00+01:00', scheduledUntil: '2026-12-08T04:00:00+01:00', ...data });

  it('accepts consistent content', () => {
    const c = content({
      incidents: [mailIncident({ updates: updates(['08:00', 'investigating'], ['09:00', 'resolved'], ['12:00', 'postmortem']), postmortem: 'What happened.' })],
      maintenances: [dnsWork({})],
    });
    expect(validateStatusContent(c)).toEqual([]);
  });

  it.each([
    [
      'updates out of time order',
      content({ incidents: [mailIncident({ updates: updates(['08:00', 'investigating'], ['09:00', 'identified'], ['08:30', 'monitoring']) })] }),
      'content/status/incidents/2026-11-03-mail.md: updates[2].at is before updates[1].at; list updates oldest first',
    ],
    [
      'an unknown component id',
      content({ incidents: [mailIncident({ components: [{ id: 'imap', status: 'major_outage' }] })] }),
      'content/status/incidents/2026-11-03-mail.md: components[0].id "imap" is not a component in content/status/components.yaml; use one of the ids declared there',
    ],
    [
      'a component listed twice in one incident',
      content({ incidents: [mailIncident({ components: [{ id: 'mail-delivery', status: 'major_outage' }, { id: 'mail-delivery', status: 'degraded_performance' }] })] }),
      'content/status/incidents/2026-11-03-mail.md: components[1].id "mail-delivery" is already listed in components[0].id; list each component once',
    ],
    [
      'an update after resolved that is not a postmortem',
      content({ incidents: [mailIncident({ updates: updates(['08:00', 'investigating'], ['09:00', 'resolved'], ['09:30', 'monitoring']) })] }),
      'content/status/incidents/2026-11-03-mail.md: updates[2].status "monitoring" comes after the resolved update updates[1]; only a postmortem update may follow resolved, unless the update sets "reopen: true"',
    ],
    [
      'a postmortem update before resolution',
      content({ incidents: [mailIncident({ updates: updates(['08:00', 'investigating'], ['09:00', 'postmortem']) })] }),
      'content/status/incidents/2026-11-03-mail.md: updates[1].status "postmortem" must follow a resolved update',
    ],
    [
      'a postmortem text on an unresolved incident',
      content({ incidents: [mailIncident({ postmortem: 'Too early.' })] }),
      'content/status/incidents/2026-11-03-mail.md: postmortem is set but no update resolves the incident; add a resolved update before it',
    ],
    [
      'a file name without its date',
      content({ incidents: [{ ...mailIncident({}), id: 'mail-outage', file: 'content/status/incidents/mail-outage.md' }] }),
      'content/status/incidents/mail-outage.md: file name must be <YYYY-MM-DD>-<slug>.md, such as 2026-11-03-mail-delays.md',
    ],
    [
      'a maintenance that ends before it starts',
      content({ maintenances: [dnsWork({ scheduledUntil: '2026-12-08T01:00:00+01:00' })] }),
      'content/status/maintenance/2026-12-08-dns.md: scheduledUntil is before scheduledFor; the window must end after 2026-12-08T02:00:00+01:00',
    ],
    [
      'a maintenance that ends when it starts',
      content({ maintenances: [dnsWork({ scheduledUntil: '2026-12-08T01:00:00Z' })] }),
      'content/status/maintenance/2026-12-08-dns.md: scheduledUntil equals scheduledFor; the window must end after 2026-12-08T02:00:00+01:00',
    ],
    [
      'a maintenance on an unknown component',
      content({ maintenances: [dnsWork({ components: ['dns', 'ns3'] })] }),
      'content/status/maintenance/2026-12-08-dns.md: components[1] "ns3" is not a component in content/status/components.yaml; use one of the ids declared there',
    ],
    [
      'a maintenance update after completed',
      content({
        maintenances: [
          dnsWork({
            updates: [
              { at: '2026-12-08T02:00:00+01:00', status: 'in_progress', body: 'Started.' },
              { at: '2026-12-08T03:00:00+01:00', status: 'completed', body: 'Done.' },
              { at: '2026-12-08T03:10:00+01:00', status: 'verifying', body: 'Checking.' },
            ],
          }),
        ],
      }),
      'content/status/maintenance/2026-12-08-dns.md: updates[2].status "verifying" comes after the completed update updates[1]; nothing may follow completed',
    ],
    [
      'duplicate component ids',
      content({ components: [...components, { ...components[0], name: 'Mail again' }] }),
      'content/status/components.yaml: [4].id "mail-delivery" is already used by [0]; component ids must be unique',
    ],
  ])('reports %s', (_, c, message) => {
    expect(validateStatusContent(c)).toEqual([message]);
  });
});

describe('an incident through every status', () => {
  const mail = incident('2026-11-03-mail', {
    impact: 'major',
    components: [{ id: 'mail-delivery', status: 'partial_outage' }],
    updates: [
      { at: '2026-11-03T08:00:00+01:00', status: 'investigating', body: 'Looking.' },
      { at: '2026-11-03T08:30:00+01:00', status: 'identified', body: 'Found it.' },
      { at: '2026-11-03T09:00:00+01:00', status: 'monitoring', body: 'Fixed, watching.' },
      { at: '2026-11-03T10:00:00+01:00', status: 'resolved', body: 'Resolved.' },
      { at: '2026-11-05T12:00:00+01:00', status: 'postmortem', body: 'Postmortem published.' },
    ],
    postmortem: 'The full story.',
  });
  const c = content({ incidents: [mail] });

  it.each([
    ['07:59 on 3 November, before its first update, it is not shown', '2026-11-03T07:59:00+01:00', null, 'operational', 'All systems operational'],
    ['08:00 it is investigating and the mail component is in partial outage', '2026-11-03T08:00:00+01:00', 'investigating', 'partial_outage', 'Partial outage'],
    ['08:45 it is identified', '2026-11-03T08:45:00+01:00', 'identified', 'partial_outage', 'Partial outage'],
    ['09:30 it is monitoring and still counts as an outage', '2026-11-03T09:30:00+01:00', 'monitoring', 'partial_outage', 'Partial outage'],
    ['10:00 it is resolved and mail is operational again', '2026-11-03T10:00:00+01:00', 'resolved', 'operational', 'All systems operational'],
    ['noon on 5 November, when the postmortem is out', '2026-11-05T12:00:00+01:00', 'postmortem', 'operational', 'All systems operational'],
  ])('at %s', (_, now, status, componentStatus, banner) => {
    expect(incidentState(mail, at(now))?.status ?? null).toBe(status);
    expect(statusesShown(c, at(now))['mail-delivery']).toBe(componentStatus);
    expect(snapshotAt(c, at(now)).overall.label).toBe(banner);
  });

  it('shows only the updates posted so far, and the timestamps of each transition', () => {
    const state = incidentState(mail, at('2026-11-03T09:30:00+01:00'))!;
    expect(state.updates.map((u) => u.status)).toEqual(['investigating', 'identified', 'monitoring']);
    expect(state).toMatchObject({ active: true, startedAt: '2026-11-03T08:00:00+01:00', monitoringAt: '2026-11-03T09:00:00+01:00', resolvedAt: null });
  });

  it('keeps the postmortem text hidden until its postmortem update is posted', () => {
    expect(incidentState(mail, at('2026-11-04T12:00:00+01:00'))).toMatchObject({ active: false, resolvedAt: '2026-11-03T10:00:00+01:00', postmortem: null });
    expect(incidentState(mail, at('2026-11-05T12:00:00+01:00'))?.postmortem).toBe('The full story.');
  });

  it('shows the postmortem text from resolution when there is no postmortem update', () => {
    const quiet = incident('2026-11-03-quiet', { ...mail.data, updates: mail.data.updates.slice(0, 4) });
    expect(incidentState(quiet, at('2026-11-03T10:00:00+01:00'))?.postmortem).toBe('The full story.');
  });
});

describe('component status and the banner', () => {
  const outage = (id: string, component: string, status: string, from = '2026-11-03T08:00:00+01:00') =>
    incident(id, { components: [{ id: component, status }], updates: [{ at: from, status: 'investigating', body: 'Looking.' }] });
  const now = at('2026-11-03T09:00:00+01:00');

  it.each([
    ['a degraded component gives the minor indicator', [outage('2026-11-03-a', 'mail-delivery', 'degraded_performance')], 'minor', 'Degraded performance'],
    ['a partial outage gives the major indicator', [outage('2026-11-03-a', 'dns', 'partial_outage')], 'major', 'Partial outage'],
    ['a major outage gives the critical indicator', [outage('2026-11-03-a', 'dns', 'major_outage')], 'critical', 'Major outage'],
    [
      'the worst of several incidents wins',
      [outage('2026-11-03-a', 'mail-delivery', 'degraded_performance'), outage('2026-11-03-b', 'mail-delivery', 'major_outage'), outage('2026-11-03-c', 'dns', 'partial_outage')],
      'critical',
      'Major outage',
    ],
    ['an incident not yet posted changes nothing', [outage('2026-11-03-a', 'mail-delivery', 'major_outage', '2026-11-03T09:01:00+01:00')], 'none', 'All systems operational'],
  ])('%s', (_, incidents, indicator, label) => {
    expect(snapshotAt(content({ incidents }), now).overall).toMatchObject({ indicator, label });
  });

  it('gives a group the worst status of its components', () => {
    const c = content({ incidents: [outage('2026-11-03-a', 'mailboxes', 'partial_outage'), outage('2026-11-03-b', 'mail-delivery', 'degraded_performance')] });
    expect(snapshotAt(c, now).groups.map((g) => [g.id, g.status, g.components.map((m) => m.status)])).toEqual([
      ['mail', 'partial_outage', ['degraded_performance', 'partial_outage']],
      ['domains-and-dns', 'operational', ['operational', 'operational']],
    ]);
  });
});

describe('a maintenance before, during and after its window', () => {
  const work = dnsUpgrade();
  const c = content({ maintenances: [work] });

  it.each([
    ['before it is published it is hidden', '2026-11-28T09:59:00+01:00', null, 'operational', 'All systems operational'],
    ['once published it is upcoming', '2026-11-28T10:00:00+01:00', 'scheduled', 'operational', 'All systems operational'],
    ['a minute before the window it is still scheduled', '2026-12-08T01:59:00+01:00', 'scheduled', 'operational', 'All systems operational'],
    ['at the start of the window it is in progress', '2026-12-08T02:00:00+01:00', 'in_progress', 'under_maintenance', 'Maintenance in progress'],
    ['a minute before the end it is still in progress', '2026-12-08T03:59:00+01:00', 'in_progress', 'under_maintenance', 'Maintenance in progress'],
    ['at the end of the window it is completed without an update', '2026-12-08T04:00:00+01:00', 'completed', 'operational', 'All systems operational'],
  ])('%s', (_, now, status, componentStatus, banner) => {
    expect(maintenanceAt(work, at(now))?.status ?? null).toBe(status);
    expect(statusesShown(c, at(now)).dns).toBe(componentStatus);
    expect(snapshotAt(c, at(now)).overall.label).toBe(banner);
  });

  const early = maintenance('2026-12-08-early', {
    components: ['dns'],
    scheduledFor: '2026-12-08T02:00:00+01:00',
    scheduledUntil: '2026-12-08T04:00:00+01:00',
    updates: [
      { at: '2026-12-01T09:00:00+01:00', status: 'scheduled', body: 'Announced.' },
      { at: '2026-12-08T01:50:00+01:00', status: 'in_progress', body: 'Starting a little early.' },
      { at: '2026-12-08T03:00:00+01:00', status: 'verifying', body: 'Checking.' },
      { at: '2026-12-08T03:30:00+01:00', status: 'completed', body: 'Done early.' },
    ],
  });

  it.each([
    ['without publishedAt it appears with its first update', '2026-12-01T08:59:00+01:00', null],
    ['an in_progress update starts it before the window', '2026-12-08T01:55:00+01:00', 'in_progress'],
    ['a verifying update shows while the window runs', '2026-12-08T03:10:00+01:00', 'verifying'],
    ['a completed update ends it before scheduledUntil', '2026-12-08T03:30:00+01:00', 'completed'],
  ])('%s', (_, now, status) => {
    expect(maintenanceAt(early, at(now))?.status ?? null).toBe(status);
  });

  it('records when the work really ran', () => {
    expect(maintenanceAt(early, at('2026-12-09T00:00:00+01:00'))).toMatchObject({
      startsAt: '2026-12-08T01:50:00+01:00',
      endsAt: '2026-12-08T03:30:00+01:00',
      completedAt: '2026-12-08T03:30:00+01:00',
      upcoming: false,
      active: false,
    });
  });

  it('is shown at once when it has neither publishedAt nor updates', () => {
    const bare = maintenance('2026-12-08-bare', { components: ['dns'], scheduledFor: '2026-12-08T02:00:00+01:00', scheduledUntil: '2026-12-08T04:00:00+01:00' });
    expect(maintenanceAt(bare, at('2020-01-01T00:00:00Z'))).toMatchObject({ status: 'scheduled', upcoming: true, publishedAt: null });
  });

  it('gives way to any incident on the same component, but the banner still notes the maintenance', () => {
    const slow = incident('2026-12-08-slow', {
      components: [{ id: 'dns', status: 'degraded_performance' }],
      updates: [{ at: '2026-12-08T02:30:00+01:00', status: 'investigating', body: 'Slow answers.' }],
    });
    const both = content({ maintenances: [work], incidents: [slow] });
    expect(statusesShown(both, at('2026-12-08T03:00:00+01:00')).dns).toBe('degraded_performance');
    expect(snapshotAt(both, at('2026-12-08T03:00:00+01:00')).overall).toEqual({ indicator: 'minor', label: 'Degraded performance', maintenance: true });
  });
});

describe('daily bars and uptime', () => {
  const span = (id: string, impact: string, status: string, from: string, to: string | null) =>
    incident(id, {
      impact,
      components: [{ id: 'mail-delivery', status }],
      updates: [
        { at: from, status: 'investigating', body: 'Looking.' },
        ...(to ? [{ at: to, status: 'resolved', body: 'Resolved.' }] : []),
      ],
    });
  const now = at('2026-11-30T12:00:00+01:00');
  const c = content({
    incidents: [
      // 10:00–11:00 major outage; 10:30–12:10 partial outage. Overlap counts once, as major:
      // 60 major minutes + 70 partial minutes = 60 + 0.3 × 70 = 81 weighted minutes.
      span('2026-11-10-down', 'critical', 'major_outage', '2026-11-10T10:00:00+01:00', '2026-11-10T11:00:00+01:00'),
      span('2026-11-10-slow', 'major', 'partial_outage', '2026-11-10T10:30:00+01:00', '2026-11-10T12:10:00+01:00'),
      span('2026-11-20-degraded', 'minor', 'degraded_performance', '2026-11-20T09:00:00+01:00', '2026-11-20T17:00:00+01:00'),
    ],
    maintenances: [
      maintenance('2026-11-25-mail', { components: ['mail-delivery'], scheduledFor: '2026-11-25T02:00:00+01:00', scheduledUntil: '2026-11-25T04:00:00+01:00' }),
      maintenance('2026-11-30-mail', { components: ['mail-delivery'], scheduledFor: '2026-11-30T22:00:00+01:00', scheduledUntil: '2026-11-30T23:00:00+01:00' }),
    ],
  });
  const bars = historyAt(c, 'mail-delivery', now).bars;
  const bar = (date: string) => bars.find((b) => b.date === date)!;

  it('has 90 days, oldest first, ending today in Zurich', () => {
    expect(bars).toHaveLength(90);
    expect([bars[0].date, bars.at(-1)!.date]).toEqual(['2026-09-02', '2026-11-30']);
  });

  it('takes the worst impact of the day, lists the incidents and counts overlapping outage once', () => {
    expect(bar('2026-11-10')).toEqual({
      date: '2026-11-10',
      impact: 'critical',
      incidents: [
        { id: '2026-11-10-slow', title: 'Something broke', impact: 'major' },
        { id: '2026-11-10-down', title: 'Something broke', impact: 'critical' },
      ],
      maintenances: [],
      maintenance: false,
      partialOutageMinutes: 70,
      majorOutageMinutes: 60,
      downtimeMinutes: 81,
    });
  });

  it('shows a degraded day by its impact without downtime', () => {
    expect(bar('2026-11-20')).toMatchObject({ impact: 'minor', downtimeMinutes: 0 });
  });

  it('shows maintenance apart and does not count it as downtime', () => {
    expect(bar('2026-11-25')).toMatchObject({ impact: null, maintenance: true, maintenances: [{ id: '2026-11-25-mail', title: 'Planned work' }], downtimeMinutes: 0 });
  });

  it('leaves out maintenance later today that has not started', () => {
    expect(bar('2026-11-30')).toMatchObject({ maintenance: false, impact: null });
  });

  it('computes 30- and 90-day uptime from weighted minutes over the time elapsed', () => {
    // 30 days: 1 Nov 00:00 to 30 Nov 12:00 = 29 × 1440 + 720 = 42,480 minutes.
    expect(historyAt(c, 'mail-delivery', now).uptime30).toBeCloseTo(100 * (1 - 81 / 42_480), 10);
    // 90 days: 2 Sep 00:00 CEST to 30 Nov 12:00 CET = 89 × 1440 + 60 (25 October) + 720 = 128,940.
    expect(historyAt(c, 'mail-delivery', now).uptime90).toBeCloseTo(100 * (1 - 81 / 128_940), 10);
    expect(historyAt(c, 'mailboxes', now).uptime90).toBe(100);
  });

  it('splits an incident across midnight between the two days it touched', () => {
    const night = content({ incidents: [span('2026-11-14-night', 'major', 'major_outage', '2026-11-14T23:30:00+01:00', '2026-11-15T00:45:00+01:00')] });
    const b = historyAt(night, 'mail-delivery', now).bars;
    expect([b.find((d) => d.date === '2026-11-14')!.majorOutageMinutes, b.find((d) => d.date === '2026-11-15')!.majorOutageMinutes]).toEqual([30, 45]);
    expect(b.filter((d) => d.incidents.length).map((d) => d.date)).toEqual(['2026-11-14', '2026-11-15']);
  });

  it('counts an unresolved incident up to now', () => {
    const open = content({ incidents: [span('2026-11-30-open', 'critical', 'major_outage', '2026-11-30T11:00:00+01:00', null)] });
    expect(historyAt(open, 'mail-delivery', now).bars.at(-1)).toMatchObject({ majorOutageMinutes: 60, impact: 'critical' });
    expect(historyAt(open, 'mail-delivery', now).uptime30).toBeCloseTo(100 * (1 - 60 / 42_480), 10);
  });

  it('ignores incidents whose first update is still in the future', () => {
    const later = content({ incidents: [span('2026-11-30-later', 'critical', 'major_outage', '2026-11-30T13:00:00+01:00', null)] });
    expect(historyAt(later, 'mail-delivery', now).bars.at(-1)).toMatchObject({ impact: null, majorOutageMinutes: 0 });
  });
});

describe('day boundaries in Europe/Zurich across daylight saving time', () => {
  const down = (id: string, from: string, to: string) =>
    content({
      incidents: [
        incident(id, {
          components: [{ id: 'dns', status: 'major_outage' }],
          updates: [
            { at: from, status: 'investigating', body: 'Down.' },
            { at: to, status: 'resolved', body: 'Up.' },
          ],
        }),
      ],
    });
  const dayOf = (c: StatusContent, now: string, date: string, timeZone = deskZone) =>
    historyAt(c, 'dns', at(now), { timeZone }).bars.find((d) => d.date === date)!;

  it.each([
    ['25 October 2026, when clocks go back, lasts 1,500 minutes', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', '2026-11-01T12:00:00+01:00', '2026-10-25', 1500],
    ['29 March 2026, when clocks go forward, lasts 1,380 minutes', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', '2026-04-15T12:00:00+02:00', '2026-03-29', 1380],
    ['01:30 to 03:30 on 29 March is one real hour', '2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00', '2026-04-15T12:00:00+02:00', '2026-03-29', 60],
    ['01:30 to 03:30 on 25 October is three real hours', '2026-10-25T01:30:00+02:00', '2026-10-25T03:30:00+01:00', '2026-11-01T12:00:00+01:00', '2026-10-25', 180],
  ])('%s', (_, from, to, now, date, minutes) => {
    expect(dayOf(down('2026-03-29-dns', from, to), now, date).majorOutageMinutes).toBe(minutes);
  });

  it('puts 00:30 local on 26 October in the 26 October bar though it is still 25 October in UTC', () => {
    const c = down('2026-10-26-dns', '2026-10-25T23:30:00Z', '2026-10-25T23:40:00Z');
    expect(dayOf(c, '2026-11-01T12:00:00+01:00', '2026-10-26').incidents).toHaveLength(1);
    expect(dayOf(c, '2026-11-01T12:00:00+01:00', '2026-10-25').incidents).toHaveLength(0);
    expect(dayOf(c, '2026-11-01T12:00:00+01:00', '2026-10-25', 'UTC').incidents).toHaveLength(1);
  });

  it('counts the 25-hour day in the uptime denominator', () => {
    // The 30 days ending at midnight on 1 November: 3 Oct 00:00 CEST to 1 Nov 00:00 CET = 29 × 1440 + 60.
    const c = down('2026-10-25-dns', '2026-10-28T10:00:00+01:00', '2026-10-28T11:00:00+01:00');
    expect(historyAt(c, 'dns', at('2026-11-01T00:00:00+01:00')).uptime30).toBeCloseTo(100 * (1 - 60 / 41_820), 10);
  });
});

describe('the snapshot: one computation for every output', () => {
  const dnsWork = dnsUpgrade();
  const mailDown = incident('2026-12-08-mail', {
    title: 'Mail bounces',
    impact: 'critical',
    components: [{ id: 'mail-delivery', status: 'major_outage' }],
    updates: [
      { at: '2026-12-08T03:00:00+01:00', status: 'investigating', body: 'Looking.' },
      { at: '2026-12-08T03:40:00+01:00', status: 'resolved', body: 'Fixed.' },
    ],
  });
  const c = content({ incidents: [mailDown], maintenances: [dnsWork] });

  it.each([
    ['before the announcement nothing is live', '2026-11-28T09:00:00+01:00', 'All systems operational', []],
    ['inside the window the maintenance is live', '2026-12-08T02:30:00+01:00', 'Maintenance in progress', [['maintenance', '/status/maintenance/2026-12-08-dns/', 'maintenance']]],
    [
      'during the incident both are live, the incident first',
      '2026-12-08T03:10:00+01:00',
      'Major outage',
      [['incident', '/status/incidents/2026-12-08-mail/', 'critical'], ['maintenance', '/status/maintenance/2026-12-08-dns/', 'maintenance']],
    ],
    ['after both nothing is live', '2026-12-09T12:00:00+01:00', 'All systems operational', []],
  ])('%s', (_, now, label, live) => {
    const snapshot = statusAt(c, at(now), desk);
    expect(snapshot.overall.label).toBe(label);
    expect(snapshot.live.map((i) => [i.kind, i.url, i.impact])).toEqual(live);
  });

  it.each([
    ['before the announcement nothing has changed yet', '2026-11-28T09:00:00+01:00', null, { dns: null, 'mail-delivery': null }],
    ['the announcement changes the page but no component', '2026-12-01T12:00:00+01:00', '2026-11-28T09:00:00.000Z', { dns: null, 'mail-delivery': null }],
    ['the window opening changes DNS', '2026-12-08T02:30:00+01:00', '2026-12-08T01:00:00.000Z', { dns: '2026-12-08T01:00:00.000Z', 'mail-delivery': null }],
    ['the resolution changes mail, the window end DNS', '2026-12-09T12:00:00+01:00', '2026-12-08T03:00:00.000Z', { dns: '2026-12-08T03:00:00.000Z', 'mail-delivery': '2026-12-08T02:40:00.000Z' }],
  ])('%s', (_, now, updatedAt, changed) => {
    const snapshot = statusAt(c, at(now), desk);
    expect(snapshot.updatedAt).toBe(updatedAt);
    expect(snapshot.componentUpdatedAt).toMatchObject(changed);
  });
});

/** What a reader sees that only changes at discrete instants (uptime and outage minutes drift). */
const shown = (s: StatusSnapshot) =>
  JSON.stringify([s.overall, s.components, s.incidents, s.maintenances, s.live, s.histories.map((h) => h.bars.map((b) => [b.date, b.impact, b.incidents, b.maintenances]))]);

describe.each([
  {
    behaviour: 'an announced maintenance changes the page next when its window opens',
    now: '2026-12-08T00:30:00+01:00',
    next: '2026-12-08T01:00:00.000Z',
  },
  {
    behaviour: 'a maintenance in its window changes the page next when the window closes',
    now: '2026-12-08T02:30:00+01:00',
    next: '2026-12-08T03:00:00.000Z',
  },
  {
    behaviour: 'a window opening exactly now is not the next change; its close is',
    now: '2026-12-08T02:00:00+01:00',
    next: '2026-12-08T03:00:00.000Z',
  },
  {
    behaviour: 'a maintenance not yet published changes the page first when it is announced',
    now: '2026-11-28T09:00:00+01:00',
    next: '2026-11-28T09:00:00.000Z',
  },
  {
    behaviour: 'days before the window the next change is midnight in Zurich',
    now: '2026-12-01T12:00:00+01:00',
    next: '2026-12-01T23:00:00.000Z',
  },
  {
    behaviour: 'after the window the next change is midnight in Zurich',
    now: '2026-12-08T05:00:00+01:00',
    next: '2026-12-08T23:00:00.000Z',
  },
  {
    behaviour: 'a completed update posted early closes the window then',
    now: '2026-12-08T02:30:00+01:00',
    next: '2026-12-08T02:45:00.000Z',
    updates: [{ at: '2026-12-08T03:45:00+01:00', status: 'completed', body: 'Done early.' }],
  },
  {
    behaviour: 'an in_progress update posted before the schedule opens the window then',
    now: '2026-12-08T01:00:00+01:00',
    next: '2026-12-08T00:50:00.000Z',
    updates: [{ at: '2026-12-08T01:50:00+01:00', status: 'in_progress', body: 'Starting early.' }],
  },
  {
    behaviour: 'on the spring-forward day (29 March 2026) midnight is 23 hours after the last one',
    now: '2026-03-29T12:00:00+02:00',
    next: '2026-03-29T22:00:00.000Z',
  },
  {
    behaviour: 'the evening before the spring change midnight is still at +01:00',
    now: '2026-03-28T23:30:00+01:00',
    next: '2026-03-28T23:00:00.000Z',
  },
  {
    behaviour: 'on the fall-back day (25 October 2026) midnight is 25 hours after the last one',
    now: '2026-10-25T12:00:00+01:00',
    next: '2026-10-25T23:00:00.000Z',
  },
  {
    behaviour: 'the evening before the fall-back midnight is still at +02:00',
    now: '2026-10-24T23:30:00+02:00',
    next: '2026-10-24T22:00:00.000Z',
  },
  {
    behaviour: 'in another status time zone its own midnight counts',
    now: '2026-12-08T05:00:00+01:00',
    next: '2026-12-08T05:00:00.000Z',
    timeZone: 'America/New_York',
  },
])('nextChangeAt: $behaviour', ({ now, next, updates = [], timeZone = deskZone }) => {
  const work = dnsUpgrade(updates);
  const c = content({ maintenances: [work] });
  const snapshot = statusAt(c, at(now), { timeZone });

  it(`is ${next}`, () => {
    expect(snapshot.nextChangeAt).toBe(next);
  });

  it('shows the same until then and something else from then on', () => {
    const justBefore = new Date(Date.parse(next) - 1);
    expect(shown(statusAt(c, justBefore, { timeZone }))).toBe(shown(snapshot));
    expect(shown(statusAt(c, at(next), { timeZone }))).not.toBe(shown(snapshot));
  });
});

describe('nextChangeAt with incidents', () => {
  const slow = incident('2026-11-03-mail', {
    components: [{ id: 'mail-delivery', status: 'degraded_performance' }],
    updates: [
      { at: '2026-11-03T08:00:00+01:00', status: 'investigating', body: 'Looking.' },
      { at: '2026-11-03T08:20:00+01:00', status: 'identified', body: 'Found it.' },
      { at: '2026-11-03T09:00:00+01:00', status: 'resolved', body: 'Fixed.' },
    ],
  });
  const c = content({ incidents: [slow] });

  it.each([
    ['an update written ahead of time is the next change', '2026-11-03T07:00:00+01:00', '2026-11-03T07:00:00.000Z'],
    ['the next posted update follows', '2026-11-03T08:05:00+01:00', '2026-11-03T07:20:00.000Z'],
    ['the resolution follows the last update', '2026-11-03T08:30:00+01:00', '2026-11-03T08:00:00.000Z'],
    ['once resolved only midnight is left', '2026-11-03T09:00:00+01:00', '2026-11-03T23:00:00.000Z'],
  ])('%s', (_, now, next) => {
    expect(statusAt(c, at(now), desk).nextChangeAt).toBe(next);
  });
});
