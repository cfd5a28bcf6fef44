// Two processes writing one embedded database at once (the server and `npm run status`, or two
// server processes): the later writer waits for the earlier one, whichever connection of its
// client's pool it is given, instead of failing with SQLITE_BUSY (which the server answers 503).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDb, dbReady, type Db } from '../../db/client';

let dir: string;
let file: string;
let db: Db;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-busy-'));
  file = path.join(dir, 'busy.db');
  db = createDb({ url: `file:${file}`, authToken: undefined });
  await dbReady(db);
  await db.$client.execute('create table notes (body text not null)');
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Another process takes the write lock, says so, and commits `holdMs` later. */
function holdWriteLock(holdMs: number): Promise<{ done: Promise<void> }> {
  const script = `const Database = require('libsql'); const db = new Database(${JSON.stringify(file)});
db.exec('BEGIN IMMEDIATE'); db.exec("insert into notes values ('from the other process')");
process.stdout.write('held\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => { if (String(d).includes('held')) resolve({ done }); });
    child.on('error', reject);
    done.catch(reject);
  });
}

it('a write waits for another process that holds the lock, on every connection the pool opened', async () => {
  // Overlapping queries make the client open more connections; the next write is given the last one.
  await Promise.all(Array.from({ length: 4 }, () => db.$client.execute('select count(*) from notes')));
  for (let attempt = 0; attempt < 4; attempt++) {
    const other = await holdWriteLock(300);
    await db.$client.execute({ sql: 'insert into notes values (?)', args: [`write ${attempt}`] });
    await other.done;
  }
  const rows = await db.$client.execute('select body from notes');
  expect(rows.rows.map((r) => r.body)).toEqual(['from the other process', 'write 0', 'from the other process', 'write 1', 'from the other process', 'write 2', 'from the other process', 'write 3']);
}, 30_000);
