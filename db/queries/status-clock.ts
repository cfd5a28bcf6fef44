// SQL for the clock's watermark (status_clock): the last instant up to which maintenance windows
// opening and closing on the clock were announced, shared by every app server.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { statusClock } from '../schema.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The instant the last clock step covered, or null before the first step ever. */
export async function readClockWatermark(db: Db | Tx): Promise<Date | null> {
  const [row] = await db.select({ coveredUntil: statusClock.coveredUntil }).from(statusClock).where(eq(statusClock.id, 1));
  return row?.coveredUntil ?? null;
}

/** Moves the watermark to `until`, never back (a server whose step started earlier finishes later). */
export async function advanceClockWatermark(db: Db | Tx, until: Date): Promise<void> {
  await db.insert(statusClock).values({ id: 1, coveredUntil: until })
    .onConflictDoUpdate({ target: statusClock.id, set: { coveredUntil: sql`max(${statusClock.coveredUntil}, excluded.covered_until)` } });
}
