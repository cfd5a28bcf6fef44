// Per-client rate limits and lockouts, kept in the database every app server shares
// (rate-limiter-flexible's Drizzle store over the rate_limits table), so two servers allow a
// limit once, not twice. Each count is one atomic INSERT … ON CONFLICT DO UPDATE … RETURNING,
// which SQLite serialises across processes on a file and sqld does on a remote database; a limit
// counts a lease of several requests at once (createLimiter), a lockout every attempt.
import { createHmac, randomBytes } from 'node:crypto';
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { getCountersDb, getDb } from '../../db/client.ts';
import { sharedSecret } from '../../db/queries/server-secrets.ts';
import { rateLimits } from '../../db/schema.ts';
import { leaseGranted, leaseSize } from '../lib/rate-lease';
import { tooManyRequests } from './http';

let secret: Promise<Buffer> | undefined;
// Used only while the database cannot be reached, with the in-memory fallback limiters below.
const processSecret = randomBytes(32);
/**
 * A limiter key: an HMAC of the identity parts under a secret the servers share (so they count
 * the same client under the same key), so the table holds no address or contract key in clear.
 */
export async function limiterKey(...parts: string[]): Promise<string> {
  secret ??= sharedSecret(getDb(), 'rate-limits').catch((e: unknown) => {
    secret = undefined; // ask the database again on the next request
    console.error('Rate limits: the shared secret could not be read; limiting per process meanwhile.', e);
    return processSecret;
  });
  return createHmac('sha256', await secret).update(parts.join('\u0000')).digest('base64url');
}

// Expired windows are deleted by each limiter every 5 minutes once they are an hour old, so the
// table holds at most the last two hours' clients. When the database fails, limits fall back to
// this process's memory (the insurance limiter) rather than failing requests that need no
// database, such as search. Created on first use: importing a route (as the build does) must not
// open the database.
function store(points: number, durationSeconds: number): () => RateLimiterDrizzle {
  let limiter: RateLimiterDrizzle | undefined;
  return () => (limiter ??= new RateLimiterDrizzle({
    storeClient: getCountersDb(),
    schema: rateLimits,
    points,
    duration: durationSeconds,
    insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
  }));
}

const refusal = (e: unknown): Response => {
  if (e instanceof RateLimiterRes) return tooManyRequests(e.msBeforeNext);
  throw e;
};

interface Lease {
  /** Points of the lease not used yet. */
  left: number;
  /** The window's end (ms since the epoch); the lease is void after it. */
  until: number;
  /** The window's count reached the limit: refuse until `until` without asking the database. */
  full: boolean;
  /** Points left in the window when the lease was taken, to size the next one. */
  remaining: number;
}

/** Keys past which expired leases are swept out of memory. */
const leasesKept = 10_000;

/**
 * A limit per client shared by every server. Requests are counted in the database by leases
 * (src/lib/rate-lease.ts): one atomic add for several requests, which this server then lets
 * through from memory, so a busy client costs a database round-trip per lease, not per request,
 * and the servers together still let through no more than `points` per window. A window found
 * full is remembered until it ends, so refusals cost no round-trip either.
 */
export function createLimiter(options: { points: number; durationSeconds: number }) {
  const limiter = store(options.points, options.durationSeconds);
  const leases = new Map<string, Lease>();
  const taking = new Map<string, Promise<Lease>>();

  async function takeLease(key: string, knownRemaining: number | undefined): Promise<Lease> {
    const size = leaseSize(options.points, knownRemaining);
    let counted: RateLimiterRes;
    try {
      counted = await limiter().consume(key, size);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      counted = e;
    }
    const left = leaseGranted(size, options.points, counted.consumedPoints);
    const lease = { left, until: Date.now() + counted.msBeforeNext, full: left < size, remaining: Math.max(0, options.points - counted.consumedPoints) };
    if (leases.size >= leasesKept) for (const [k, l] of leases) if (l.until <= Date.now()) leases.delete(k);
    leases.set(key, lease);
    return lease;
  }

  const use = (lease: Lease): Response | null => {
    if (lease.left > 0) {
      lease.left--;
      return null;
    }
    return tooManyRequests(lease.until - Date.now());
  };

  /** Counts one request for the client; returns a 429 response when over the limit. */
  return async function limit(...identity: string[]): Promise<Response | null> {
    const key = await limiterKey(...identity);
    for (;;) {
      const lease = leases.get(key);
      if (lease && lease.until > Date.now() && (lease.left > 0 || lease.full)) return use(lease);
      // One lease at a time per client; whoever waited looks again, as others may have used it up.
      let next = taking.get(key);
      if (!next) {
        next = takeLease(key, lease && lease.until > Date.now() ? lease.remaining : undefined).finally(() => taking.delete(key));
        taking.set(key, next);
      }
      await next;
    }
  };
}

/** What counting an attempt says: refused (429) once over the limit, and whether it opened a window. */
export type Attempt = { limited: Response | null; firstInWindow: boolean };

/**
 * Lockout after repeated failures (wrong contract keys, wrong passwords). `attempt` counts an
 * attempt before its outcome is known, atomically, so parallel attempts cannot all slip past the
 * limit while each is still being checked; `succeeded` takes the count back when it turned out
 * right. `check` only looks; `fail` counts a failure found afterwards.
 */
export function createLockout(options: { failures: number; durationSeconds: number }) {
  const limiter = store(options.failures, options.durationSeconds);
  const key = (identity: string[]) => limiterKey(...identity);
  return {
    async attempt(...identity: string[]): Promise<Attempt> {
      try {
        const counted = await limiter().consume(await key(identity));
        return { limited: null, firstInWindow: counted.isFirstInDuration };
      } catch (e) {
        return { limited: refusal(e), firstInWindow: false };
      }
    },
    async succeeded(...identity: string[]): Promise<void> {
      await limiter().reward(await key(identity), 1);
    },
    /** Forgets every failure of the identity (a right password ends its address's lock). */
    async clear(...identity: string[]): Promise<void> {
      await limiter().delete(await key(identity));
    },
    /** Whether more attempts than allowed have been counted (some arrived after the limit). */
    async exceeded(...identity: string[]): Promise<boolean> {
      const state = await limiter().get(await key(identity));
      return state !== null && state.consumedPoints > options.failures;
    },
    async check(...identity: string[]): Promise<Response | null> {
      const state = await limiter().get(await key(identity));
      if (state && state.consumedPoints >= options.failures) return tooManyRequests(state.msBeforeNext);
      return null;
    },
    async fail(...identity: string[]): Promise<void> {
      await limiter().penalty(await key(identity), 1);
    },
  };
}

/** For a page that answers a 429 itself: sets its status and Retry-After, and says when to try again. */
export function refuseOnPage(page: { status?: number; headers: Headers }, limited: Response): string {
  const seconds = Number(limited.headers.get('Retry-After'));
  page.status = 429;
  page.headers.set('Retry-After', String(seconds));
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
