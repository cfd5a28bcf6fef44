// Runs scripts/cli/status.ts as support staff would, each test on its own throwaway database seeded
// with the frozen sample history and a pinned clock: what it posts is what the status page then
// shows, and a refused command posts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maintenanceAt, statusAt } from '../../src/lib/status';
import { loadStatusContent, readStatusVersion } from '../../src/server/status-store';
import { tempDatabase } from '../e2e/server';
import { desk, readStatusDir, sampleHistoryDir } from '../lib/status-fixtures';
import { main } from '../../scripts/cli/status';
import { runMain, spawnCli, type Result } from './run-cli';

const cleanups: Array<() => void> = [];

afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

/** A fresh database holding the sample history, as `npm run db:migrate` would seed it. */
async function freshStore() {
  const database = await tempDatabase({ statusSeed: sampleHistoryDir });
  cleanups.push(database.dispose);
  return database;
}
type Store = Awaited<ReturnType<typeof freshStore>>;

/** Runs the CLI on the store's database with CAIRN_NOW pinned. Async, so the tests can overlap. */
async function status(store: Store, now: string, ...args: string[]): Promise<Result> {
  return runMain(main, args, { ...process.env, DATABASE_URL: store.url, CAIRN_NOW: now, USER: 'ops-cli' });
}

const incidentIn = async (store: Store, id: string, now: string) =>
  statusAt(await loadStatusContent(store.db), new Date(now), desk).incidents.find((i) => i.id === id)!;

const openMailDelays = (store: Store, now: string, title = 'Mail delays') =>
  status(store, now, 'incident', 'new', '--title', title, '--impact', 'major',
    '--component', 'mail-delivery=partial_outage', '--component', 'mailboxes=degraded_performance',
    '--message', 'We are investigating delays in incoming mail.');

