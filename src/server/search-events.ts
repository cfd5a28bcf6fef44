// Counting searches for the search-gaps console, from the search page (also without JavaScript)
// and from /api/search-events: per day and normalised query, with what the planner did to it.
import { getDb } from '../../db/client.ts';
import { countSearchEvent } from '../../db/queries/search-stats.ts';
import type { PlanOutcome } from '../lib/search-planner';
import { describeOutcome } from '../lib/search-planner';
import { normaliseQuery } from '../lib/search-stats';
import { now } from './clock';
import { searchArticles } from './search';

/**
 * Counts one settled search. `plan` is what the planner did (`{}`: nothing); undefined when not
 * known, which leaves the one recorded earlier that day.
 */
export async function countSearch(query: string, total: number, plan: PlanOutcome | undefined) {
  const described = plan && (describeOutcome(plan) ?? null);
  await countSearchEvent(getDb(), now().toISOString().slice(0, 10), normaliseQuery(query), { searches: 1, zeroResults: total === 0 ? 1 : 0 }, described);
}

/**
 * What the planner does to a query a browser reports, worked out here rather than taken from the
 * report, so the console shows only corrections made from the index's own words. Usually a
 * cache hit: the browser asked /api/search for the same query a moment ago.
 */
export async function planOf(query: string): Promise<PlanOutcome | undefined> {
  try {
    return (await searchArticles(query, {}, 6)).plan ?? {};
  } catch {
    return undefined;
  }
}
