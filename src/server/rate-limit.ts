// Per-client rate limits (in memory, per server process) built on rate-limiter-flexible.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { anonymousKey, tooManyRequests } from './http';

export function createLimiter(options: { points: number; durationSeconds: number }) {
  const limiter = new RateLimiterMemory({ points: options.points, duration: options.durationSeconds });
  /** Counts one request for the client; returns a 429 response when over the limit. */
  return async function limit(...identity: string[]): Promise<Response | null> {
    try {
      await limiter.consume(anonymousKey(...identity));
      return null;
    } catch (e) {
      if (e instanceof RateLimiterRes) return tooManyRequests(e.msBeforeNext);
      throw e;
    }
  };
}

/**
 * Lockout after repeated failures (wrong contract keys, wrong passwords): `check` answers 429
 * once an identity has failed `failures` times within the window; `fail` records one failure.
 */
export function createLockout(options: { failures: number; durationSeconds: number }) {
  const limiter = new RateLimiterMemory({ points: options.failures, duration: options.durationSeconds });
  return {
    async check(...identity: string[]): Promise<Response | null> {
      const state = await limiter.get(anonymousKey(...identity));
      if (state && state.consumedPoints >= options.failures) return tooManyRequests(state.msBeforeNext);
      return null;
    },
    async fail(...identity: string[]): Promise<void> {
      await limiter.penalty(anonymousKey(...identity), 1);
    },
  };
}
