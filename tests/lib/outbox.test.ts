import { describe, expect, it } from 'vitest';
import { afterFailure, defaultRetryPolicy } from '../../src/lib/outbox';

describe('afterFailure', () => {
  it.each([
    [1, 0, 15_000], [1, 0.999999, 30_000], [2, 0, 30_000], [3, 0.5, 90_000], [8, 0, 1_800_000], [9, 0.99999999, 3_600_000],
  ])('after attempt %i with random %d waits %i ms (30 s doubling, half of it jitter, capped at 1 h)', (attempts, random, expected) => {
    const next = afterFailure(attempts, random);
    expect(next.park).toBe(false);
    expect(!next.park && next.delayMs).toBe(expected);
  });
  it('parks the message after the last attempt', () => {
    expect(afterFailure(defaultRetryPolicy.maxAttempts, 0.5)).toEqual({ park: true });
    expect(afterFailure(3, 0.5, { baseMs: 100, capMs: 1000, maxAttempts: 3 })).toEqual({ park: true });
  });
  it('never waits less than half its step, nor more than the cap, whatever the random number', () => {
    for (let attempts = 1; attempts < 10; attempts++) {
      for (const random of [-1, 0, 0.3, 0.99, 2]) {
        const next = afterFailure(attempts, random);
        if (next.park) throw new Error('parked early');
        const step = Math.min(3_600_000, 30_000 * 2 ** (attempts - 1));
        expect(next.delayMs).toBeGreaterThanOrEqual(step / 2);
        expect(next.delayMs).toBeLessThanOrEqual(step);
      }
    }
  });
});
