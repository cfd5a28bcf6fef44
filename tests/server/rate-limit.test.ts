// Rate limits and lockouts in the shared database (src/server/rate-limit.ts), against a throwaway
// database migrated from db/migrations: limits hold under parallel requests, attempts count
// before their outcome, rows hold no address in clear, and expired windows are purged.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rateLimits, serverSecrets } from '../../db/schema';
import { tempDatabase } from '../e2e/server';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let limits: typeof import('../../src/server/rate-limit');
beforeAll(async () => {
  database = await tempDatabase();
  process.env.DATABASE_URL = database.url; // read by getDb() on the module's first use
  limits = await import('../../src/server/rate-limit');
});
afterAll(() => database.dispose());

const retryAfter = (response: Response | null) => Number(response?.headers.get('retry-after'));

describe('createLimiter', () => {
  it('lets `points` requests through in the window, then answers 429 with Retry-After', async () => {
    const limit = limits.createLimiter({ points: 3, durationSeconds: 60 });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await limit('unit-limiter', '198.51.100.1'));
    expect(answers.map((a) => a?.status ?? 'ok')).toEqual(['ok', 'ok', 'ok', 429, 429]);
    expect(retryAfter(answers[3])).toBeGreaterThan(55);
    expect(retryAfter(answers[3])).toBeLessThanOrEqual(60);
    expect(await limit('unit-limiter', '198.51.100.2')).toBeNull(); // another client has its own budget
  });

  it('holds the limit when 40 requests arrive at once', async () => {
    const limit = limits.createLimiter({ points: 10, durationSeconds: 60 });
    const answers = await Promise.all(Array.from({ length: 40 }, () => limit('unit-parallel', '198.51.100.3')));
    expect(answers.filter((a) => a === null)).toHaveLength(10);
  });

  it('counts a busy client by leases: a database count for several requests, never more through than the limit', async () => {
    const limit = limits.createLimiter({ points: 1000, durationSeconds: 60 });
    for (let i = 0; i < 100; i++) expect(await limit('unit-lease', '198.51.100.4')).toBeNull();
    const key = await limits.limiterKey('unit-lease', '198.51.100.4');
    const rows = (await database.db.select().from(rateLimits)).filter((r) => r.key.endsWith(key));
    // 100 requests counted in leases of 16: 112 points taken, in 7 round-trips instead of 100.
    expect(rows.map((r) => r.points)).toEqual([112]);
  });

  it('holds the limit across two servers taking leases of one client at once, and lets nearly all of it through', async () => {
    // Two limiters with their own memory over one database: two app servers.
    const [one, two] = [limits.createLimiter({ points: 120, durationSeconds: 60 }), limits.createLimiter({ points: 120, durationSeconds: 60 })];
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 ? one : two)('unit-two-servers', '198.51.100.5')));
    const through = answers.filter((a) => a === null).length;
    expect(through).toBeLessThanOrEqual(120);
    expect(through).toBeGreaterThanOrEqual(120 - 16); // at most one lease held unused by the other server
    const refused = answers.find((a) => a !== null);
    expect(refused?.status).toBe(429);
    expect(retryAfter(refused!)).toBeGreaterThan(55);
  });

  it('stores keyed hashes only, under a secret kept in the database for every server', async () => {
    const limit = limits.createLimiter({ points: 3, durationSeconds: 60 });
    await limit('unit-private', '198.51.100.77');
    const rows = await database.db.select().from(rateLimits);
    expect(JSON.stringify(rows)).not.toContain('198.51.100.77');
    const key = await limits.limiterKey('unit-private', '198.51.100.77');
    expect(rows.some((r) => r.key.endsWith(key))).toBe(true);
    expect((await database.db.select().from(serverSecrets)).map((s) => s.name)).toContain('rate-limits');
  });
});

describe('createLockout', () => {
  it('counts attempts before their outcome, so parallel attempts stop at the limit; a success takes its count back', async () => {
    const lockout = limits.createLockout({ failures: 5, durationSeconds: 900 });
    const attempts = await Promise.all(Array.from({ length: 12 }, () => lockout.attempt('unit-lockout', 'x')));
    expect(attempts.filter((a) => a.limited === null)).toHaveLength(5);
    expect(attempts.filter((a) => a.firstInWindow)).toHaveLength(1);
    expect(retryAfter(await lockout.check('unit-lockout', 'x'))).toBeGreaterThan(14 * 60);

    const other = limits.createLockout({ failures: 2, durationSeconds: 900 });
    await other.attempt('unit-refund', 'y');
    await other.succeeded('unit-refund', 'y');
    await other.attempt('unit-refund', 'y');
    expect(await other.check('unit-refund', 'y')).toBeNull();
    await other.fail('unit-refund', 'y');
    expect(await other.exceeded('unit-refund', 'y')).toBe(false); // at the limit, not over it
    expect((await other.check('unit-refund', 'y'))?.status).toBe(429);
    await other.fail('unit-refund', 'y');
    expect(await other.exceeded('unit-refund', 'y')).toBe(true);
    await other.clear('unit-refund', 'y');
    expect(await other.check('unit-refund', 'y')).toBeNull();
  });
});

describe('purging', () => {
  it('deletes windows that ended over an hour ago, so the table does not grow forever', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const limit = limits.createLimiter({ points: 1, durationSeconds: 60 });
      await limit('unit-purge', 'fresh'); // creates the limiter, and with it its purge timer
      const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
      await database.db.insert(rateLimits).values([{ key: 'ended-long-ago', points: 3, expire: hoursAgo(2) }, { key: 'ended-recently', points: 3, expire: hoursAgo(0.5) }]);
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      await vi.waitFor(async () => {
        const keys = (await database.db.select().from(rateLimits)).map((r) => r.key);
        expect(keys).not.toContain('ended-long-ago');
        expect(keys).toContain('ended-recently');
      });
    } finally {
      vi.useRealTimers();
    }
  });
});
