// SERVER_PROCESSES=2: one port, two server processes (node:cluster). Both answer, a status post
// shows in both at once (nothing they keep in memory disagrees), a process killed with -9 is
// replaced while the other keeps answering, and SIGTERM stops them all.
import { execFile, execFileSync } from 'node:child_process';
import http from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDatabase, type RunningServer } from './server';

const execFileAsync = promisify(execFile);
let database: Awaited<ReturnType<typeof tempDatabase>>;
let server: RunningServer;

/** The server processes the primary runs (Linux `ps`). */
function children(): number[] {
  try {
    return execFileSync('ps', ['--ppid', String(server.process.pid), '-o', 'pid='], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** A GET on a connection of its own (fetch would reuse kept-alive ones, each tied to one process). */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(`${server.url}${path}`, { agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => { body += d; }).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).on('timeout', function (this: http.ClientRequest) { this.destroy(new Error(`GET ${path} timed out`)); });
  });
}

beforeAll(async () => {
  database = await tempDatabase();
  server = await startServer({ DATABASE_URL: database.url, SERVER_PROCESSES: '2', CAIRN_NOW: '' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  database?.dispose();
});

describe('several server processes on one port', () => {
  it('shows a new incident from every process once posted, with nothing kept in one process disagreeing', async () => {
    await expect.poll(children, { timeout: 20_000 }).toHaveLength(2);
    const title = `Webmail sign-ins fail ${Date.now()}`;
    await execFileAsync(process.execPath, ['scripts/cli/status.ts', 'incident', 'new', '--title', title, '--impact', 'major', '--component', 'mailboxes=major_outage', '--message', 'Some customers cannot sign in.', '--by', 'e2e'], { env: { ...process.env, DATABASE_URL: database.url, CAIRN_NOW: '' } });
    // New connections go to the processes in turn; every one of 10 answers must show it.
    await expect.poll(async () => {
      const answers = await Promise.all(Array.from({ length: 10 }, () => get('/api/v2/incidents/unresolved.json')));
      return answers.filter((a) => a.body.includes(title)).length;
    }, { timeout: 15_000 }).toBe(10);
  });

  it('replaces a process killed with -9 while the other keeps answering', async () => {
    const [victim] = children();
    process.kill(victim, 'SIGKILL');
    // Once the supervisor has seen it die (a connection handed over at that very instant is lost
    // with it, as in any cluster), every request goes to the living process.
    await expect.poll(() => children().includes(victim), { timeout: 10_000 }).toBe(false);
    for (let i = 0; i < 10; i++) {
      expect((await get('/api/search?q=mail')).status).toBe(200);
    }
    await expect.poll(() => children().filter((pid) => pid !== victim), { timeout: 20_000 }).toHaveLength(2);
  });

  it('stops every process on SIGTERM', async () => {
    const pids = children();
    await server.stop();
    await expect.poll(() => pids.filter((pid) => { try { process.kill(pid, 0); return true; } catch { return false; } }), { timeout: 15_000 }).toEqual([]);
  });

  it('refuses a SERVER_PROCESSES it cannot use, saying why', async () => {
    await expect(startServer({ DATABASE_URL: database.url, SERVER_PROCESSES: 'many' })).rejects.toThrow(/SERVER_PROCESSES must be a whole number/);
  });
});
