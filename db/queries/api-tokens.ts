// SQL for the status management API's bearer tokens. Tokens come in clear and are kept as their
// SHA-256 only (src/lib/api-tokens.ts).
import { and, asc, eq, isNull } from 'drizzle-orm';
import { hashApiToken } from '../../src/lib/api-tokens.ts';
import type { Db } from '../client.ts';
import { apiTokens, type ApiToken } from '../schema.ts';

/** Stores a new token under its hash. */
export async function insertApiToken(db: Db, values: { token: string; name: string; createdBy: string; createdAt: Date }): Promise<ApiToken> {
  const [inserted] = await db.insert(apiTokens).values({ name: values.name, tokenHash: hashApiToken(values.token), createdBy: values.createdBy, createdAt: values.createdAt }).returning();
  return inserted;
}

export async function listApiTokens(db: Db): Promise<ApiToken[]> {
  return db.select().from(apiTokens).orderBy(asc(apiTokens.id));
}

/** Tokens a `revoke <id|name>` means: the one with that id, or every token with that name. */
export async function findApiTokens(db: Db, idOrName: string): Promise<ApiToken[]> {
  if (/^\d+$/.test(idOrName)) return db.select().from(apiTokens).where(eq(apiTokens.id, Number(idOrName)));
  return db.select().from(apiTokens).where(eq(apiTokens.name, idOrName)).orderBy(asc(apiTokens.id));
}

/** Revokes a token at `at`; revoking twice keeps the first time. Returns whether it was live. */
export async function revokeApiToken(db: Db, id: number, at: Date): Promise<boolean> {
  const revoked = await db.update(apiTokens).set({ revokedAt: at }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
  return revoked.length > 0;
}

/**
 * The live (not revoked) token a presented one is, or undefined; marks it used at `at`. One
 * statement, read on every API request from the database every server shares, so a revocation
 * holds on every server at once.
 */
export async function useApiToken(db: Db, token: string, at: Date): Promise<ApiToken | undefined> {
  const [used] = await db.update(apiTokens).set({ lastUsedAt: at }).where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt))).returning();
  return used;
}