describe.concurrent('status incident new', { timeout: 90_000 }, () => {
  it.for([
    { season: 'winter', now: '2026-12-08T02:12:00Z', id: '2026-12-08-mail-delays', at: '2026-12-08T03:12:00+01:00' },
    // 22:30 UTC is already the next day in Zurich: the id is dated by the Zurich day.
    { season: 'summer', now: '2026-07-14T22:30:00Z', id: '2026-07-15-mail-delays', at: '2026-07-15T00:30:00+02:00' },
  ])('in $season posts $id with the first update at $at', async ({ now, id, at }, { expect }) => {
    const store = await freshStore();
    const result = await openMailDelays(store, now);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Posted: ${id}.`);
    const incident = await incidentIn(store, id, now);
    expect(incident).toMatchObject({ title: 'Mail delays', impact: 'major', status: 'investigating', active: true });
    expect(incident.updates).toEqual([{
      at, status: 'investigating', body: 'We are investigating delays in incoming mail.',
      components: [{ id: 'mail-delivery', status: 'partial_outage' }, { id: 'mailboxes', status: 'degraded_performance' }],
    }]);
  });

  it('adds -2, then -3, for incidents of the same title the same day; ids fold accents and drop apostrophes', async ({ expect }) => {
    const store = await freshStore();
    for (const now of ['2026-12-08T02:12:00Z', '2026-12-08T05:00:00Z', '2026-12-08T09:00:00Z']) expect((await openMailDelays(store, now)).status).toBe(0);
    expect((await openMailDelays(store, '2026-12-08T09:30:00Z', "Réseau: Zürich's mail is slow")).stdout).toContain('Posted: 2026-12-08-reseau-zurichs-mail-is-slow.');
    const ids = (await loadStatusContent(store.db)).incidents.map((i) => i.id).filter((id) => id.startsWith('2026-12-08')).sort();
    expect(ids).toEqual(['2026-12-08-mail-delays', '2026-12-08-mail-delays-2', '2026-12-08-mail-delays-3', '2026-12-08-reseau-zurichs-mail-is-slow']);
  });
});

describe.concurrent('status incident update', { timeout: 90_000 }, () => {
  it('posts updates in order through resolved to a postmortem; each keeps the statuses it posted', async ({ expect }) => {
    const store = await freshStore();
    const id = '2026-12-08-mail-delays';
    await openMailDelays(store, '2026-12-08T02:12:00Z');
    const postmortem = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-pm-')), 'postmortem.md');
    cleanups.push(() => fs.rmSync(path.dirname(postmortem), { recursive: true, force: true }));
    fs.writeFileSync(postmortem, '## What happened\n\n- A disk filled up.\n- Alerts went to an old address.\n');
    const steps = [
      ['2026-12-08T02:30:00Z', '--status', 'identified', '--message', 'A full disk stalls the mail queue.', '--component', 'mail-delivery=major_outage'],
      ['2026-12-08T02:50:00Z', '--status', 'monitoring', '--message', 'The queue is draining.', '--component', 'mail-delivery=degraded_performance'],
      ['2026-12-08T04:00:00Z', '--status', 'resolved', '--message', 'All delayed mail was delivered.', '--at', '2026-12-08 04:10'],
      ['2026-12-09T10:00:00Z', '--status', 'postmortem', '--postmortem-file', postmortem],
    ];
    for (const [now, ...args] of steps) {
      const result = await status(store, now, 'incident', 'update', id, ...args);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    const incident = await incidentIn(store, id, '2026-12-10T00:00:00Z');
    expect(incident.updates.map((u) => [u.at, u.status, u.components.find((c) => c.id === 'mail-delivery')?.status])).toEqual([
      ['2026-12-08T03:12:00+01:00', 'investigating', 'partial_outage'],
      ['2026-12-08T03:30:00+01:00', 'identified', 'major_outage'],
      ['2026-12-08T03:50:00+01:00', 'monitoring', 'degraded_performance'],
      ['2026-12-08T04:10:00+01:00', 'resolved', 'degraded_performance'],
      ['2026-12-09T11:00:00+01:00', 'postmortem', 'degraded_performance'],
    ]);
    expect(incident.postmortem).toBe('## What happened\n\n- A disk filled up.\n- Alerts went to an old address.');
    // The 20 minutes of major outage stay in the day's history.
    const bars = statusAt(await loadStatusContent(store.db), new Date('2026-12-10T00:00:00Z'), desk).histories.find((h) => h.component.id === 'mail-delivery')!.bars;
    expect(bars.find((b) => b.date === '2026-12-08')!.majorOutageMinutes).toBe(20);
  });

  it('reopens a resolved incident with --reopen', async ({ expect }) => {
    const store = await freshStore();
    const result = await status(store, '2026-12-08T02:12:00Z', 'incident', 'update', '2026-11-24-ticketing-checkout', '--status', 'investigating', '--message', 'It is back.', '--reopen');
    expect(result.status).toBe(0);
    expect((await incidentIn(store, '2026-11-24-ticketing-checkout', '2026-12-08T02:12:00Z')).active).toBe(true);
  });
});

describe.concurrent('refused commands exit 1, say why and post nothing', { timeout: 90_000 }, () => {
  const now = '2026-12-08T02:12:00Z';
  it.for([
    {
      name: 'an update earlier than the last one',
      before: (store: Store) => openMailDelays(store, now),
      args: ['incident', 'update', '2026-12-08-mail-delays', '--status', 'identified', '--message', 'Found it.', '--at', '2026-12-08 03:00'],
      says: /--at: is before the latest update \(2026-12-08T03:12:00\+01:00\); post at or after it/,
    },
    {
      name: 'an update after resolved',
      args: ['incident', 'update', '2026-11-24-ticketing-checkout', '--status', 'monitoring', '--message', 'Still watching.'],
      says: /--status: the incident is resolved; set reopen to post on it again, or open a new incident/,
    },
    {
      name: 'an unknown component',
      args: ['incident', 'new', '--title', 'Mail delays', '--impact', 'major', '--component', 'mail-sending=partial_outage', '--message', 'Investigating.'],
      says: /--component: "mail-sending" is not a component on the status page; use one of web-hosting, hosting-databases, mail-delivery, mailboxes, .*ticketing/,
    },
    {
      name: 'an unknown impact, a missing message and a short title, all at once',
      args: ['incident', 'new', '--title', 'ab', '--impact', 'huge', '--component', 'mailboxes=partial_outage'],
      says: /found 3 problem\(s\).*\n.*--title: must be at least 3 characters\n.*--impact: must be one of none, minor, major, critical\n.*--message: is required/,
    },
    {
      name: 'a wall-clock time the autumn change makes happen twice',
      args: ['maintenance', 'new', '--title', 'DNS failover test', '--component', 'dns', '--from', '2026-10-25 02:30', '--to', '2026-10-25 04:00', '--message', 'Testing.'],
      says: /--from "2026-10-25 02:30" happens twice in Europe\/Zurich.*write 2026-10-25T02:30:00\+02:00 for the first or 2026-10-25T02:30:00\+01:00 for the second/,
    },
    {
      name: 'a window that ends before it starts',
      args: ['maintenance', 'new', '--title', 'DNS failover test', '--component', 'dns', '--from', '2026-12-20 04:00', '--to', '2026-12-20 02:00', '--message', 'Testing.'],
      says: /--to: must be after scheduledFor \(2026-12-20T04:00:00\+01:00\); the window ends before it starts/,
    },
    {
      name: 'an update to a completed maintenance',
      args: ['maintenance', 'update', '2026-11-17-hosting-databases', '--status', 'verifying', '--message', 'Checking again.'],
      says: /--status: the maintenance is completed and cannot be updated; schedule a new one/,
    },
    {
      name: 'an incident that does not exist',
      args: ['incident', 'update', '2026-12-08-nothing', '--status', 'identified', '--message', 'x'],
      says: /No incident has the id "2026-12-08-nothing"/,
    },
  ])('$name', async ({ before, args, says }, { expect }) => {
    const store = await freshStore();
    if (before) expect((await before(store)).status).toBe(0);
    const version = await readStatusVersion(store.db);
    const result = await status(store, now, ...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).toContain('nothing was posted');
    expect(await readStatusVersion(store.db)).toBe(version);
  });
});

describe.concurrent('status maintenance', { timeout: 90_000 }, () => {
  it.for([
    // Clocks go back at 03:00 on 25 October 2026: the window lasts 3.5 h, not 2.5 h.
    { change: 'autumn', from: '2026-10-25 01:30', to: '2026-10-25 04:00', scheduledFor: '2026-10-25T01:30:00+02:00', scheduledUntil: '2026-10-25T04:00:00+01:00', hours: 3.5 },
    // Clocks go forward at 02:00 on 28 March 2027: the window lasts 2 h, not 3 h.
    { change: 'spring', from: '2027-03-28 01:00', to: '2027-03-28 04:00', scheduledFor: '2027-03-28T01:00:00+01:00', scheduledUntil: '2027-03-28T04:00:00+02:00', hours: 2 },
  ])('reads Zurich wall-clock times across the $change change as the right instants', async ({ from, to, scheduledFor, scheduledUntil, hours }, { expect }) => {
    const store = await freshStore();
    const result = await status(store, '2026-10-20T10:00:00Z', 'maintenance', 'new', '--title', 'DNS failover test',
      '--component', 'dns', '--component', 'vps', '--from', from, '--to', to, '--message', 'We are testing failover.');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const id = `${from.slice(0, 10)}-dns-failover-test`;
    expect(result.stdout).toContain(`Posted: ${id}.`);
    const data = (await loadStatusContent(store.db)).maintenances.find((m) => m.id === id)!.data;
    expect(data).toEqual({
      title: 'DNS failover test',
      components: ['dns', 'vps'],
      scheduledFor,
      scheduledUntil,
      publishedAt: '2026-10-20T12:00:00+02:00',
      updates: [{ at: '2026-10-20T12:00:00+02:00', status: 'scheduled', body: 'We are testing failover.' }],
    });
    expect((Date.parse(scheduledUntil) - Date.parse(scheduledFor)) / 3_600_000).toBe(hours);
  });

  it('posts in_progress and completed updates, and cancels one that has not started', async ({ expect }) => {
    const store = await freshStore();
    const id = '2026-12-08-mail-storage';
    for (const [now, state] of [['2026-12-08T01:00:00Z', 'in_progress'], ['2026-12-08T02:40:00Z', 'completed']]) {
      const result = await status(store, now, 'maintenance', 'update', id, '--status', state, '--message', `Now ${state}.`);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    const content = await loadStatusContent(store.db);
    expect(maintenanceAt(content.maintenances.find((m) => m.id === id)!, new Date('2026-12-09T00:00:00Z'))!.updates.map((u) => [u.at, u.status])).toEqual([
      ['2026-11-28T10:00:00+01:00', 'scheduled'],
      ['2026-12-08T02:00:00+01:00', 'in_progress'],
      ['2026-12-08T03:40:00+01:00', 'completed'],
    ]);
    await status(store, '2026-12-01T00:00:00Z', 'maintenance', 'new', '--title', 'Switch swap', '--component', 'vps', '--from', '2026-12-20 02:00', '--to', '2026-12-20 03:00', '--message', 'Planned.');
    expect((await status(store, '2026-12-02T00:00:00Z', 'maintenance', 'cancel', '2026-12-20-switch-swap', '--message', 'Postponed.')).status).toBe(0);
    const list = await status(store, '2026-12-03T00:00:00Z', 'list');
    expect(list.stdout).not.toContain('2026-12-20-switch-swap');
  });
});

describe.concurrent('status list, audit, import, export and --help', { timeout: 90_000 }, () => {
  it('lists an incident opened a moment ago and the maintenance coming up, not resolved incidents', async ({ expect }) => {
    const store = await freshStore();
    await openMailDelays(store, '2026-12-08T00:30:00Z');
    const result = await status(store, '2026-12-08T00:31:00Z', 'list');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Active incidents:\n {2}2026-12-08-mail-delays {2}Mail delays\n {4}impact major, investigating since 2026-12-08T01:30:00\+01:00/);
    expect(result.stdout).toMatch(/Upcoming and running maintenance:\n {2}2026-12-08-mail-storage {2}Mail storage migration/);
    expect(result.stdout).not.toContain('2026-11-24-ticketing-checkout');
    const audit = await status(store, '2026-12-08T00:31:00Z', 'audit', '--limit', '1');
    expect(audit.stdout).toMatch(/2026-12-08T01:30:00\+01:00 +ops-cli +cli +incident\.create +2026-12-08-mail-delays +Mail delays \(major\)/);
  });

  it('exports files that the build accepts and import reads back as the same status; import refuses to overwrite without --replace', async ({ expect }) => {
    const store = await freshStore();
    await openMailDelays(store, '2026-12-08T00:30:00Z');
    await status(store, '2026-12-08T01:00:00Z', 'incident', 'update', '2026-12-08-mail-delays', '--status', 'monitoring', '--message', 'Better.', '--component', 'mail-delivery=degraded_performance');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-export-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    expect((await status(store, '2026-12-08T02:00:00Z', 'export', dir)).status).toBe(0);
    expect(readStatusDir(dir, dir).errors).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'incidents/2026-12-08-mail-delays.md'), 'utf8')).toContain('  - at: "2026-12-08T02:00:00+01:00"\n    status: monitoring\n');

    const other = await freshStore();
    const refused = await status(other, '2026-12-08T02:00:00Z', 'import', dir);
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('already holds')]);
    expect((await status(other, '2026-12-08T02:00:00Z', 'import', dir, '--replace')).status).toBe(0);
    const at = new Date('2026-12-09T00:00:00Z');
    expect(statusAt(await loadStatusContent(other.db), at, desk)).toEqual(statusAt(await loadStatusContent(store.db), at, desk));
  });

  it('prints the usage of each command with --help', async ({ expect }) => {
    const store = await freshStore();
    const commands = [['incident', 'new'], ['incident', 'update'], ['maintenance', 'new'], ['maintenance', 'update'], ['maintenance', 'edit'], ['maintenance', 'cancel'], ['list'], ['audit'], ['import'], ['export']];
    const results = await Promise.all(commands.map((command) => status(store, '2026-12-08T00:30:00Z', ...command, '--help')));
    results.forEach((result, i) => {
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Usage: npm run status -- ${commands[i].join(' ')}`);
    });
  });
});

describe('node scripts/cli/status.ts', () => {
  it('runs as a program: `list` prints what the status page shows and exits 0', async () => {
    const store = await freshStore();
    const result = await spawnCli('status', ['list'], { ...process.env, DATABASE_URL: store.url, CAIRN_NOW: '2026-12-08T02:30:00Z' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Status at ');
  });
});
