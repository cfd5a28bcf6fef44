// The status management API's handler (src/server/status-api.ts) in-process against a real
// throwaway database seeded with the sample components: tokens, the errors a monitoring tool
// gets, and what each post does to the store and its audit trail. No build, no server.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApiToken, revokeApiToken } from '../../db/queries/api-tokens';
import { apiTokens } from '../../db/schema';
import { generateApiToken } from '../../src/lib/api-tokens';
import { tempDatabase } from '../e2e/server';
import type { StatusApiAction } from '../../src/server/status-api';
import { deskZone } from '../lib/status-fixtures';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let api: typeof import('../../src/server/status-api');
let store: typeof import('../../src/server/status-store');
let createLimiter: typeof import('../../src/server/rate-limit').createLimiter;

const origin = 'http://help.example';
const at = new Date('2026-12-03T03:00:00+01:00');
let token: string;
let tokenId: number;
let counter = 0;
const bytes = () => new Uint8Array(32).fill(++counter);

beforeAll(async () => {
  database = await tempDatabase(); // migrated and seeded with content/status, as db:migrate does
  process.env.DATABASE_URL = database.url; // read by getDb() and the rate limiter on first use
  api = await import('../../src/server/status-api');
  store = await import('../../src/server/status-store');
  expect((await store.loadStatusContent(database.db)).components.map((c) => c.id)).toContain('mail-delivery');
  ({ createLimiter } = await import('../../src/server/rate-limit'));
  token = generateApiToken(bytes);
  tokenId = (await insertApiToken(database.db, { token, name: 'Monitoring', createdBy: 'test', createdAt: at })).id;
});
afterAll(() => database?.dispose());

let address = 0;
const unlimited = async () => null;

