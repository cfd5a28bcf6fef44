// Per-update component statuses and the maintenance timeline derived on the clock.
import { describe, expect, it } from 'vitest';
import { maintenanceAt, statusAt, validateStatusContent } from '../../src/lib/status';
import { statusFiles } from '../../src/lib/status-export';
import { maintenanceIcs } from '../../src/lib/status-feeds';
import { parseStatusFiles } from '../../src/lib/status';
import { at, content, desk, deskZone, dnsUpgrade, historyAt, incident, incidentState } from './status-fixtures';

/** A DNS outage: major at 10:00, partial from 11:00 (a milder update), resolved at 12:00, Zurich winter time. */
const easing = incident('2026-12-01-dns', {
  components: undefined,
  updates: [
    { at: '2026-12-01T10:00:00+01:00', status: 'investigating', body: 'Down.', components: [{ id: 'dns', status: 'major_outage' }] },
    { at: '2026-12-01T11:00:00+01:00', status: 'monitoring', body: 'Mostly back.', components: [{ id: 'dns', status: 'partial_outage' }, { id: 'mailboxes', status: 'degraded_performance' }] },
    { at: '2026-12-01T12:00:00+01:00', status: 'resolved', body: 'Fixed.' },
  ],
});

describe('each update carries its own component statuses', () => {
  it('keeps the major outage of the first hour in history when a milder update follows', () => {
    const [bar] = historyAt(content({ incidents: [easing] }), 'dns', at('2026-12-01T22:00:00Z'), { days: 1 }).bars;
    expect(bar.majorOutageMinutes).toBe(60);
    expect(bar.partialOutageMinutes).toBe(60);
  });

  it('gives the history before the milder update the same answer whether or not it was posted', () => {
    const before = { ...easing, data: { ...easing.data, updates: easing.data.updates.slice(0, 1) } };
    const at1059 = at('2026-12-01T09:59:00Z');
    expect(historyAt(content({ incidents: [easing] }), 'dns', at1059, { days: 1 }).bars).toEqual(historyAt(content({ incidents: [before] }), 'dns', at1059, { days: 1 }).bars);
  });

  it('shows the current statuses of an update, keeping components it did not list', () => {
    const state = incidentState(easing, at('2026-12-01T10:30:00Z'))!;
    expect(state.components).toEqual([{ id: 'dns', status: 'partial_outage' }, { id: 'mailboxes', status: 'degraded_performance' }]);
    expect(state.updates.map((u) => u.components.map((c) => c.status))).toEqual([['major_outage'], ['partial_outage', 'degraded_performance']]);
    expect(statusAt(content({ incidents: [easing] }), at('2026-12-01T10:30:00Z'), desk).components.find((c) => c.id === 'mailboxes')?.status).toBe('degraded_performance');
  });

  it('reads an old file (components on the incident only) as every update holding them', () => {
    const old = incident('2026-12-01-old', {
      updates: [
        { at: '2026-12-01T10:00:00+01:00', status: 'investigating', body: 'Down.' },
        { at: '2026-12-01T11:00:00+01:00', status: 'resolved', body: 'Fixed.' },
      ],
    });
    const [bar] = historyAt(content({ incidents: [old] }), 'dns', at('2026-12-01T22:00:00Z'), { days: 1 }).bars;
    expect(bar.majorOutageMinutes).toBe(60);
  });

  it('reopens a resolved incident with reopen, and counts the outage again from there', () => {
    const reopened = incident('2026-12-01-dns', {
      updates: [
        { at: '2026-12-01T10:00:00+01:00', status: 'investigating', body: 'Down.' },
        { at: '2026-12-01T10:30:00+01:00', status: 'resolved', body: 'Fixed.' },
        { at: '2026-12-01T11:00:00+01:00', status: 'identified', body: 'Down again.', reopen: true },
      ],
    });
    expect(validateStatusContent(content({ incidents: [reopened] }))).toEqual([]);
    const state = incidentState(reopened, at('2026-12-01T10:15:00Z'))!;
    expect([state.active, state.resolvedAt]).toEqual([true, null]);
    const [bar] = historyAt(content({ incidents: [reopened] }), 'dns', at('2026-12-01T10:30:00Z'), { days: 1 }).bars;
    expect(bar.majorOutageMinutes).toBe(30 + 30);
  });

  it('refuses an update after resolved without reopen, and a file with no components anywhere', () => {
    const closed = incident('2026-12-01-dns', {
      updates: [
        { at: '2026-12-01T10:00:00+01:00', status: 'resolved', body: 'Fixed.' },
        { at: '2026-12-01T11:00:00+01:00', status: 'identified', body: 'Down again.' },
      ],
    });
    const bare = incident('2026-12-02-dns', { components: undefined, updates: [{ at: '2026-12-02T10:00:00+01:00', status: 'investigating', body: 'Down.' }] });
    expect(validateStatusContent(content({ incidents: [closed, bare] }))).toEqual([
      'content/status/incidents/2026-12-01-dns.md: updates[1].status "identified" comes after the resolved update updates[0]; only a postmortem update may follow resolved, unless the update sets "reopen: true"',
      'content/status/incidents/2026-12-02-dns.md: components is required (on the incident, or on its first update); list each affected component with its status',
    ]);
  });
});

