// One search, wherever Pagefind runs (in the server for /api/search and the search page, in the
// browser as the fallback): the query planner's searches, merged, and the data of the first hits.
import { activeFilters, toHit, type PagefindData, type SearchAnswer, type SearchFilters } from './search-hits';
import { planQuery, runPlan, type SearchWorld } from './search-planner';

/** One result of a Pagefind search, before its data is loaded. */
export interface PagefindResult { id: string; score: number; data: () => Promise<PagefindData> }

/** The part of Pagefind's API a search needs, in the browser or in the server. */
export interface PagefindSearch {
  search: (query: string, options: { filters: Record<string, string[]> }) => Promise<{ results: PagefindResult[] }>;
}

/** pagefind.js as loaded, in the browser or in the server. */
export interface PagefindModule extends PagefindSearch {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
}

export interface SearchRequest {
  query: string;
  filters: SearchFilters;
  limit: number;
  /** "Search instead for …": no synonym, no typo correction. */
  exact?: boolean;
}

// Pagefind marks excerpts with the words of its latest search, so a search that starts while
// another is loading its results' data would mark the wrong words. One at a time per instance.
const queues = new WeakMap<PagefindSearch, Promise<unknown>>();

/**
 * Runs the planned searches for a query and loads the data of the first `limit` results.
 * Without a world (a build from before the vocabulary existed) the query is searched as typed.
 */
export function answerSearch(pagefind: PagefindSearch, world: SearchWorld | undefined, { query, filters, limit, exact = false }: SearchRequest): Promise<SearchAnswer> {
  const run = async (): Promise<SearchAnswer> => {
    const search = async (text: string) => (await pagefind.search(text, { filters: activeFilters(filters) })).results;
    const { results, outcome } = world
      ? await runPlan(planQuery(query, world, exact), search, (r) => r.id, (r) => r.score)
      : { results: await search(query), outcome: {} };
    const data = await Promise.all(results.slice(0, limit).map((r) => r.data()));
    const answer: SearchAnswer = { hits: data.map(toHit), total: results.length };
    if (outcome.correctedTo || outcome.dropped) answer.plan = outcome;
    return answer;
  };
  const answer = (queues.get(pagefind) ?? Promise.resolve()).then(run, run);
  queues.set(pagefind, answer.catch(() => undefined));
  return answer;
}
