// SQL for the daily deflection counters (no personal data: a day, an event, a count).
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { deflectionDaily, type deflectionEvents } from '../schema.ts';

export async function countDeflection(db: Db, day: string, event: (typeof deflectionEvents)[number]) {
  await db.insert(deflectionDaily).values({ day, event, count: 1 })
    .onConflictDoUpdate({ target: [deflectionDaily.day, deflectionDaily.event], set: { count: sql`${deflectionDaily.count} + 1` } });
}
