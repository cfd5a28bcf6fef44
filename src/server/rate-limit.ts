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
