import { describe, expect, it } from 'vitest';
import { statusAt } from '../../src/lib/status';
import {
  activeScheduledMaintenancesJson,
  componentsJson,
  incidentsJson,
  scheduledMaintenancesJson,
  statusJson,
  statuspageEndpoints,
  summaryJson,
  unresolvedIncidentsJson,
  upcomingScheduledMaintenancesJson,
  type StatuspageSettings,
} from '../../src/lib/statuspage';
import { at, content, desk, deskZone, dnsUpgrade, incident, maintenance } from './status-fixtures';

// Statuspage v2 field lists, in the order its public API writes them.
const pageKeys = ['id', 'name', 'url', 'time_zone', 'updated_at'];
const statusKeys = ['indicator', 'description'];
const componentKeys = [
  'id', 'name', 'status', 'created_at', 'updated_at', 'position', 'description', 'showcase',
  'start_date', 'group_id', 'page_id', 'group', 'only_show_if_degraded',
];
const groupKeys = [...componentKeys, 'components'];
const incidentKeys = [
  'id', 'name', 'status', 'created_at', 'updated_at', 'monitoring_at', 'resolved_at', 'impact',
  'shortlink', 'started_at', 'page_id', 'incident_updates', 'components',
];
const updateKeys = [
  'id', 'status', 'body', 'incident_id', 'created_at', 'updated_at', 'display_at',
  'affected_components', 'deliver_notifications', 'custom_tweet', 'tweet_id',
];
const affectedKeys = ['code', 'name', 'old_status', 'new_status'];
const maintenanceKeys = [...incidentKeys, 'scheduled_for', 'scheduled_until'];

const componentStatusValues = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];
const indicatorValues = ['none', 'minor', 'major', 'critical'];
const incidentStatusValues = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'];
const maintenanceStatusValues = ['scheduled', 'in_progress', 'verifying', 'completed'];
const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

const mailOutage = incident('2026-11-03-mail', {
  title: 'Mail apps cannot sign in',
  impact: 'critical',
  components: [
    { id: 'mailboxes', status: 'major_outage' },
    { id: 'mail-delivery', status: 'degraded_performance' },
  ],
  updates: [
    { at: '2026-11-03T08:47:00+01:00', status: 'investigating', body: 'Sign-ins fail.' },
    { at: '2026-11-03T09:05:00+01:00', status: 'identified', body: 'Certificate chain incomplete.' },
    { at: '2026-11-03T09:31:00+01:00', status: 'monitoring', body: 'Sign-ins work again.' },
    { at: '2026-11-03T10:10:00+01:00', status: 'resolved', body: 'Resolved.' },
  ],
});
const summerDns = incident('2026-07-14-dns', {
  title: 'Slow DNS answers',
  impact: 'minor',
  components: [{ id: 'dns', status: 'degraded_performance' }],
  updates: [
    { at: '2026-07-14T12:00:00Z', status: 'investigating', body: 'Slow.' },
    { at: '2026-07-14T12:30:00Z', status: 'resolved', body: 'Fast again.' },
  ],
});
const dnsWork = dnsUpgrade([
  { at: '2026-12-08T02:00:00+01:00', status: 'in_progress', body: 'Started.' },
  { at: '2026-12-08T03:15:00+01:00', status: 'completed', body: 'Done.' },
]);
const history = content({ incidents: [summerDns, mailOutage], maintenances: [dnsWork] });
const settings: StatuspageSettings = { id: 'alpenhost', name: 'Alpenhost', url: 'https://help.alpenhost.example/status/', timeZone: deskZone };
const during = at('2026-11-03T09:10:00+01:00');

