// Runs scripts/status.ts as support staff would, each test on its own copy of content/status with
// a pinned clock: what it writes must pass the build's checks, and a refused command writes nothing.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { readStatusDir, sampleHistoryDir } from '../lib/status-fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/status.ts');
const execFileAsync = promisify(execFile);
const copies: string[] = [];
// Node's compile cache, filled once, cuts each run from about 0.25 s to 0.1 s (most of it is
// loading zod, yaml and Temporal), which keeps this file's 30-odd runs within a few seconds.
const compileCache = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-status-cache-'));

beforeAll(async () => {
  await execFileAsync(process.execPath, [script, '--help'], { env: { ...process.env, NODE_COMPILE_CACHE: compileCache } });
});

afterAll(() => {
  for (const dir of [...copies, compileCache]) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the sample status folder, so the samples take part in every check. */
function freshCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-status-'));
  copies.push(dir);
  fs.cpSync(sampleHistoryDir, dir, { recursive: true });
  return dir;
}

interface Result { status: number; stdout: string; stderr: string }

/** Runs the CLI with STATUS_DIR on the copy and CAIRN_NOW pinned. Async, so the tests can overlap. */
async function status(dir: string, now: string, ...args: string[]): Promise<Result> {
  const env = { ...process.env, STATUS_DIR: dir, CAIRN_NOW: now, NODE_COMPILE_CACHE: compileCache };
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [script, ...args], { cwd: root, env, encoding: 'utf8' });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Every file of the folder, to prove a refused command left it untouched. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) files[f] = fs.readFileSync(p, 'utf8');
  }
  return files;
}

/** The folder through the same parser and checks as the build, files named by their real paths. */
const parseFolder = (dir: string) => readStatusDir(dir, dir);

const openMailDelays = (dir: string, now: string, title = 'Mail delays') =>
  status(dir, now, 'incident', 'new', '--title', title, '--impact', 'major',
    '--component', 'mail-delivery=partial_outage', '--component', 'mailboxes=degraded_performance',
    '--message', 'We are investigating delays in incoming mail.');

describe.concurrent('status incident new', () => {
  it.for([
    { season: 'winter', now: '2026-12-08T02:12:00Z', id: '2026-12-08-mail-delays', at: '2026-12-08T03:12:00+01:00' },
    // 22:30 UTC is already the next day in Zurich: the file is dated by the Zurich day.
    { season: 'summer', now: '2026-07-14T22:30:00Z', id: '2026-07-15-mail-delays', at: '2026-07-15T00:30:00+02:00' },
  ])('in $season writes $id with the first update at $at, which the build accepts', async ({ now, id, at }, { expect }) => {
    const dir = freshCopy();
    const result = await openMailDelays(dir, now);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const file = path.join(dir, 'incidents', `${id}.md`);
    const source = fs.readFileSync(file, 'utf8');
    expect(source).toContain(`  - at: "${at}"\n`); // quoted, so js-yaml in Astro keeps it a string
    expect(result.stdout).toContain(file);
    expect(result.stdout).toContain(source.trimEnd());
    expect(result.stdout).toContain(`Id: ${id}`);

    const { content, errors } = parseFolder(dir);
    expect(errors).toEqual([]);
    expect(content.incidents.find((i) => i.id === id)?.data).toEqual({
      title: 'Mail delays',
      impact: 'major',
      components: [{ id: 'mail-delivery', status: 'partial_outage' }, { id: 'mailboxes', status: 'degraded_performance' }],
      updates: [{ at, status: 'investigating', body: 'We are investigating delays in incoming mail.' }],
    });
  });

  it('adds -2, then -3, when an incident with the same title was opened the same day', async ({ expect }) => {
    const dir = freshCopy();
    for (const now of ['2026-12-08T02:12:00Z', '2026-12-08T05:00:00Z', '2026-12-08T09:00:00Z']) {
      expect((await openMailDelays(dir, now)).status).toBe(0);
    }
    expect(fs.readdirSync(path.join(dir, 'incidents')).filter((f) => f.startsWith('2026-12-08'))).toEqual([
      '2026-12-08-mail-delays-2.md',
      '2026-12-08-mail-delays-3.md',
      '2026-12-08-mail-delays.md',
    ]);
    expect(parseFolder(dir).errors).toEqual([]);
  });

  it('names the file from the title as article-new does: accents folded, apostrophes dropped', async ({ expect }) => {
    const dir = freshCopy();
    expect((await openMailDelays(dir, '2026-12-08T02:12:00Z', "Réseau: Zürich's mail is slow")).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'incidents', '2026-12-08-reseau-zurichs-mail-is-slow.md'))).toBe(true);
  });
});

