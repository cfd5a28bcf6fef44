// Bearer tokens for the status management API (monitoring tools that open incidents on their
// own): their shape, generation, the hash that is all the database keeps, the names staff give
// them, and reading one from an Authorization header.
import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * `cairn_status_` and 43 base64url characters (32 random bytes). A prefix that says what it is
 * lets secret scanners and people recognise a leaked token; 256 random bits cannot be guessed,
 * so a fast hash is right (there is no dictionary to slow down, unlike a password).
 */
export const apiTokenPattern = /^cairn_status_[A-Za-z0-9_-]{43}$/;

/** A new token from `randomBytes(32)` (node:crypto's in the CLI; a fixed source in tests). */
export function generateApiToken(randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(32);
  if (bytes.length !== 32) throw new RangeError(`the random source must return 32 bytes (got ${bytes.length})`);
  return `cairn_status_${Buffer.from(bytes).toString('base64url')}`;
}

/** SHA-256 of the token as lowercase hex: what api_tokens.tokenHash stores. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What a token is for, as staff name it ("Monitoring", "Uptime checks"); also the audit trail's actor. */
export const apiTokenNameSchema = z
  .string({ error: 'is required: say what will use the token, e.g. "Monitoring"' })
  .trim()
  .min(2, 'must be at least 2 characters, e.g. "Monitoring"')
  .max(60, 'must be at most 60 characters')
  // A name is also how `token revoke` finds a token, so it cannot look like an id.
  .refine((name) => !/^\d+$/.test(name), 'must not be only digits (it would read as a token id); e.g. "Monitoring"');

/**
 * The token of an `Authorization: Bearer <token>` header, or null when there is none or it does
 * not have a token's shape (refused before any lookup).
 */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match && apiTokenPattern.test(match[1]) ? match[1] : null;
}
