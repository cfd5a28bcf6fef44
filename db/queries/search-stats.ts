// SQL for the daily search statistics (a day, a normalised query and counters; nothing else).
import { gte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { searchDaily } from '../schema.ts';

export type SearchIncrements = Partial<Record<'searches' | 'zeroResults' | 'opened' | 'openedRankSum' | 'noVotes' | 'tickets', number>>;

export async function countSearchEvent(db: Db, day: string, query: string, add: SearchIncrements) {
  const set = Object.fromEntries(Object.entries(add).map(([column, n]) => [column, sql`${searchDaily[column as keyof SearchIncrements]} + ${n}`]));
  await db.insert(searchDaily).values({ day, query, ...add }).onConflictDoUpdate({ target: [searchDaily.day, searchDaily.query], set });
}

export async function searchRowsSince(db: Db, day: string) {
  return db.select().from(searchDaily).where(gte(searchDaily.day, day));
}
