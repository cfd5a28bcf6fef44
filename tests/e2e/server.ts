// Starts the built standalone server on a free loopback port and stops it again.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrateDb, type Db } from '../../db/client.ts';
import type { StaffRole } from '../../src/lib/staff.ts';
import { seedStatusIfNew } from '../../src/server/status-seed.ts';
import { helperThreadsFlag, serverProcesses } from '../../scripts/server/processes.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer { url: string; process: ChildProcess; stop: () => Promise<void>; output: () => string }

/**
 * Starts the built server. `command` runs another entry point, e.g. `['scripts/server/start.ts',
 * '--no-build']` for what `npm start` does (migrate, then serve).
 */
export async function startServer(env: Record<string, string> = {}, command: string[] = ['scripts/server/serve.ts']): Promise<RunningServer> {
  // A test that needs the URL beforehand (SITE_URL pointing at the server) picks the port itself.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // Each server keeps its own status snapshot unless the test shares one on purpose.
  const snapshotDir = env.STATUS_SNAPSHOT_FILE ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-snapshot-'));
  // With the V8 helper threads `npm start` gives a process (scripts/server/processes.ts).
  const processes = serverProcesses(env.SERVER_PROCESSES ?? process.env.SERVER_PROCESSES, os.availableParallelism());
  const helpers = helperThreadsFlag(os.availableParallelism(), processes.ok ? processes.count : 1, command, env.NODE_OPTIONS ?? process.env.NODE_OPTIONS);
  const child = spawn(process.execPath, [...helpers, ...command], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...(snapshotDir ? { STATUS_SNAPSHOT_FILE: path.join(snapshotDir, 'status-snapshot.json') } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // E2E_SERVER_LOG=<file> keeps every server's output, for a failure seen only now and then.
  const log = process.env.E2E_SERVER_LOG;
  const keep = (d: Buffer) => { output += d; if (log) fs.appendFileSync(log, `[${new Date().toISOString()} ${port}] ${d}`); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { child.kill(); throw new Error(`The server did not answer on ${url} within 20 s:\n${output}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: () => new Promise<void>((resolve) => {
      const done = () => {
        if (snapshotDir) fs.rmSync(snapshotDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    }),
  };
}

/**
 * A throwaway embedded database in a temp folder, migrated from db/migrations and, as
 * `npm run db:migrate` does, seeded with the status history of content/status (or `statusSeed`).
 */
export async function tempDatabase(options: { statusSeed?: string | false } = {}): Promise<{ url: string; db: Db; dispose: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-db-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  const db = createDb({ url, authToken: undefined });
  await migrateDb(db);
  const { statusSeed = 'content/status' } = options;
  if (statusSeed) {
    const seed = await seedStatusIfNew(db, statusSeed);
    if (seed.errors.length) throw new Error(`The status seed ${statusSeed} is invalid:\n${seed.errors.join('\n')}`);
  }
  return { url, db, dispose: () => { db.$client.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Adds a console account to the database with scripts/cli/staff.ts, as an administrator would. */
export function addStaff(databaseUrl: string, email: string, role: StaffRole, password: string): void {
  execFileSync(process.execPath, ['scripts/cli/staff.ts', 'add', email, '--role', role, '--password', password], { env: { ...process.env, DATABASE_URL: databaseUrl } });
}
