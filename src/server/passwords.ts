// Staff passwords: scrypt hashes as `scrypt$N$r$p$salt$hash` (base64url), checked in constant time.
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * N=2^15, r=8, p=1 is OWASP's scrypt minimum: about 32 MiB and 50–100 ms per hash, slow enough
 * to make guessing a leaked hash expensive and fast enough for a sign-in form.
 */
export const scryptParams = { N: 2 ** 15, r: 8, p: 1 } as const;
const saltBytes = 16;
const keyBytes = 32;
/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly that, which it refuses. */
const maxmem = (p: { N: number; r: number }) => 128 * p.N * p.r * 2;

// Hashes found in the database are trusted only so far: a tampered row must not make one sign-in
// attempt allocate gigabytes or spin for minutes.
const limits = { N: 2 ** 20, r: 32, p: 16, saltBytes: 64, keyBytes: 128 };

function derive(password: string, salt: Buffer, length: number, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: maxmem(params) };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, length, options, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, keyBytes, scryptParams);
  const { N, r, p } = scryptParams;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const base64url = /^[A-Za-z0-9_-]+$/;
const whole = /^[1-9]\d{0,9}$/;

/** Whether `password` matches `stored`; false (never an exception) for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, nText, rText, pText, saltText, keyText] = parts;
  if (![nText, rText, pText].every((t) => whole.test(t)) || !base64url.test(saltText) || !base64url.test(keyText)) return false;
  const params = { N: Number(nText), r: Number(rText), p: Number(pText) };
  if (params.N < 2 || params.N > limits.N || (params.N & (params.N - 1)) !== 0 || params.r > limits.r || params.p > limits.p) return false;
  const salt = Buffer.from(saltText, 'base64url');
  const expected = Buffer.from(keyText, 'base64url');
  if (salt.length < 8 || salt.length > limits.saltBytes || expected.length < 16 || expected.length > limits.keyBytes) return false;
  try {
    const actual = await derive(password, salt, expected.length, params);
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/** No 0/O/o, 1/l/I/i, 5/S, 2/Z or 8/B: a password read aloud or copied from a screen stays right. */
export const passwordAlphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679';
export const generatedPasswordLength = 20;

/** A random password (about 112 bits), drawn without modulo bias. */
export function generatePassword(): string {
  let out = '';
  for (let i = 0; i < generatedPasswordLength; i++) out += passwordAlphabet[randomInt(passwordAlphabet.length)];
  return out;
}