function call(action: StatusApiAction, body: unknown, init: { token?: string | null; headers?: Record<string, string>; method?: string; raw?: string; timeZone?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  const bearer = init.token === undefined ? token : init.token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const request = new Request(`${origin}/api/status/x`, { method: init.method ?? 'POST', headers, body: init.raw ?? JSON.stringify(body) });
  return api.handleStatusApi(request, action, { db: database.db, now: at, address: `192.0.2.${++address}`, limit: unlimited, timeZone: init.timeZone ?? deskZone });
}

const newIncident = {
  title: 'Mail delays', impact: 'major', status: 'investigating', message: 'We are **looking into** delays.',
  components: [{ id: 'mail-delivery', status: 'partial_outage' }],
};

describe('tokens', () => {
  it('refuses a request without a token with 401 and says how to get one', async () => {
    const response = await call({ kind: 'incident.create' }, newIncident, { token: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await response.json()).fields.authorization[0]).toContain('npm run staff -- token add');
  });

  it('refuses an unknown token with 401', async () => {
    const response = await call({ kind: 'incident.create' }, newIncident, { token: generateApiToken(bytes) });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('refuses a revoked token at once, on its next request', async () => {
    const other = generateApiToken(bytes);
    const { id } = await insertApiToken(database.db, { token: other, name: 'Old monitor', createdBy: 'test', createdAt: at });
    expect((await call({ kind: 'maintenance.cancel', id: 'nope' }, {}, { token: other })).status).toBe(404);
    expect(await revokeApiToken(database.db, id, at)).toBe(true);
    expect((await call({ kind: 'maintenance.cancel', id: 'nope' }, {}, { token: other })).status).toBe(401);
  });

  it('refuses a cross-site browser request with 403', async () => {
    expect((await call({ kind: 'incident.create' }, newIncident, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });
});

describe('an incident from open to postmortem', () => {
  let id: string;

  it('opens it (201, Location of its page), posted as the token\'s name via the API, and marks the token used', async () => {
    const response = await call({ kind: 'incident.create' }, newIncident);
    expect(response.status).toBe(201);
    const body = await response.json();
    id = body.id;
    expect(id).toBe('2026-12-03-mail-delays');
    expect(body.url).toBe(`/status/incidents/${id}/`);
    expect(response.headers.get('location')).toBe(body.url);
    const content = await store.loadStatusContent(database.db);
    expect(content.incidents.find((i) => i.id === id)?.data.title).toBe('Mail delays');
    const audit = (await store.statusAudit(database.db)).filter((row) => row.target === id);
    expect(audit).toMatchObject([{ actor: 'Monitoring', via: 'api', action: expect.stringContaining('incident') }]);
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row.lastUsedAt?.getTime()).toBe(at.getTime());
  });

  it('takes updates with new component statuses, then resolves', async () => {
    expect((await call({ kind: 'incident.update', id }, { status: 'identified', message: 'Found it.', components: [{ id: 'mail-delivery', status: 'major_outage' }] }, { method: 'PATCH' })).status).toBe(200);
    expect((await call({ kind: 'incident.update', id }, { status: 'resolved', message: 'Fixed.' }, { method: 'PATCH' })).status).toBe(200);
    const entry = (await store.loadStatusContent(database.db)).incidents.find((i) => i.id === id)!;
    expect(entry.data.updates.map((u) => u.status)).toEqual(['investigating', 'identified', 'resolved']);
  });

  it('refuses an update on the resolved incident without reopen, naming the field', async () => {
    const response = await call({ kind: 'incident.update', id }, { status: 'investigating', message: 'Again?' }, { method: 'PATCH' });
    expect(response.status).toBe(409);
    expect((await response.json()).fields.status[0]).toContain('reopen');
  });

  it('reopens it when asked, then takes a postmortem once resolved again', async () => {
    expect((await call({ kind: 'incident.update', id }, { status: 'investigating', message: 'Back again.', reopen: true }, { method: 'PATCH' })).status).toBe(200);
    expect((await call({ kind: 'incident.postmortem', id }, { body: 'Too early.' })).status).toBe(409);
    expect((await call({ kind: 'incident.update', id }, { status: 'resolved', message: 'Fixed for good.' }, { method: 'PATCH' })).status).toBe(200);
    expect((await call({ kind: 'incident.postmortem', id }, { body: '## Cause\nA full queue.' })).status).toBe(200);
    expect((await store.loadStatusContent(database.db)).incidents.find((i) => i.id === id)?.data.postmortem).toContain('A full queue');
  });

  it('answers 404 for an incident that does not exist', async () => {
    expect((await call({ kind: 'incident.update', id: '2026-01-01-nothing' }, { status: 'identified', message: 'x' }, { method: 'PATCH' })).status).toBe(404);
  });
});

describe('the desk\'s time zone', () => {
  it('dates a new entry\'s id by the desk\'s calendar, not by a zone built into the code', async () => {
    // 03:00 in Zurich on 3 December is still 21:00 on 2 December in New York.
    const response = await call({ kind: 'incident.create' }, { ...newIncident, title: 'Evening delays' }, { timeZone: 'America/New_York' });
    expect(response.status).toBe(201);
    expect((await response.json()).id).toBe('2026-12-02-evening-delays');
  });
});

describe('bad input', () => {
  it('answers 400 with every field at fault', async () => {
    const response = await call({ kind: 'incident.create' }, { title: 'x', impact: 'huge', components: [] });
    expect(response.status).toBe(400);
    const { error, fields } = await response.json();
    expect(error).toBe('invalid_input');
    expect(Object.keys(fields).sort()).toEqual(['components', 'impact', 'message', 'status', 'title']);
  });

  it('names an unknown component', async () => {
    const response = await call({ kind: 'incident.create' }, { ...newIncident, components: [{ id: 'mail-delivery', status: 'partial_outage' }, { id: 'teleport', status: 'major_outage' }] });
    expect(response.status).toBe(400);
    expect((await response.json()).fields['components.1.id'][0]).toContain('"teleport" is not a component');
  });

  it('answers 415 for a form or text, 400 for broken JSON and 413 past the limit', async () => {
    expect((await call({ kind: 'incident.create' }, null, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, raw: 'title=x' })).status).toBe(415);
    expect((await call({ kind: 'incident.create' }, null, { raw: '{"title":' })).status).toBe(400);
    const huge = await call({ kind: 'incident.create' }, { ...newIncident, message: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
  });
});

describe('maintenance', () => {
  let id: string;
  const window = { scheduledFor: '2026-12-15T02:00:00+01:00', scheduledUntil: '2026-12-15T03:00:00+01:00' };

  it('refuses a window that ends before it starts', async () => {
    const response = await call({ kind: 'maintenance.schedule' }, { title: 'DB upgrade', components: ['hosting-databases'], scheduledFor: window.scheduledUntil, scheduledUntil: window.scheduledFor, message: 'Short breaks.' });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).fields)).toEqual(['scheduledUntil']);
  });

  it('schedules, edits, updates and cancels one; a second cancel is refused', async () => {
    const scheduled = await call({ kind: 'maintenance.schedule' }, { title: 'DB upgrade', components: ['hosting-databases'], ...window, message: 'Short breaks.' });
    expect(scheduled.status).toBe(201);
    id = (await scheduled.json()).id;
    expect((await call({ kind: 'maintenance.edit', id }, { scheduledUntil: '2026-12-15T04:00:00+01:00', message: 'One more hour.' }, { method: 'PATCH' })).status).toBe(200);
    expect((await call({ kind: 'maintenance.update', id }, { status: 'scheduled', message: 'Still on.' })).status).toBe(200);
    // No body at all, as `curl -X POST` sends it.
    expect((await call({ kind: 'maintenance.cancel', id }, null, { raw: '', headers: { 'content-type': '' } })).status).toBe(415);
    const bare = new Request(`${origin}/api/status/maintenance/${id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await api.handleStatusApi(bare, { kind: 'maintenance.cancel', id }, { db: database.db, now: at, address: '192.0.2.250', limit: unlimited, timeZone: deskZone })).status).toBe(200);
    const entry = (await store.loadStatusContent(database.db)).maintenances.find((m) => m.id === id)!;
    expect(entry.data.scheduledUntil).toBe('2026-12-15T04:00:00+01:00');
    expect(entry.data.cancelledAt).toBeDefined();
    expect((await call({ kind: 'maintenance.cancel', id }, {})).status).toBe(409);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the limit for an address, token or not', async () => {
    const limiter = createLimiter({ points: 2, durationSeconds: 60 });
    const world = { db: database.db, now: at, address: '198.51.100.7', limit: (a: string) => limiter('status-api-test', a), timeZone: deskZone };
    const request = () => new Request(`${origin}/api/status/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.handleStatusApi(request(), { kind: 'incident.create' }, world)).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});
