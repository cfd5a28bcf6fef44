// One fact, one home: the site built from a copy of content/ whose support/sla.yaml states other
// desk hours, zone, holidays, targets and phone hours (tests/fixtures/support-changed/) says the
// new facts on every page and in the confirmation mail, and none of the sample's.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContract } from '../../db/queries/contracts.ts';
import { outbox } from '../../db/schema.ts';
import { startServer, tempDatabase, type RunningServer } from './server';

const run = promisify(execFile);

/** Tuesday 5 January 2027, 06:30 in Vienna: before the fixture desk opens at 07:00 (the sample's opened at 06:00). */
const NOW = '2027-01-05T06:30:00+01:00';
const plusKey = 'cairn_0123456789abcdef0123456789abcdef';

/** What the sample policy (content/support/sla.yaml) says, none of which the fixture does. */
const sampleFacts = ['06:00', '23:00', 'Zurich', '1 August', '25 December', '09:00–18:00', 'Mon–Fri', 'Monday to Friday', 'Within 4 h', 'Within 2 h', '4 desk hours', '+41 21'];

let work: string;
let root: string;
let server: RunningServer;
let database: Awaited<ReturnType<typeof tempDatabase>>;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-policy-'));
  fs.cpSync('content', path.join(work, 'content'), { recursive: true });
  fs.cpSync('tests/fixtures/support-changed', path.join(work, 'content/support'), { recursive: true });
  // A builds tree of this test's own, inside the project so the server bundle finds node_modules.
  root = fs.mkdtempSync(path.resolve('dist/.e2e-policy-'));
  await run('npm', ['run', 'build'], { env: { ...process.env, CONTENT_DIR: path.join(work, 'content'), DIST_DIR: root } });
  database = await tempDatabase();
  await insertContract(database.db, { organisation: 'Policy AG', plan: 'plus', startsOn: '2026-12-01', endsOn: '2027-11-30', key: plusKey, demo: false });
  server = await startServer({ DATABASE_URL: database.url, DIST_DIR: root, CAIRN_NOW: NOW, TICKET_RATE_LIMIT: '1000' });
}, 300_000); // a full build of the sample site

afterAll(async () => {
  await server?.stop();
  database?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const page = async (url: string) => {
  const res = await fetch(`${server.url}${url}`);
  expect(res.status).toBe(200);
  return res.text();
};
const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const fileTicket = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: 'Vera', email: 'vera@example.com', product: 'email', subject: 'Mail bounces', description: 'Every message bounces.', ...body }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { reference: string; firstResponseDueAt: string | null };
};

describe('a changed support policy', () => {
  it('changes the home page', async () => {
    const home = await page('/');
    expect(text(home)).toContain('Our team answers written requests every day from 07:00 to 22:00 (Vienna time).');
    for (const fact of sampleFacts) expect(home, fact).not.toContain(fact);
  });

  it('changes /support/: hours, phone, holidays, targets and emergency plans', async () => {
    const support = await page('/support/');
    const words = text(support);
    expect(words).toContain('Written requests are answered every day from 07:00 to 22:00 (Vienna time). Phone support is open Monday to Thursday, 08:00–12:00.');
    expect(words).toContain('Plus : first response within 3 desk hours.');
    expect(words).toContain('Pro : first response within 1 hour 30 minutes of desk time.');
    expect(words).toContain('Enterprise : first response within 30 minutes of desk time; emergency line day and night.');
    expect(words).toContain('The desk is closed on 1 May and 27 December 2027.');
    expect(words).toContain('First response Best effort Within 3 h Within 1 h 30 min Within 30 min');
    expect(words).toContain('Phone Mon–Thu 08:00–12:00 Mon–Thu 08:00–12:00');
    expect(words).toContain('Emergency line 24/7 — — — Yes');
    // The form's script takes its words and zone from the page.
    expect(support).toContain('data-time-zone="Europe/Vienna"');
    expect(support).toContain('data-best-effort="Standard plan: we answer every day 07:00–22:00 (Vienna time), after premium requests."');
    for (const fact of sampleFacts) expect(support, fact).not.toContain(fact);
  });

  it('changes the articles that state the desk\'s facts', async () => {
    const hours = text(await page('/articles/support-plans/standard-support-hours/'));
    expect(hours).toContain('Free Standard support answers written requests every day from 07:00 to 22:00 and takes phone calls Monday to Thursday from 08:00 to 12:00, Vienna time. The desk is closed on 1 May and 27 December 2027.');
    expect(hours).toContain('Customers on the Enterprise plans can call the 24/7 emergency line');
    const targets = text(await page('/articles/support-plans/premium-response-times/'));
    expect(targets).toContain('within 3 hours on Plus, 1 hour 30 minutes on Pro and 30 minutes on Enterprise');
    expect(targets).toContain('Pro, Tuesday 1 December 22:30. Sent then, the clock starts at Wednesday 2 December 07:00; the answer is due by Wednesday 2 December 08:30');
    for (const url of ['standard-support-hours', 'premium-response-times', 'support-plans-compared', 'contact-support', 'account-manager', 'emergency-line']) {
      const html = await page(`/articles/support-plans/${url}/`);
      for (const fact of sampleFacts) expect(html, `${url}: ${fact}`).not.toContain(fact);
    }
  });

  it('changes the deadline, the ticket page and the confirmation mail', async () => {
    const plus = await fileTicket({}, { authorization: `Bearer ${plusKey}` });
    // 3 desk hours from the 07:00 opening, in Vienna.
    expect(plus.firstResponseDueAt).toBe('2027-01-05T10:00:00+01:00');
    const standard = await fileTicket({ subject: 'Invoice question' });
    expect(standard.firstResponseDueAt).toBeNull();

    const standardPage = text(await page(`/support/tickets/${standard.reference}/`));
    expect(standardPage).toContain('Best effort: every day 07:00–22:00 (Vienna time), after premium requests');
    expect(standardPage).toContain('Times are in Vienna time.');
    const plusPage = await page(`/support/tickets/${plus.reference}/`);
    expect(text(plusPage)).toContain('by 5 Jan 2027, 10:00');
    for (const html of [standardPage, plusPage]) for (const fact of sampleFacts) expect(html, fact).not.toContain(fact);

    const mails = await database.db.select().from(outbox);
    const bodyFor = (reference: string) => mails.find((m) => m.subject.includes(reference))!.body;
    expect(bodyFor(standard.reference)).toContain('We answer written requests every day from 07:00 to 22:00 (Vienna time), premium plans first.');
    expect(bodyFor(plus.reference)).toContain('Your plus plan guarantees a first response by 2027-01-05T10:00:00+01:00 (Europe/Vienna).');
    for (const mail of mails) for (const fact of sampleFacts) expect(mail.body, fact).not.toContain(fact);
  });
});