describe('Statuspage v2 shapes, key by key', () => {
  const summary = summaryJson(statusAt(history, during, desk), settings);

  it('summary.json has page, components, incidents, scheduled_maintenances and status', () => {
    expect(Object.keys(summary)).toEqual(['page', 'components', 'incidents', 'scheduled_maintenances', 'status']);
    expect(Object.keys(summary.page)).toEqual(pageKeys);
    expect(Object.keys(summary.status)).toEqual(statusKeys);
  });

  it.each([
    ['status.json', statusJson, ['page', 'status']],
    ['components.json', componentsJson, ['page', 'components']],
    ['incidents.json', incidentsJson, ['page', 'incidents']],
    ['incidents/unresolved.json', unresolvedIncidentsJson, ['page', 'incidents']],
    ['scheduled-maintenances.json', scheduledMaintenancesJson, ['page', 'scheduled_maintenances']],
    ['scheduled-maintenances/upcoming.json', upcomingScheduledMaintenancesJson, ['page', 'scheduled_maintenances']],
    ['scheduled-maintenances/active.json', activeScheduledMaintenancesJson, ['page', 'scheduled_maintenances']],
  ] as const)('%s has %j', (path, endpoint, keys) => {
    expect(Object.keys(endpoint(statusAt(history, during, desk), settings))).toEqual(keys);
    expect(statuspageEndpoints[path]).toBe(endpoint);
  });

  it('every component has exactly Statuspage\'s fields, groups add their member ids', () => {
    for (const component of summary.components) {
      expect(Object.keys(component)).toEqual(component.group ? groupKeys : componentKeys);
      expect(componentStatusValues).toContain(component.status);
      expect(component.created_at).toMatch(stamp);
      expect(component.updated_at).toMatch(stamp);
    }
  });

  it('every incident and update has exactly Statuspage\'s fields and enum values', () => {
    const { incidents } = incidentsJson(statusAt(history, during, desk), settings);
    expect(incidents.length).toBe(2);
    for (const incident of incidents) {
      expect(Object.keys(incident)).toEqual(incidentKeys);
      expect(incidentStatusValues).toContain(incident.status);
      expect(indicatorValues).toContain(incident.impact);
      for (const update of incident.incident_updates) {
        expect(Object.keys(update)).toEqual(updateKeys);
        for (const affected of update.affected_components ?? []) expect(Object.keys(affected)).toEqual(affectedKeys);
      }
      for (const component of incident.components) expect(Object.keys(component)).toEqual(componentKeys);
    }
  });

  it('every scheduled maintenance has the incident fields plus scheduled_for and scheduled_until', () => {
    const [maintenance] = scheduledMaintenancesJson(statusAt(history, at('2026-12-08T02:30:00+01:00'), desk), settings).scheduled_maintenances;
    expect(Object.keys(maintenance)).toEqual(maintenanceKeys);
    expect(maintenanceStatusValues).toContain(maintenance.status);
    expect(maintenance.impact).toBe('maintenance');
    for (const update of maintenance.incident_updates) expect(Object.keys(update)).toEqual(updateKeys);
  });

  it('writes timestamps in the page time zone with milliseconds and offset, as Statuspage does', () => {
    const { incidents } = incidentsJson(statusAt(history, at('2026-11-30T12:00:00+01:00'), desk), settings);
    expect(incidents.map((i) => i.started_at)).toEqual(['2026-11-03T08:47:00.000+01:00', '2026-07-14T14:00:00.000+02:00']);
    expect(summary.page.time_zone).toBe('Europe/Zurich');
  });
});

describe('the page and its components', () => {
  it('turns each group into a group component followed by its members, positions counted per level', () => {
    const { components: list } = componentsJson(statusAt(history, during, desk), settings);
    expect(list.map((c) => [c.id, c.group, c.group_id, c.position, c.showcase])).toEqual([
      ['group-mail', true, null, 1, false],
      ['mail-delivery', false, 'group-mail', 1, true],
      ['mailboxes', false, 'group-mail', 2, true],
      ['group-domains-and-dns', true, null, 2, false],
      ['domain-registration', false, 'group-domains-and-dns', 1, true],
      ['dns', false, 'group-domains-and-dns', 2, true],
    ]);
    expect(list[0]).toMatchObject({ name: 'Mail', components: ['mail-delivery', 'mailboxes'], description: null });
  });

  it('reports the current status of each component, and the worst member as the group status', () => {
    const { components: list } = componentsJson(statusAt(history, during, desk), settings);
    const status = Object.fromEntries(list.map((c) => [c.id, c.status]));
    expect(status).toEqual({
      'group-mail': 'major_outage',
      'mail-delivery': 'degraded_performance',
      mailboxes: 'major_outage',
      'group-domains-and-dns': 'operational',
      'domain-registration': 'operational',
      dns: 'operational',
    });
  });

  it('dates the page and each component by their last visible change', () => {
    const { page, components: list } = componentsJson(statusAt(history, during, desk), settings);
    expect(page.updated_at).toBe('2026-11-03T09:05:00.000+01:00');
    const byId = Object.fromEntries(list.map((c) => [c.id, c]));
    expect(byId.mailboxes.updated_at).toBe('2026-11-03T08:47:00.000+01:00');
    expect(byId.dns.updated_at).toBe('2026-07-14T14:30:00.000+02:00');
    expect(byId['domain-registration'].updated_at).toBe(byId['domain-registration'].created_at);
    expect(byId.dns.created_at).toBe('2026-07-14T14:00:00.000+02:00');
  });

  it.each([
    ['during the mail outage', '2026-11-03T09:10:00+01:00', 'critical', 'Major outage'],
    ['after it', '2026-11-03T10:10:00+01:00', 'none', 'All systems operational'],
    ['during the DNS maintenance', '2026-12-08T02:30:00+01:00', 'none', 'Maintenance in progress'],
  ])('status.json %s says %s, "%s"', (_, now, indicator, description) => {
    expect(statusJson(statusAt(history, at(now), desk), settings).status).toEqual({ indicator, description });
  });
});

