// submitTicket, the whole ticket request for the API and the form page, in-process against a
// real throwaway database: no build, no server.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContractIfAbsent } from '../../db/queries/contracts';
import { outbox, tickets } from '../../db/schema';
import { demoKeys } from '../../src/lib/contracts';
import { tempDatabase } from '../e2e/server';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let submitTicket: typeof import('../../src/server/tickets').submitTicket;

const origin = 'http://help.example';
const at = new Date('2027-03-01T10:00:00+01:00'); // a Monday, desk open
const valid = { name: 'Ana Client', email: 'ana@example.com', product: 'email', subject: 'Mail bounces', description: 'Every message to our domain bounces since 08:00.' };

function request(body: unknown, init: { kind?: 'json' | 'form'; headers?: Record<string, string> } = {}): Request {
  const kind = init.kind ?? 'json';
  return new Request(`${origin}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', origin, ...init.headers },
    body: kind === 'json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString(),
  });
}

let address = 0;
/** A new client address per test, so the per-address limits of one test never touch another's. */
const submit = (req: Request) => submitTicket(req, `192.0.2.${++address}`, at);

beforeAll(async () => {
  database = await tempDatabase();
  process.env.DATABASE_URL = database.url; // read by getDb() on first use
  await insertContractIfAbsent(database.db, { organisation: 'Demo pro', plan: 'pro', startsOn: '2027-01-01', endsOn: '2027-12-31', key: demoKeys.pro, demo: true });
  ({ submitTicket } = await import('../../src/server/tickets'));
});
afterAll(() => database?.dispose());

describe('submitTicket', () => {
  it('files a Standard ticket with its confirmation mail in the outbox', async () => {
    const result = await submit(request(valid));
    expect(result).toMatchObject({ ok: true, kind: 'json', ticket: { plan: 'standard', queue: 'standard', firstResponseDueAt: null } });
    if (!result.ok) return;
    const [stored] = await database.db.select().from(tickets).where(eq(tickets.reference, result.ticket.reference));
    expect(stored.subject).toBe('Mail bounces');
    const mails = await database.db.select().from(outbox).where(eq(outbox.ticketId, stored.id));
    expect(mails.map((m) => m.kind)).toEqual(['confirmation']);
  });

  it('gives a Pro key over Bearer the Pro plan, deadline and, for an emergency, the emergency queue', async () => {
    const result = await submit(request({ ...valid, emergency: true }, { headers: { authorization: `Bearer ${demoKeys.pro}` } }));
    expect(result).toMatchObject({ ok: true, ticket: { plan: 'pro', queue: 'emergency', emergency: true, firstResponseDueAt: '2027-03-01T12:00:00+01:00' } });
  });

  it.each([
    ['an unknown key over Bearer', request(valid, { headers: { authorization: 'Bearer cairn_0123456789abcdef0123456789abcdef' } }), 403, 'contract_key_refused', 'contractKey'],
    ['a key in the body that differs from the Bearer key', request({ ...valid, contractKey: demoKeys.plus }, { headers: { authorization: `Bearer ${demoKeys.pro}` } }), 400, 'invalid_input', 'contractKey'],
    ['a form from another site', request(valid, { kind: 'form', headers: { origin: 'https://evil.example' } }), 403, 'cross_site_request', '_'],
    ['a missing subject', request({ ...valid, subject: undefined }), 400, 'invalid_input', 'subject'],
    ['an emergency without a plan that has one', request({ ...valid, emergency: true }), 422, 'emergency_not_in_plan', 'emergency'],
    ['plain text', new Request(`${origin}/api/tickets`, { method: 'POST', headers: { 'content-type': 'text/plain', origin }, body: 'help' }), 415, 'unsupported_media_type', null],
  ])('refuses %s (%s)', async (_case, req, status, error, field) => {
    const before = await database.db.$count(tickets);
    const result = await submit(req);
    expect(result).toMatchObject({ ok: false, status, error });
    if (!result.ok && field) expect(Object.keys(result.fields)).toContain(field);
    expect(await database.db.$count(tickets)).toBe(before);
  });

  it('refuses a form over 256 KB with 413 and hands back the fields that arrived', async () => {
    const result = await submit(request({ ...valid, description: 'x'.repeat(300_000) }, { kind: 'form' }));
    expect(result).toMatchObject({ ok: false, status: 413, error: 'body_too_large' });
    if (result.ok) return;
    expect(result.values).toMatchObject({ name: 'Ana Client', email: 'ana@example.com', subject: 'Mail bounces' });
    expect(result.fields._[0]).toMatch(/larger than 256 KB/);
  });

  it('keeps a form’s values with its field errors, so the page can show them again', async () => {
    const result = await submit(request({ ...valid, email: 'not an address' }, { kind: 'form' }));
    expect(result).toMatchObject({ ok: false, status: 400, values: { name: 'Ana Client', email: 'not an address' } });
  });
});
