// SQL for the daily search statistics (a day, a normalised query and counters; nothing else).
import { gte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { searchDaily } from '../schema.ts';

export type SearchIncrements = Partial<Record<'searches' | 'zeroResults' | 'opened' | 'openedRankSum' | 'noVotes' | 'tickets', number>>;

/** `plan`: what the search did to the query (kept as the latest), for searches only. */
export async function countSearchEvent(db: Db, day: string, query: string, add: SearchIncrements, plan?: string | null) {
  const set: Record<string, unknown> = Object.fromEntries(Object.entries(add).map(([column, n]) => [column, sql`${searchDaily[column as keyof SearchIncrements]} + ${n}`]));
  if (plan !== undefined) set.plan = plan;
  await db.insert(searchDaily).values({ day, query, ...add, plan }).onConflictDoUpdate({ target: [searchDaily.day, searchDaily.query], set });
}

export async function searchRowsSince(db: Db, day: string) {
  return db.select().from(searchDaily).where(gte(searchDaily.day, day));
}
