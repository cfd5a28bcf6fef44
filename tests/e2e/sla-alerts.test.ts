// SLA alerts on a pinned clock: tickets are filed at 03:00 on a night when the desk is closed,
// then the worker makes one pass (`npm run worker -- --once`) at chosen minutes with CAIRN_NOW,
// and the real SMTP server shows what each minute sent: the re-page of an unacknowledged
// emergency at 15 minutes, warnings 30 minutes before, breaches at the deadline, a desk ticket's
// alerts within desk hours, and nothing twice.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staff, tickets } from '../../db/schema';
import { startSmtpSink, type Mail, type SmtpSink } from './sinks';
import { addStaff, startServer, tempDatabase, type RunningServer } from './server';

const enterpriseKey = 'cairn_demo_enterprise_000000000000000';
const filedAt = '2026-12-01T03:00:00+01:00';
let database: Awaited<ReturnType<typeof tempDatabase>>;
let server: RunningServer;
let sink: SmtpSink;
let cookie = '';
const refs: Record<'e1' | 'e2' | 'desk' | 'answered', string> = { e1: '', e2: '', desk: '', answered: '' };

async function file(subject: string, emergency: boolean, key?: string): Promise<string> {
  const response = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ name: 'Ana Muster', email: 'ana@example.com', product: 'vps-cloud', subject, description: 'The server does not answer at all.', emergency }),
  });
  expect(response.status).toBe(201);
  return (await response.json()).reference;
}

async function act(reference: string, action: string): Promise<void> {
  const response = await fetch(`${server.url}/console/tickets/${reference}/`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }),
  });
  expect(response.status).toBe(303);
}

let seen = 0;
/**
 * One worker pass at `at`; the mails it sent, as "recipient: subject" lines. Asynchronous: the
 * SMTP server answering the worker runs in this process.
 */
async function passAt(at: string): Promise<string[]> {
  await promisify(execFile)(process.execPath, ['scripts/server/worker.ts', '--once'], {
    env: { ...process.env, DATABASE_URL: database.url, SMTP_URL: sink.url, CAIRN_NOW: at, ONCALL_EMAIL: 'oncall@alpenhost.example', ONCALL_BACKUP_EMAIL: 'backup@alpenhost.example' },
  });
  const sent = sink.mails.slice(seen);
  seen = sink.mails.length;
  const name = (reference: string) => Object.entries(refs).find(([, r]) => r === reference)?.[0] ?? reference;
  return sent.map((m: Mail) => `${m.to.join(',')}: ${m.subject.replace(/T-[0-9A-Z-]{19}/, (r) => name(r)).replace(/: first response (was )?due .*/, '')}`).sort();
}

beforeAll(async () => {
  database = await tempDatabase();
  execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { env: { ...process.env, DATABASE_URL: database.url, CAIRN_NOW: filedAt } });
  addStaff(database.url, 'agent@alpenhost.example', 'agent', 'correct horse battery');
  sink = await startSmtpSink();
  server = await startServer({ DATABASE_URL: database.url, CAIRN_NOW: filedAt, DELIVERY_WORKER: '0', TICKET_RATE_LIMIT: '1000' });
  refs.e1 = await file('Everything is down', true, enterpriseKey);
  refs.e2 = await file('Database cluster down', true, enterpriseKey);
  refs.desk = await file('Slow backups', false, enterpriseKey);
  refs.answered = await file('Question about invoices', false, enterpriseKey);
  const signIn = await fetch(`${server.url}/console/login/`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ email: 'agent@alpenhost.example', password: 'correct horse battery' }),
  });
  cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('cairn_session='))!.split(';')[0];
  await act(refs.e2, 'acknowledge');
  await act(refs.answered, 'first-response');
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
  database?.dispose();
});

describe('SLA alerts minute by minute (emergencies due 04:00 on the 24/7 clock; the desk ticket due 07:00, an hour after opening)', () => {
  it('sends the filing mails first: confirmations and the emergency pages', async () => {
    expect(await passAt(filedAt)).toEqual([
      'ana@example.com: [answered] We received your request: Question about invoices',
      'ana@example.com: [desk] We received your request: Slow backups',
      'ana@example.com: [e1] We received your request: Everything is down',
      'ana@example.com: [e2] We received your request: Database cluster down',
      'oncall@alpenhost.example: EMERGENCY e1 (enterprise): Everything is down',
      'oncall@alpenhost.example: EMERGENCY e2 (enterprise): Database cluster down',
    ].sort());
  });

  it.each([
    ['03:14', []],
    ['03:15', ['backup@alpenhost.example: RE-PAGE: emergency e1 not acknowledged', 'oncall@alpenhost.example: RE-PAGE: emergency e1 not acknowledged']],
    ['03:16', []],
    ['03:29', []],
    ['03:30', ['oncall@alpenhost.example: SLA warning e1', 'oncall@alpenhost.example: SLA warning e2']],
    ['03:44', []],
    ['03:45', ['backup@alpenhost.example: RE-PAGE: emergency e2 not acknowledged', 'oncall@alpenhost.example: RE-PAGE: emergency e2 not acknowledged']],
    ['03:59', []],
    ['04:00', ['oncall@alpenhost.example: SLA BREACHED e1', 'oncall@alpenhost.example: SLA BREACHED e2']],
    ['06:29', []],
    ['06:30', ['enterprise-desk@alpenhost.example: SLA warning desk']],
    ['06:59', []],
    ['07:00', ['enterprise-desk@alpenhost.example: SLA BREACHED desk']],
    ['07:30', []],
  ])('at %s', async (minute, expected) => {
    expect(await passAt(`2026-12-01T${minute}:00+01:00`)).toEqual(expected);
  });

  it('records which agent sent the first response, and shows it on the ticket', async () => {
    const [ticket] = await database.db.select().from(tickets).where(eq(tickets.reference, refs.answered));
    const [agent] = await database.db.select().from(staff).where(eq(staff.email, 'agent@alpenhost.example'));
    expect(ticket.firstResponseBy).toBe(agent.id);
    const page = await (await fetch(`${server.url}/console/tickets/${refs.answered}/`, { headers: { cookie } })).text();
    expect(page).toContain('by agent@alpenhost.example');
  });
});
