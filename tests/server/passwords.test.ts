// Staff password hashing: the stored format, verification, refusal of malformed or tampered
// hashes without an exception, and generated passwords.
import { describe, expect, it } from 'vitest';
import { generatePassword, generatedPasswordLength, hashPassword, passwordAlphabet, scryptParams, verifyPassword } from '../../src/server/passwords';

describe('hashPassword and verifyPassword', () => {
  it('stores scrypt$N$r$p$salt$hash with N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key, all base64url', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, n, r, p, salt, key] = stored.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt', 2 ** 15, 8, 1]);
    expect(scryptParams).toEqual({ N: 32768, r: 8, p: 1 });
    expect(salt).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
  });

  it('accepts the right password and refuses a wrong one, including one differing in case or a trailing space', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery staple ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so the same password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('treats a password typed with composed or decomposed accents as the same', async () => {
    const stored = await hashPassword('Zürich-Gelände-2026');
    expect(await verifyPassword('Zu\u0308rich-Gela\u0308nde-2026', stored)).toBe(true);
  });

  it('still verifies a hash stored with other (cheaper) parameters, as after a future change of defaults', async () => {
    const stored = await hashPassword('migrate me please');
    const [, , , , salt] = stored.split('$');
    const { scryptSync } = await import('node:crypto');
    const key = scryptSync('migrate me please', Buffer.from(salt, 'base64url'), 32, { N: 1024, r: 8, p: 1 }).toString('base64url');
    expect(await verifyPassword('migrate me please', `scrypt$1024$8$1$${salt}$${key}`)).toBe(true);
  });
});

describe('verifyPassword on a malformed or tampered hash answers false, never throws', async () => {
  const good = await hashPassword('correct horse battery staple');
  const [, , , , salt, key] = good.split('$');
  describe.each([
    ['an empty string', ''],
    ['another scheme', `bcrypt$32768$8$1$${salt}$${key}`],
    ['a missing part', `scrypt$32768$8$1$${salt}`],
    ['an extra part', `${good}$x`],
    ['N not a power of two', `scrypt$30000$8$1$${salt}$${key}`],
    ['N of 1', `scrypt$1$8$1$${salt}$${key}`],
    ['N so large it would take gigabytes', `scrypt$${2 ** 24}$8$1$${salt}$${key}`],
    ['a negative r', `scrypt$32768$-8$1$${salt}$${key}`],
    ['a huge p', `scrypt$32768$8$1000$${salt}$${key}`],
    ['a number with a fraction', `scrypt$32768.0$8$1$${salt}$${key}`],
    ['a salt that is not base64url', `scrypt$32768$8$1$not+base64/$${key}`],
    ['an empty hash', `scrypt$32768$8$1$${salt}$`],
    ['a truncated hash', `scrypt$32768$8$1$${salt}$${key.slice(0, 10)}`],
    ['a hash of the wrong bytes', `scrypt$32768$8$1$${salt}$${Buffer.alloc(32).toString('base64url')}`],
  ])('%s', (_name, stored) => {
    it('is refused', async () => {
      expect(await verifyPassword('correct horse battery staple', stored)).toBe(false);
    });
  });
});

describe('generatePassword', () => {
  it(`gives ${generatedPasswordLength} characters from the readable alphabet, different every time`, () => {
    const passwords = Array.from({ length: 200 }, generatePassword);
    for (const password of passwords) {
      expect(password).toHaveLength(20);
      expect([...password].every((c) => passwordAlphabet.includes(c))).toBe(true);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });

  it('leaves out characters that are easily confused when read or typed', () => {
    for (const confusable of '0Oo1lIi5S2Z8B') expect(passwordAlphabet).not.toContain(confusable);
    expect(new Set(passwordAlphabet).size).toBe(passwordAlphabet.length);
  });

  it('draws every character of the alphabet (no modulo bias leaves one out)', () => {
    const seen = new Set(Array.from({ length: 100 }, generatePassword).join(''));
    expect(seen.size).toBe(passwordAlphabet.length);
  });

  it('gives a password that hashes and verifies', async () => {
    const password = generatePassword();
    expect(await verifyPassword(password, await hashPassword(password))).toBe(true);
  });
});
