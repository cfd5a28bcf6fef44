import { describe, expect, it } from 'vitest';
import { preferredEncoding } from '../../src/lib/accept-encoding';

describe('preferredEncoding', () => {
  it.each([
    ['a browser', 'gzip, deflate, br, zstd', 'br'],
    ['the benchmark', 'br, gzip', 'br'],
    ['gzip only', 'gzip', 'gzip'],
    ['brotli refused', 'br;q=0, gzip', 'gzip'],
    ['gzip preferred by weight', 'br;q=0.5, gzip;q=0.8', 'gzip'],
    ['anything', '*', 'br'],
    ['anything but brotli', 'br;q=0, *', 'gzip'],
    ['no header', null, null],
    ['identity only', 'identity', null],
    ['spaces and case', ' GZIP ; Q=1 ', 'gzip'],
    ['a broken weight counts as refused', 'br;q=x, gzip', 'gzip'],
  ])('%s: %s → %s', (_name, header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});