describe('maintenance on the clock', () => {
  it.each([
    ['before the window', '2026-12-08T00:59:00Z', ['scheduled'], 'scheduled'],
    ['the instant it opens', '2026-12-08T01:00:00Z', ['scheduled', 'in_progress'], 'in_progress'],
    ['after it closes', '2026-12-08T03:00:00Z', ['scheduled', 'in_progress', 'completed'], 'completed'],
  ])('%s shows the automatic updates Statuspage would post', (_, now, statuses, status) => {
    const state = maintenanceAt(dnsUpgrade(), at(now))!;
    expect(state.updates.map((u) => u.status)).toEqual(statuses);
    expect(state.status).toBe(status);
  });

  it('posts no automatic update where someone posted one', () => {
    const state = maintenanceAt(dnsUpgrade([{ at: '2026-12-08T01:50:00+01:00', status: 'in_progress', body: 'Started early.' }, { at: '2026-12-08T03:10:00+01:00', status: 'completed', body: 'Done.' }]), at('2026-12-08T05:00:00Z'))!;
    expect(state.updates.map((u) => [u.status, 'automatic' in u])).toEqual([['scheduled', false], ['in_progress', false], ['completed', false]]);
  });

  it('shows a cancelled maintenance as cancelled, never upcoming, running or on the components', () => {
    const cancelled = dnsUpgrade();
    cancelled.data.cancelledAt = '2026-12-01T09:00:00+01:00';
    cancelled.data.cancellation = 'Postponed.';
    for (const now of ['2026-12-02T00:00:00Z', '2026-12-08T02:00:00Z', '2026-12-09T00:00:00Z']) {
      const state = maintenanceAt(cancelled, at(now))!;
      expect([state.cancelled, state.upcoming, state.active, state.cancellation]).toEqual([true, false, false, 'Postponed.']);
      expect(state.updates.map((u) => u.status)).toEqual(['scheduled']);
      expect(statusAt(content({ maintenances: [cancelled] }), at(now), desk).components.find((c) => c.id === 'dns')?.status).toBe('operational');
    }
  });
});

describe('export', () => {
  it('writes files that read back as the same content, per-update statuses and reopen included', () => {
    const reopened = incident('2026-12-02-dns', {
      updates: [
        { at: '2026-12-02T10:00:00+01:00', status: 'investigating', body: 'Down.' },
        { at: '2026-12-02T10:30:00+01:00', status: 'resolved', body: 'Fixed.' },
        { at: '2026-12-02T11:00:00+01:00', status: 'identified', body: 'Down again.', reopen: true },
      ],
    });
    const cancelled = dnsUpgrade();
    cancelled.data.cancelledAt = '2026-12-01T09:00:00+01:00';
    const original = content({ incidents: [easing, reopened], maintenances: [cancelled] });
    const files = statusFiles(original);
    const pick = (dir: string) => files.filter((f) => f.file.startsWith(dir)).map((f) => ({ file: `content/status/${f.file}`, source: f.source }));
    const back = parseStatusFiles({ componentsFile: 'content/status/components.yaml', componentsSource: files[0].source, incidents: pick('incidents/'), maintenances: pick('maintenance/') });
    expect(back.errors).toEqual([]);
    const now = at('2026-12-09T00:00:00Z');
    expect(statusAt(back.content, now, desk)).toEqual(statusAt(original, now, desk));
  });
});

describe('a cancelled maintenance in the bars', () => {
  it('leaves no maintenance mark on the day it was called off or the day it was planned for', () => {
    const cancelled = dnsUpgrade();
    cancelled.data.cancelledAt = '2026-12-01T09:00:00+01:00';
    const bars = historyAt(content({ maintenances: [cancelled] }), 'dns', at('2026-12-09T00:00:00Z'), { days: 10 }).bars;
    expect(bars.filter((b) => b.maintenance)).toEqual([]);
  });
});

describe('a cancelled maintenance in the calendar', () => {
  it('is CANCELLED, so subscribed calendars drop the window', () => {
    const cancelled = dnsUpgrade();
    cancelled.data.cancelledAt = '2026-12-01T09:00:00+01:00';
    const source = maintenanceIcs(statusAt(content({ maintenances: [cancelled, { ...dnsUpgrade(), id: '2026-12-08-dns-b' }] }), at('2026-12-02T00:00:00Z'), desk), { siteUrl: 'https://help.alpenhost.ch', name: 'Alpenhost', timeZone: deskZone });
    const statuses = source.split(/\r\n(?=BEGIN:VEVENT)/).slice(1).map((event) => [/UID:(\S+)/.exec(event)![1], /STATUS:(\w+)/.exec(event)![1]]);
    expect(statuses.sort()).toEqual([['2026-12-08-dns-b@help.alpenhost.ch', 'CONFIRMED'], ['2026-12-08-dns@help.alpenhost.ch', 'CANCELLED']]);
  });
});