describe('incidents', () => {
  it('lists an incident with its timestamps, newest update first, and components going out and back', () => {
    const incident = incidentsJson(statusAt(history, at('2026-11-30T12:00:00+01:00'), desk), settings).incidents[0];
    expect(incident).toMatchObject({
      id: '2026-11-03-mail',
      name: 'Mail apps cannot sign in',
      status: 'resolved',
      impact: 'critical',
      created_at: '2026-11-03T08:47:00.000+01:00',
      updated_at: '2026-11-03T10:10:00.000+01:00',
      monitoring_at: '2026-11-03T09:31:00.000+01:00',
      resolved_at: '2026-11-03T10:10:00.000+01:00',
      started_at: '2026-11-03T08:47:00.000+01:00',
      shortlink: 'https://help.alpenhost.example/status/incidents/2026-11-03-mail/',
      page_id: 'alpenhost',
    });
    expect(incident.incident_updates.map((u) => [u.id, u.status])).toEqual([
      ['2026-11-03-mail-4', 'resolved'],
      ['2026-11-03-mail-3', 'monitoring'],
      ['2026-11-03-mail-2', 'identified'],
      ['2026-11-03-mail-1', 'investigating'],
    ]);
    expect(incident.incident_updates.at(-1)!.affected_components).toEqual([
      { code: 'mailboxes', name: 'Mailboxes and webmail', old_status: 'operational', new_status: 'major_outage' },
      { code: 'mail-delivery', name: 'Sending and receiving', old_status: 'operational', new_status: 'degraded_performance' },
    ]);
    expect(incident.incident_updates[0].affected_components).toEqual([
      { code: 'mailboxes', name: 'Mailboxes and webmail', old_status: 'major_outage', new_status: 'operational' },
      { code: 'mail-delivery', name: 'Sending and receiving', old_status: 'degraded_performance', new_status: 'operational' },
    ]);
    expect(incident.components.map((c) => [c.id, c.status])).toEqual([
      ['mailboxes', 'operational'],
      ['mail-delivery', 'operational'],
    ]);
  });

  it('shows only what was posted by now, and lists unresolved incidents while they are open', () => {
    const open = incidentsJson(statusAt(history, during, desk), settings).incidents[0];
    expect(open).toMatchObject({ status: 'identified', monitoring_at: null, resolved_at: null, updated_at: '2026-11-03T09:05:00.000+01:00' });
    expect(open.incident_updates).toHaveLength(2);
    expect(unresolvedIncidentsJson(statusAt(history, during, desk), settings).incidents.map((i) => i.id)).toEqual(['2026-11-03-mail']);
    expect(summaryJson(statusAt(history, during, desk), settings).incidents.map((i) => i.id)).toEqual(['2026-11-03-mail']);
    expect(unresolvedIncidentsJson(statusAt(history, at('2026-11-03T10:10:00+01:00'), desk), settings).incidents).toEqual([]);
    expect(incidentsJson(statusAt(history, at('2026-07-14T11:59:00Z'), desk), settings).incidents).toEqual([]);
  });

  it('keeps the whole history, beyond Statuspage\'s 50', () => {
    const many = content({
      incidents: Array.from({ length: 60 }, (_, i) => ({
        ...summerDns,
        id: `2026-07-14-dns-${i}`,
        data: { ...summerDns.data, updates: summerDns.data.updates.map((u) => ({ ...u, at: new Date(Date.parse(u.at) - i * 86_400_000).toISOString() })) },
      })),
    });
    expect(incidentsJson(statusAt(many, at('2026-11-30T12:00:00+01:00'), desk), settings).incidents).toHaveLength(60);
  });

  it('lets the route choose the incident link', () => {
    const custom = { ...settings, incidentUrl: (id: string) => `https://status.alpenhost.example/i/${id}` };
    expect(incidentsJson(statusAt(history, during, desk), custom).incidents[0].shortlink).toBe('https://status.alpenhost.example/i/2026-11-03-mail');
  });
});

