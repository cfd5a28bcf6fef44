// Rate limits kept in the shared database, end to end against two built servers on one database:
// a limit holds across servers, and a valid contract key is limited per key, never by the budget
// of an address it shares with others (an office NAT) or by their wrong keys; without the
// database, limits fall back to each server's memory instead of failing.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits } from '../../db/schema';
import { startServer, tempDatabase, type RunningServer } from './server';

const proKey = 'cairn_demo_pro_00000000000000000000000';
let database: Awaited<ReturnType<typeof tempDatabase>>;
let first: RunningServer;
let second: RunningServer;

beforeAll(async () => {
  database = await tempDatabase();
  const { NODE_ENV: _ignored, ...env } = process.env;
  execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { env: { ...env, DATABASE_URL: database.url } });
  const limits = { DATABASE_URL: database.url, TRUST_PROXY: '1', TICKET_RATE_LIMIT: '4', TICKET_KEY_RATE_LIMIT: '5', KEY_FAILURE_LIMIT: '2' };
  [first, second] = await Promise.all([startServer(limits), startServer(limits)]);
});
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  database?.dispose();
});

// Each test sends from its own address (X-Forwarded-For behind TRUST_PROXY=1).
let nextAddress = 1;
const newAddress = () => `198.51.100.${nextAddress++}`;

const ticket = { name: 'Fay', email: 'fay@example.com', product: 'vps-cloud', subject: 'VPS unreachable', description: 'SSH times out since noon.' };
function fileTicket(server: RunningServer, address: string, options: { bearer?: string; contractKey?: string } = {}): Promise<Response> {
  return fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}) },
    body: JSON.stringify({ ...ticket, ...(options.contractKey ? { contractKey: options.contractKey } : {}) }),
  });
}
const checkKey = (server: RunningServer, address: string, contractKey: string) =>
  fetch(`${server.url}/api/support-key`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ contractKey }) });

describe('two servers on one database', () => {
  it('share one ticket budget per address: 4 in all, not 4 each', async () => {
    const address = newAddress();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await fileTicket(i % 2 ? second : first, address)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });

  it('share one search budget per address, counted in leases: never more than 120 a minute in all, and not many fewer', async () => {
    const address = newAddress();
    const statuses: number[] = [];
    // Ten at a time, alternating servers, as a load balancer would spread one busy reader.
    for (let round = 0; round < 20; round++) {
      statuses.push(...await Promise.all(Array.from({ length: 10 }, async (_, i) => {
        const response = await fetch(`${(i % 2 ? first : second).url}/api/search?q=dns&limit=1`, { headers: { 'x-forwarded-for': address } });
        await response.arrayBuffer();
        return response.status;
      })));
    }
    const answered = statuses.filter((s) => s === 200).length;
    expect(answered).toBeLessThanOrEqual(120);
    expect(answered).toBeGreaterThanOrEqual(120 - 16); // at most one lease left unused on the other server
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
  });

  it('share one lockout for wrong contract keys', async () => {
    const address = newAddress();
    expect((await checkKey(first, address, 'cairn_guess_1')).status).toBe(403);
    expect((await checkKey(second, address, 'cairn_guess_2')).status).toBe(403);
    const locked = await checkKey(first, address, 'cairn_guess_3');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect((await fileTicket(second, address, { bearer: 'cairn_guess_4' })).status).toBe(429);
    expect((await fileTicket(second, address)).status).toBe(429); // nor a ticket without a key
  });

  it('keep no address or key in clear in the shared table', async () => {
    const rows = JSON.stringify(await database.db.select().from(rateLimits));
    expect(rows).not.toContain('198.51.100.');
    expect(rows).not.toContain('cairn_');
  });
});

describe('a valid contract key behind a shared address (office NAT)', () => {
  it('still files tickets after others used up the address budget', async () => {
    const office = newAddress();
    for (let i = 0; i < 4; i++) expect((await fileTicket(first, office)).status).toBe(201);
    expect((await fileTicket(second, office)).status).toBe(429);
    const premium = await fileTicket(second, office, { bearer: proKey });
    expect(premium.status).toBe(201);
    expect((await premium.json()).plan).toBe('pro');
    expect((await fileTicket(first, office, { contractKey: proKey })).status).toBe(201);
  });

  it('still files tickets and checks its key after others at the address were locked out for wrong keys', async () => {
    const office = newAddress();
    expect((await fileTicket(first, office, { bearer: 'cairn_0000000000000000000000000000dead' })).status).toBe(403);
    expect((await fileTicket(second, office, { bearer: 'cairn_0000000000000000000000000000beef' })).status).toBe(403);
    expect((await fileTicket(first, office, { bearer: 'cairn_0000000000000000000000000000cafe' })).status).toBe(429);
    expect((await checkKey(second, office, proKey)).status).toBe(200);
    const premium = await fileTicket(first, office, { bearer: proKey });
    expect(premium.status).toBe(201);
    expect((await premium.json()).plan).toBe('pro');
  });

  it('is limited per key instead, across both servers and addresses', async () => {
    const key = 'cairn_demo_enterprise_000000000000000';
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await fileTicket(i % 2 ? second : first, newAddress(), { bearer: key })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });
});

describe('without the database', () => {
  it('search still answers, limited by each server on its own meanwhile', async () => {
    const offline = await startServer({ DATABASE_URL: 'http://127.0.0.1:9/', SEARCH_RATE_LIMIT: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${offline.url}/api/search?q=dns`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await offline.stop();
    }
  });
});
