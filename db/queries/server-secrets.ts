// SQL for secrets the app servers share (server_secrets): the first server to need one creates it,
// every other server reads the same row, so keyed hashes agree across servers.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { serverSecrets } from '../schema.ts';

export type SecretName = 'rate-limits' | 'trusted-devices';

/** The secret called `name` as bytes, created at random if no server has made it yet. */
export async function sharedSecret(db: Db, name: SecretName): Promise<Buffer> {
  // Insert-or-keep, then read: two servers starting together both end up with the winner's row.
  await db.insert(serverSecrets).values({ name, secret: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select({ secret: serverSecrets.secret }).from(serverSecrets).where(eq(serverSecrets.name, name));
  return Buffer.from(row.secret, 'base64url');
}