describe.concurrent('status incident update', () => {
  it('appends updates in order through resolved to a postmortem, changing a component on the way', async ({ expect }) => {
    const dir = freshCopy();
    const id = '2026-12-08-mail-delays';
    await openMailDelays(dir, '2026-12-08T02:12:00Z');
    const postmortem = path.join(dir, 'postmortem.md');
    fs.writeFileSync(postmortem, '## What happened\n\n- A disk filled up.\n- Alerts went to an old address.\n');
    const steps = [
      ['2026-12-08T02:30:00Z', '--status', 'identified', '--message', 'A full disk stalls the mail queue.', '--component', 'mail-delivery=major_outage'],
      ['2026-12-08T02:50:00Z', '--status', 'monitoring', '--message', 'The queue is draining.'],
      ['2026-12-08T04:00:00Z', '--status', 'resolved', '--message', 'All delayed mail was delivered.', '--at', '2026-12-08 04:10'],
      ['2026-12-09T10:00:00Z', '--status', 'postmortem', '--message', 'We published a postmortem.', '--postmortem-file', postmortem],
    ];
    for (const [now, ...args] of steps) {
      const result = await status(dir, now, 'incident', 'update', id, ...args);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    const { content, errors } = parseFolder(dir);
    expect(errors).toEqual([]);
    const incident = content.incidents.find((i) => i.id === id)!.data;
    expect(incident.updates.map((u) => [u.at, u.status])).toEqual([
      ['2026-12-08T03:12:00+01:00', 'investigating'],
      ['2026-12-08T03:30:00+01:00', 'identified'],
      ['2026-12-08T03:50:00+01:00', 'monitoring'],
      ['2026-12-08T04:10:00+01:00', 'resolved'],
      ['2026-12-09T11:00:00+01:00', 'postmortem'],
    ]);
    expect(incident.components).toEqual([{ id: 'mail-delivery', status: 'major_outage' }, { id: 'mailboxes', status: 'degraded_performance' }]);
    expect(incident.postmortem).toBe('## What happened\n\n- A disk filled up.\n- Alerts went to an old address.');
  });

  it("keeps a hand-written file's text as it was and only adds lines", async ({ expect }) => {
    const dir = freshCopy();
    const file = path.join(dir, 'incidents', '2026-11-03-webmail-logins.md');
    const before = fs.readFileSync(file, 'utf8');
    const result = await status(dir, '2026-11-05T09:00:00Z', 'incident', 'update', '2026-11-03-webmail-logins', '--status', 'postmortem', '--message', 'Postmortem published.');
    expect(result.status).toBe(0);
    const after = fs.readFileSync(file, 'utf8');
    expect(after.startsWith(before.slice(0, before.lastIndexOf('---')))).toBe(true);
    expect(after.slice(before.lastIndexOf('---'))).toBe(
      '  - at: "2026-11-05T10:00:00+01:00"\n    status: postmortem\n    body: >-\n      Postmortem published.\n---\n',
    );
    expect(parseFolder(dir).errors).toEqual([]);
  });
});

describe.concurrent('refused commands exit 1, say why and leave the folder unchanged', () => {
  const now = '2026-12-08T02:12:00Z';
  it.for([
    {
      name: 'an update earlier than the last one',
      before: (dir: string) => openMailDelays(dir, now),
      args: ['incident', 'update', '2026-12-08-mail-delays', '--status', 'identified', '--message', 'Found it.', '--at', '2026-12-08 03:00'],
      says: /posted at 2026-12-08T03:00:00\+01:00, before the last update \(updates\[0\], investigating, at 2026-12-08T03:12:00\+01:00\)/,
    },
    {
      name: 'an update after resolved',
      args: ['incident', 'update', '2026-11-24-ticketing-checkout', '--status', 'monitoring', '--message', 'Still watching.'],
      says: /was resolved at 2026-11-24T19:15:00\+01:00; only a postmortem update may follow.*open a new incident/,
    },
    {
      name: 'an unknown component',
      args: ['incident', 'new', '--title', 'Mail delays', '--impact', 'major', '--component', 'mail-sending=partial_outage', '--message', 'Investigating.'],
      says: /--component "mail-sending" is not a component in .*components\.yaml; use one of: web-hosting, hosting-databases, mail-delivery, mailboxes, .*ticketing/,
    },
    {
      name: 'an unknown impact',
      args: ['incident', 'new', '--title', 'Mail delays', '--impact', 'huge', '--component', 'mailboxes=partial_outage', '--message', 'Investigating.'],
      says: /--impact "huge" must be one of none, minor, major, critical/,
    },
    {
      name: 'a missing message',
      args: ['incident', 'new', '--title', 'Mail delays', '--impact', 'major', '--component', 'mailboxes=partial_outage'],
      says: /--message is required/,
    },
    {
      name: 'a title the schema refuses, found by checking the whole folder',
      args: ['incident', 'new', '--title', 'ab', '--impact', 'major', '--component', 'mailboxes=partial_outage', '--message', 'Investigating.'],
      says: /incidents\/2026-12-08-ab\.md: title must be at least 3 characters/,
    },
    {
      name: 'a wall-clock time the autumn change makes happen twice',
      args: ['maintenance', 'new', '--title', 'DNS failover test', '--component', 'dns', '--from', '2026-10-25 02:30', '--to', '2026-10-25 04:00', '--message', 'Testing.'],
      says: /--from "2026-10-25 02:30" happens twice in Europe\/Zurich.*write 2026-10-25T02:30:00\+02:00 for the first or 2026-10-25T02:30:00\+01:00 for the second/,
    },
    {
      name: 'an update to a completed maintenance',
      args: ['maintenance', 'update', '2026-11-17-hosting-databases', '--status', 'verifying', '--message', 'Checking again.'],
      says: /was completed at 2026-11-17T02:20:00\+01:00; nothing may follow/,
    },
  ])('$name', async ({ before, args, says }, { expect }) => {
    const dir = freshCopy();
    if (before) expect((await before(dir)).status).toBe(0);
    const snapshot = tree(dir);
    const result = await status(dir, now, ...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).toContain('nothing was written');
    expect(tree(dir)).toEqual(snapshot);
  });
});

describe.concurrent('status maintenance', () => {
  it.for([
    // Clocks go back at 03:00 on 25 October 2026: the window lasts 3.5 h, not 2.5 h.
    { change: 'autumn', from: '2026-10-25 01:30', to: '2026-10-25 04:00', scheduledFor: '2026-10-25T01:30:00+02:00', scheduledUntil: '2026-10-25T04:00:00+01:00', hours: 3.5 },
    // Clocks go forward at 02:00 on 28 March 2027: the window lasts 2 h, not 3 h.
    { change: 'spring', from: '2027-03-28 01:00', to: '2027-03-28 04:00', scheduledFor: '2027-03-28T01:00:00+01:00', scheduledUntil: '2027-03-28T04:00:00+02:00', hours: 2 },
  ])('reads Zurich wall-clock times across the $change change as the right instants', async ({ from, to, scheduledFor, scheduledUntil, hours }, { expect }) => {
    const dir = freshCopy();
    const result = await status(dir, '2026-10-20T10:00:00Z', 'maintenance', 'new', '--title', 'DNS failover test',
      '--component', 'dns', '--component', 'vps', '--from', from, '--to', to, '--message', 'We are testing failover.');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const id = `${from.slice(0, 10)}-dns-failover-test`;
    const { content, errors } = parseFolder(dir);
    expect(errors).toEqual([]);
    const data = content.maintenances.find((m) => m.id === id)!.data;
    expect(data).toEqual({
      title: 'DNS failover test',
      components: ['dns', 'vps'],
      scheduledFor,
      scheduledUntil,
      publishedAt: '2026-10-20T12:00:00+02:00',
      updates: [{ at: '2026-10-20T12:00:00+02:00', status: 'scheduled', body: 'We are testing failover.' }],
    });
    expect((Date.parse(scheduledUntil) - Date.parse(scheduledFor)) / 3_600_000).toBe(hours);
    expect(result.stdout).toContain(`Id: ${id}`);
  });

  it('appends in_progress and completed updates', async ({ expect }) => {
    const dir = freshCopy();
    const id = '2026-12-08-mail-storage';
    for (const [now, state] of [['2026-12-08T01:00:00Z', 'in_progress'], ['2026-12-08T02:40:00Z', 'completed']]) {
      const result = await status(dir, now, 'maintenance', 'update', id, '--status', state, '--message', `Now ${state}.`);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    const { content, errors } = parseFolder(dir);
    expect(errors).toEqual([]);
    expect(content.maintenances.find((m) => m.id === id)!.data.updates.map((u) => [u.at, u.status])).toEqual([
      ['2026-11-28T10:00:00+01:00', 'scheduled'],
      ['2026-12-08T02:00:00+01:00', 'in_progress'],
      ['2026-12-08T03:40:00+01:00', 'completed'],
    ]);
  });
});

describe.concurrent('status list and --help', () => {
  it('lists an incident opened a moment ago and the maintenance coming up, not resolved incidents', async ({ expect }) => {
    const dir = freshCopy();
    await openMailDelays(dir, '2026-12-08T00:30:00Z');
    const result = await status(dir, '2026-12-08T00:31:00Z', 'list');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Active incidents:\n {2}2026-12-08-mail-delays {2}Mail delays\n {4}impact major, investigating since 2026-12-08T01:30:00\+01:00/);
    expect(result.stdout).toMatch(/Upcoming and running maintenance:\n {2}2026-12-08-mail-storage {2}Mail storage migration/);
    expect(result.stdout).not.toContain('2026-11-24-ticketing-checkout');
  });

  it('prints the usage of each command with --help', async ({ expect }) => {
    const dir = freshCopy();
    const commands = [['incident', 'new'], ['incident', 'update'], ['maintenance', 'new'], ['maintenance', 'update'], ['list']];
    const results = await Promise.all(commands.map((command) => status(dir, '2026-12-08T00:30:00Z', ...command, '--help')));
    results.forEach((result, i) => {
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Usage: npm run status -- ${commands[i].join(' ')}`);
    });
  });
});
