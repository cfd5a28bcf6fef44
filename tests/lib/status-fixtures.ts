// Status test fixtures in one place: Alpenhost's mail and DNS components, entry builders that go
// through the real schemas (so they are exactly what a loader hands over), and the frozen sample
// history in tests/fixtures/status-history.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseStatusFiles, statusAt, type StatusContent, type StatusEntry } from '../../src/lib/status';
import { incidentSchema, maintenanceSchema, type Component, type IncidentData } from '../../src/lib/status-schema';

/** Two mail components and two under "Domains and DNS", out of page order on purpose. */
export const components: Component[] = [
  { id: 'mail-delivery', name: 'Sending and receiving', group: 'Mail', description: 'SMTP and inbound delivery.', order: 20 },
  { id: 'mailboxes', name: 'Mailboxes and webmail', group: 'Mail', description: 'IMAP, POP and webmail.', order: 21 },
  { id: 'dns', name: 'Name servers', group: 'Domains and DNS', description: 'Authoritative name servers.', order: 31 },
  { id: 'domain-registration', name: 'Registrations', group: 'Domains and DNS', description: 'Registering and renewing names.', order: 30 },
];

/** An incident file's entry; by default a major DNS outage titled "Something broke". */
export function incident(id: string, data: Record<string, unknown>, body = '') {
  return {
    id,
    file: `content/status/incidents/${id}.md`,
    data: incidentSchema.parse({ title: 'Something broke', impact: 'major', components: [{ id: 'dns', status: 'major_outage' }], ...data }),
    body,
  };
}

/** A maintenance file's entry; by default "Planned work" on the mailboxes. */
export function maintenance(id: string, data: Record<string, unknown>, body = '') {
  return { id, file: `content/status/maintenance/${id}.md`, data: maintenanceSchema.parse({ title: 'Planned work', components: ['mailboxes'], ...data }), body };
}

/** The name server upgrade of 8 December, 02:00 to 04:00 CET, announced on 28 November at 10:00. */
export function dnsUpgrade(updates: Array<Record<string, unknown>> = []) {
  return maintenance('2026-12-08-dns', {
    title: 'Name server upgrade',
    components: ['dns'],
    scheduledFor: '2026-12-08T02:00:00+01:00',
    scheduledUntil: '2026-12-08T04:00:00+01:00',
    publishedAt: '2026-11-28T10:00:00+01:00',
    updates: [{ at: '2026-11-28T10:00:00+01:00', status: 'scheduled', body: 'Planned.' }, ...updates],
  });
}

/** Status content over `components` unless the parts say otherwise. */
export function content(parts: Partial<StatusContent>): StatusContent {
  return { components, incidents: [], maintenances: [], ...parts };
}

export const at = (iso: string) => new Date(iso);

/**
 * A frozen copy of the sample history (content/status as of November 2026): seven groups,
 * incidents in October and November, two maintenances. The team edits content/status; this copy
 * changes only for a new test scenario, so posting a real incident never breaks a unit test.
 */
export const sampleHistoryDir = path.resolve('tests/fixtures/status-history');

/**
 * A status folder (components.yaml, incidents/, maintenance/) through the same parser and checks
 * as the build. Messages name files under `shownAs` (default content/status, as the build does).
 */
export function readStatusDir(dir: string, shownAs = 'content/status') {
  const read = (sub: string) =>
    readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.md')).sort().map((f) => ({
      file: `${shownAs}/${sub}/${f}`,
      source: readFileSync(path.join(dir, sub, f), 'utf8'),
    }));
  return parseStatusFiles({
    componentsFile: `${shownAs}/components.yaml`,
    componentsSource: readFileSync(path.join(dir, 'components.yaml'), 'utf8'),
    incidents: read('incidents'),
    maintenances: read('maintenance'),
  });
}

/** The desk's zone in these fixtures; the site reads its own from content/support/sla.yaml. */
export const deskZone = 'Europe/Zurich';
export const desk = { timeZone: deskZone };

/** What the page shows at `now`: the one snapshot every status output is built from. */
export const snapshotAt = (c: StatusContent, now: Date, timeZone = deskZone) => statusAt(c, now, { timeZone });

/** Component id → the status the page shows for it at `now`. */
export const statusesShown = (c: StatusContent, now: Date) => Object.fromEntries(snapshotAt(c, now).components.map((x) => [x.id, x.status]));

/** One component's last `days` daily bars and its 30- and 90-day uptime, as shown at `now`. */
export function historyAt(c: StatusContent, componentId: string, now: Date, options: { timeZone?: string; days?: number } = {}) {
  const history = snapshotAt(c, now, options.timeZone).histories.find((h) => h.component.id === componentId);
  if (!history) throw new Error(`no component "${componentId}" in the content`);
  return { ...history, bars: history.bars.slice(-(options.days ?? 90)) };
}

/** An incident as the page shows it at `now`, or null before its first update. */
export const incidentState = (entry: StatusEntry<IncidentData>, now: Date) => snapshotAt(content({ incidents: [entry] }), now).incidents[0] ?? null;
