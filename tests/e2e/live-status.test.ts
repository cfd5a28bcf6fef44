// The status is live: two app servers on one real sqld, a post from `npm run status` shows on
// both servers' /status/, summary.json and live.json within 2 s, with no build or restart. With
// sqld stopped, those still answer 200 from each server's snapshot, say how old it is, and a
// post is refused with the database's 503, nothing lost. A server started while the database is
// down serves its snapshot file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateDb } from '../../db/client';
import { seedStatusIfNew } from '../../src/server/status-seed';
import { startServer, type RunningServer } from './server';
import { sqldSupported, startSqld, type RunningSqld } from './sqld';

const execFileAsync = promisify(execFile);

describe.runIf(sqldSupported)('live status on two app servers sharing sqld', () => {
  let sqld: RunningSqld;
  let a: RunningServer;
  let b: RunningServer;
  const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-live-status-'));
  const snapshotA = path.join(snapshotDir, 'a.json');
  let incidentId = '';

  beforeAll(async () => {
    sqld = await startSqld();
    const db = createDb({ url: sqld.url, authToken: undefined });
    await migrateDb(db);
    expect((await seedStatusIfNew(db)).seeded).toBe(true);
    db.$client.close();
    [a, b] = await Promise.all([startServer({ DATABASE_URL: sqld.url, STATUS_SNAPSHOT_FILE: snapshotA }), startServer({ DATABASE_URL: sqld.url })]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sqld?.stop();
    fs.rmSync(snapshotDir, { recursive: true, force: true });
  });

  const cli = async (...args: string[]) => {
    try {
      const { stdout } = await execFileAsync(process.execPath, ['scripts/cli/status.ts', ...args], { env: { ...process.env, DATABASE_URL: sqld.url, CAIRN_NOW: '' } });
      return { code: 0, out: stdout };
    } catch (e) {
      const failed = e as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  };

  /** What a reader of each output sees of the incident, on one server. */
  const seen = async (server: RunningServer, title: string) => {
    const [page, summary, live] = await Promise.all([
      fetch(`${server.url}/status/`).then((r) => r.text()),
      fetch(`${server.url}/status/api/v2/summary.json`).then((r) => r.json()),
      fetch(`${server.url}/status/live.json`).then((r) => r.json()),
    ]);
    const incident = (summary.incidents as Array<{ id: string; name: string; status: string }>).find((i) => i.name === title);
    return {
      page: page.includes(title),
      summary: incident?.status ?? null,
      live: (live.items as Array<{ title: string }>).some((i) => i.title === title),
    };
  };

  /**
   * Polls both servers at once until each shows `expected`; resolves with the milliseconds from
   * `from` to the start of the first request that showed it on the slower server. Counted at the
   * request's start: how long /status/ takes to render on a busy machine is not propagation.
   */
  const visibleOnBoth = async (title: string, expected: Awaited<ReturnType<typeof seen>>, from: number) => {
    const deadline = from + 15_000;
    const took = await Promise.all([a, b].map(async (server) => {
      for (;;) {
        const asked = Date.now();
        const now = await seen(server, title);
        if (JSON.stringify(now) === JSON.stringify(expected)) return asked - from;
        if (Date.now() > deadline) throw new Error(`${server.url} still shows ${JSON.stringify(now)}, not ${JSON.stringify(expected)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }));
    return Math.max(...took);
  };

  it('shows an incident posted with the CLI on both servers within 2 s, no restart', async () => {
    const title = 'Webmail sign-in failures';
    expect(await seen(a, title)).toEqual({ page: false, summary: null, live: false });
    const result = await cli('incident', 'new', '--title', title, '--impact', 'major', '--component', 'mailboxes=major_outage', '--message', 'Sign-ins to webmail fail for some customers.', '--by', 'e2e');
    expect(result.out).toContain('Posted: ');
    incidentId = /Posted: (\S+)\./.exec(result.out)![1];
    // Counted from the CLI's exit, which follows the commit: the post is in the database by then.
    const took = await visibleOnBoth(title, { page: true, summary: 'investigating', live: true }, Date.now());
    expect(took).toBeLessThan(2_000);
    // The permalink and the history page exist on the other server too, without a restart.
    for (const p of [`/status/incidents/${incidentId}/`, '/status/history/']) {
      const res = await fetch(`${b.url}${p}`);
      expect(res.status, p).toBe(200);
      expect(await res.text(), p).toContain(title);
    }
  });

  it('shows an update and the resolution on both servers within 2 s; the audit names who posted', async () => {
    const title = 'Webmail sign-in failures';
    expect((await cli('incident', 'update', incidentId, '--status', 'monitoring', '--message', 'A fix is out.', '--component', 'mailboxes=degraded_performance')).code).toBe(0);
    let posted = Date.now();
    expect(await visibleOnBoth(title, { page: true, summary: 'monitoring', live: true }, posted)).toBeLessThan(2_000);
    const summary = await fetch(`${b.url}/status/api/v2/summary.json`).then((r) => r.json());
    expect(summary.components.find((c: { id: string }) => c.id === 'mailboxes').status).toBe('degraded_performance');
    expect((await cli('incident', 'update', incidentId, '--status', 'resolved', '--message', 'Sign-ins work again.')).code).toBe(0);
    posted = Date.now();
    // Resolved: on the page (recent incidents), no longer unresolved in summary.json nor in live.json.
    expect(await visibleOnBoth(title, { page: true, summary: null, live: false }, posted)).toBeLessThan(2_000);
    const audit = await cli('audit', '--limit', '3');
    expect(audit.out).toMatch(/e2e\s+cli\s+incident\.create\s+/);
  });

  it('keeps serving both servers from memory with sqld stopped, says how old it is, and refuses posts with 503', async () => {
    await cli('incident', 'new', '--title', 'Slow DNS answers', '--impact', 'minor', '--component', 'dns=degraded_performance', '--message', 'Some answers take seconds.');
    await visibleOnBoth('Slow DNS answers', { page: true, summary: 'investigating', live: true }, Date.now());
    await sqld.stop();
    for (const server of [a, b]) {
      for (const p of ['/status/', '/status/api/v2/summary.json', '/status/live.json']) expect((await fetch(`${server.url}${p}`)).status, p).toBe(200);
      expect(await seen(server, 'Slow DNS answers')).toEqual({ page: true, summary: 'investigating', live: true });
    }
    // After a few failed polls the page says the status may be old.
    await expect.poll(async () => (await fetch(`${a.url}/status/`).then((r) => r.text())).includes('cannot reach the status database'), { timeout: 20_000, interval: 250 }).toBe(true);
    const refused = await cli('incident', 'update', incidentId, '--status', 'identified', '--message', 'Again.', '--reopen');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('The status database does not answer right now; nothing was posted.');
  }, 60_000);

  it('starts a server from its snapshot file while the database is down', async () => {
    await a.stop();
    a = await startServer({ DATABASE_URL: sqld.url, STATUS_SNAPSHOT_FILE: snapshotA });
    expect(await seen(a, 'Slow DNS answers')).toEqual({ page: true, summary: 'investigating', live: true });
    expect(await fetch(`${a.url}/status/`).then((r) => r.text())).toContain('cannot reach the status database');
  }, 60_000);
});
