import { describe, expect, it } from 'vitest';
import { leaseGranted, leaseSize, maxLeaseSize } from '../../src/lib/rate-lease';

describe('leaseSize', () => {
  it.each([
    ['a limit of 3 is counted one request at a time', 3, undefined, 1],
    ['a limit of 10 takes two at a time', 10, undefined, 2],
    ['120 searches a minute: a quarter would be 30, capped', 120, undefined, maxLeaseSize],
    ['with 40 left of 120, a quarter of what is left', 120, 40, 10],
    ['with 3 left, one at a time', 120, 3, 1],
    ['with none left, still one (the database says whether it fits)', 120, 0, 1],
    ['more left than the limit (a new window) counts as the limit', 8, 100, 2],
  ])('%s', (_name, points, known, size) => {
    expect(leaseSize(points, known)).toBe(size);
  });
});

describe('leaseGranted', () => {
  it.each([
    ['the whole lease when the count stays within the limit', 16, 120, 16, 16],
    ['the whole lease when it ends exactly at the limit', 16, 120, 120, 16],
    ['the part below the limit when the lease crosses it', 16, 120, 130, 6],
    ['nothing when the window was already full', 4, 10, 14, 0],
    ['nothing when others went far past the limit', 1, 10, 40, 0],
  ])('%s', (_name, size, points, consumedAfter, granted) => {
    expect(leaseGranted(size, points, consumedAfter)).toBe(granted);
  });

  it('never grants more in all than the limit, however leases interleave', () => {
    // Two servers taking leases of varying size from one atomic counter.
    const points = 120;
    let counter = 0;
    let granted = 0;
    const known = [points, points];
    for (let i = 0; i < 200; i++) {
      const server = i % 2;
      const size = leaseSize(points, known[server]);
      counter += size;
      granted += leaseGranted(size, points, counter);
      known[server] = points - counter;
    }
    expect(granted).toBe(points);
  });
});
