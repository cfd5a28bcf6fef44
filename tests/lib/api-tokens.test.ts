import { describe, expect, it } from 'vitest';
import { apiTokenNameSchema, apiTokenPattern, bearerToken, generateApiToken, hashApiToken } from '../../src/lib/api-tokens';

const fixed = (byte: number) => (size: number) => new Uint8Array(size).fill(byte);

describe('status API tokens', () => {
  it('are 32 random bytes behind a prefix that says what they are', () => {
    const token = generateApiToken(fixed(255));
    expect(token).toBe(`cairn_status_${Buffer.alloc(32, 255).toString('base64url')}`);
    expect(apiTokenPattern.test(token)).toBe(true);
    expect(() => generateApiToken(() => new Uint8Array(16))).toThrow(/32 bytes/);
  });

  it('are kept as a SHA-256 only', () => {
    expect(hashApiToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    ['Bearer <token>', `Bearer ${generateApiToken(fixed(1))}`, generateApiToken(fixed(1))],
    ['a lowercase scheme', `bearer ${generateApiToken(fixed(2))}`, generateApiToken(fixed(2))],
    ['no header', null, null],
    ['Basic credentials', 'Basic dXNlcjpwYXNz', null],
    ['a contract key instead', 'Bearer cairn_0123456789abcdef0123456789abcdef', null],
    ['a token cut short', `Bearer ${generateApiToken(fixed(3)).slice(0, -1)}`, null],
  ])('reads the bearer token from %s', (_name, header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });

  it.each([
    ['Monitoring', true],
    ['  Uptime checks ', true],
    ['M', false],
    ['42', false],
    ['x'.repeat(61), false],
  ])('accepts the name %j: %s', (name, ok) => {
    expect(apiTokenNameSchema.safeParse(name).success).toBe(ok);
  });
});
