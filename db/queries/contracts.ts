// SQL for premium-support contracts. Keys come in clear and leave as a hash and a prefix only.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { hashKey, keyPrefix } from '../../src/lib/contracts.ts';
import type { Db } from '../client.ts';
import { contracts, type Contract, type NewContract } from '../schema.ts';

export type ContractValues = Omit<NewContract, 'id' | 'keyHash' | 'keyPrefix' | 'revokedAt' | 'createdAt'> & { key: string };

function row({ key, ...values }: ContractValues): NewContract {
  return { ...values, keyHash: hashKey(key), keyPrefix: keyPrefix(key) };
}

/** Stores a contract under the hash of its key (the key itself is not kept). */
export async function insertContract(db: Db, values: ContractValues): Promise<Contract> {
  const [inserted] = await db.insert(contracts).values(row(values)).returning();
  return inserted;
}

/**
 * Stores a contract unless one with the same key exists; returns undefined when it did. For the
 * fixed demo keys, which makes seeding them idempotent.
 */
export async function insertContractIfAbsent(db: Db, values: ContractValues): Promise<Contract | undefined> {
  const [inserted] = await db.insert(contracts).values(row(values)).onConflictDoNothing({ target: contracts.keyHash }).returning();
  return inserted;
}

export async function listContracts(db: Db): Promise<Contract[]> {
  return db.select().from(contracts).orderBy(asc(contracts.id));
}

/**
 * Revokes a contract at `at`. Revoking twice keeps the first time, so the record says when the
 * key really stopped working.
 */
export async function revokeContract(
  db: Db,
  id: number,
  at: Date,
): Promise<{ result: 'revoked' | 'already_revoked'; contract: Contract } | { result: 'not_found' }> {
  const [revoked] = await db.update(contracts).set({ revokedAt: at }).where(and(eq(contracts.id, id), isNull(contracts.revokedAt))).returning();
  if (revoked) return { result: 'revoked', contract: revoked };
  const [existing] = await db.select().from(contracts).where(eq(contracts.id, id));
  return existing ? { result: 'already_revoked', contract: existing } : { result: 'not_found' };
}

/** The contract a presented key belongs to, whatever its state (check it with contractState). */
export async function findByKey(db: Db, key: string): Promise<Contract | undefined> {
  const [found] = await db.select().from(contracts).where(eq(contracts.keyHash, hashKey(key)));
  return found;
}
