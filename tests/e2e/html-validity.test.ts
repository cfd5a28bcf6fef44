// Every built page and every kind of on-demand page (search, support with and without errors, a
// ticket, status, the console signed in) passes the W3C Nu HTML checker (vnu.jar) with no error.
// One JVM run checks them all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtClientDir } from '../../src/config';
import { addStaff, startServer, tempDatabase, type RunningServer } from './server';

const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
let database: Awaited<ReturnType<typeof tempDatabase>>;
let server: RunningServer;
let saved: string;

beforeAll(async () => {
  database = await tempDatabase();
  addStaff(database.url, 'admin@alpenhost.example', 'admin', 'staple battery horse');
  addStaff(database.url, 'editor@alpenhost.example', 'editor', 'correct horse battery');
  server = await startServer({ DATABASE_URL: database.url });
  saved = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-vnu-'));
});
afterAll(async () => {
  await server?.stop();
  database?.dispose();
  if (saved) fs.rmSync(saved, { recursive: true, force: true });
});

function htmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name));
}

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
  body: new URLSearchParams(fields),
});

async function signIn(email: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/console/login/`, form({ email, password }));
  expect(response.status).toBe(303);
  return response.headers.getSetCookie()[0].split(';')[0];
}

/** Saves what the server answers for each page under `name`, as a browser would receive it. */
async function saveOnDemandPages(): Promise<Map<string, string>> {
  const ticket = await fetch(`${server.url}/api/tickets`, form({ name: 'Bo', email: 'bo@example.org', product: 'email', subject: 'Mail bounces', description: 'Every message bounces since this morning.' }));
  const ticketPage = ticket.headers.get('location')!;
  const admin = await signIn('admin@alpenhost.example', 'staple battery horse');
  const editor = await signIn('editor@alpenhost.example', 'correct horse battery');
  const reference = /T-[0-9A-Z-]+/.exec(ticketPage)![0];
  const pages: Array<[string, string, RequestInit?]> = [
    ['search', '/search/?q=domain'],
    ['search-nothing', '/search/?q=qwxzv'],
    ['support', '/support/?article=smtp-port-blocked'],
    ['support-errors', '/support/', form({ name: 'Cy', email: 'not-an-email', subject: 'Hi', description: 'short' })],
    ['feedback-errors', '/api/feedback', form({ article: 'renew-a-domain', helpful: 'maybe' })],
    ['ticket', ticketPage],
    ['status', '/status/'],
    ['status-history', '/status/history/'],
    ['status-incident', '/status/incidents/2026-10-07-dns-timeouts/'],
    ['status-maintenance', '/status/maintenance/2026-12-08-mail-storage/'],
    ['console-login', '/console/login/'],
    ['console-login-failed', '/console/login/', form({ email: 'admin@alpenhost.example', password: 'wrong' })],
    ['console-queue', '/console/', { headers: { cookie: admin } }],
    ['console-ticket', `/console/tickets/${reference}/`, { headers: { cookie: admin } }],
    ['console-helpfulness', '/console/helpfulness/', { headers: { cookie: admin } }],
    ['console-search', '/console/search/', { headers: { cookie: admin } }],
    ['console-forbidden', '/console/tickets/', { headers: { cookie: editor } }],
    ['console-status', '/console/status/', { headers: { cookie: admin } }],
    ['console-status-new', '/console/status/incidents/new/', { headers: { cookie: admin } }],
    ['console-status-new-errors', '/console/status/incidents/new/', { ...form({ title: 'x', impact: 'major', status: 'investigating', message: '', 'component:teleport': 'major_outage' }), headers: { ...form({}).headers, cookie: admin } }],
    ['console-status-update', '/console/status/incidents/2026-10-07-dns-timeouts/', { headers: { cookie: admin } }],
    ['console-status-postmortem', '/console/status/incidents/2026-10-07-dns-timeouts/postmortem/', { headers: { cookie: admin } }],
    ['console-status-maintenance-new', '/console/status/maintenance/new/', { headers: { cookie: admin } }],
    ['console-status-maintenance', '/console/status/maintenance/2026-12-08-mail-storage/', { headers: { cookie: admin } }],
    ['console-status-maintenance-edit', '/console/status/maintenance/2026-12-08-mail-storage/edit/', { headers: { cookie: admin } }],
    ['console-status-maintenance-cancel', '/console/status/maintenance/2026-12-08-mail-storage/cancel/', { headers: { cookie: admin } }],
    ['console-status-audit', '/console/status/audit/', { headers: { cookie: admin } }],
  ];
  const files = new Map<string, string>();
  for (const [name, url, init] of pages) {
    const response = await fetch(`${server.url}${url}`, init);
    expect(response.headers.get('content-type'), `${name}: ${url}`).toMatch(/^text\/html/);
    const file = path.join(saved, `${name}.html`);
    fs.writeFileSync(file, await response.text());
    files.set(file, `${url} (${name}, on demand, ${response.status})`);
  }
  return files;
}

it('every built page and every kind of on-demand page has no HTML error', async () => {
  if (spawnSync('java', ['-version']).error) {
    throw new Error('The HTML check needs a Java runtime: apt-get install default-jre-headless (CI installs it in .ci/run).');
  }
  const built = htmlFiles(builtClientDir);
  expect(built.length).toBeGreaterThan(40);
  const onDemand = await saveOnDemandPages();
  const files = [...built, ...onDemand.keys()];
  // vnu exits 1 when it finds errors; the report is JSON on stderr.
  const run = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(run.stderr) as { messages: Array<{ type: string; url?: string; lastLine?: number; message: string }> };
  const errors = report.messages.map((m) => {
    const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : '?';
    const where = onDemand.get(file) ?? path.relative(process.cwd(), file);
    return `${where}${m.lastLine ? `:${m.lastLine}` : ''}: ${m.message}`;
  });
  expect(errors).toEqual([]);
}, 120_000);