describe('scheduled maintenances through their lifecycle', () => {
  const ids = (list: { scheduled_maintenances: Array<{ id: string; status: string }> }) => list.scheduled_maintenances.map((m) => `${m.id}:${m.status}`);

  it.each([
    ['before publication it is nowhere', '2026-11-28T09:00:00+01:00', [], [], []],
    ['once published it is upcoming', '2026-11-28T10:00:00+01:00', ['2026-12-08-dns:scheduled'], ['2026-12-08-dns:scheduled'], []],
    ['in its window it is active', '2026-12-08T02:30:00+01:00', ['2026-12-08-dns:in_progress'], [], ['2026-12-08-dns:in_progress']],
    ['after the completed update it is history', '2026-12-08T03:15:00+01:00', ['2026-12-08-dns:completed'], [], []],
  ])('%s', (_, now, all, upcoming, active) => {
    expect(ids(scheduledMaintenancesJson(statusAt(history, at(now), desk), settings))).toEqual(all);
    expect(ids(upcomingScheduledMaintenancesJson(statusAt(history, at(now), desk), settings))).toEqual(upcoming);
    expect(ids(activeScheduledMaintenancesJson(statusAt(history, at(now), desk), settings))).toEqual(active);
    expect(ids(summaryJson(statusAt(history, at(now), desk), settings))).toEqual([...upcoming, ...active]);
  });

  it('lists what is still to come soonest first, whatever order it was announced in', () => {
    const window = (id: string, day: string) =>
      maintenance(id, { scheduledFor: `${day}T01:00:00+01:00`, scheduledUntil: `${day}T02:00:00+01:00`, publishedAt: '2026-11-20T10:00:00+01:00' });
    // Ids sort the other way round from the windows, so an order by id or by file cannot pass.
    const planned = content({ maintenances: [window('a-january', '2027-01-12'), window('b-december', '2026-12-15'), window('c-soon', '2026-12-08')] });
    const snapshot = statusAt(planned, at('2026-12-01T12:00:00+01:00'), desk);
    const order = ['c-soon', 'b-december', 'a-january'];
    expect(upcomingScheduledMaintenancesJson(snapshot, settings).scheduled_maintenances.map((m) => m.id)).toEqual(order);
    expect(summaryJson(snapshot, settings).scheduled_maintenances.map((m) => m.id)).toEqual(order);
    // The full list stays the history's order: latest window first.
    expect(scheduledMaintenancesJson(snapshot, settings).scheduled_maintenances.map((m) => m.id)).toEqual([...order].reverse());
  });

  it('describes the window, its updates and its components as Statuspage does', () => {
    const [maintenance] = scheduledMaintenancesJson(statusAt(history, at('2026-12-09T12:00:00+01:00'), desk), settings).scheduled_maintenances;
    expect(maintenance).toMatchObject({
      name: 'Name server upgrade',
      created_at: '2026-11-28T10:00:00.000+01:00',
      updated_at: '2026-12-08T03:15:00.000+01:00',
      resolved_at: '2026-12-08T03:15:00.000+01:00',
      monitoring_at: null,
      scheduled_for: '2026-12-08T02:00:00.000+01:00',
      scheduled_until: '2026-12-08T04:00:00.000+01:00',
      shortlink: 'https://help.alpenhost.example/status/maintenance/2026-12-08-dns/',
    });
    expect(maintenance.incident_updates.map((u) => [u.status, u.affected_components?.[0].old_status, u.affected_components?.[0].new_status])).toEqual([
      ['completed', 'under_maintenance', 'operational'],
      ['in_progress', 'operational', 'under_maintenance'],
      ['scheduled', 'operational', 'operational'],
    ]);
  });

  it('shows the component under maintenance in summary.json during the window', () => {
    const summary = summaryJson(statusAt(history, at('2026-12-08T02:30:00+01:00'), desk), settings);
    expect(summary.components.find((c) => c.id === 'dns')?.status).toBe('under_maintenance');
    expect(summary.components.find((c) => c.id === 'group-domains-and-dns')?.status).toBe('under_maintenance');
    expect(summary.scheduled_maintenances[0].components.map((c) => [c.id, c.status])).toEqual([['dns', 'under_maintenance']]);
  });
});
