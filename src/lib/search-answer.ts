// One search, wherever Pagefind runs (in the server for /api/search and the search page, in the
// browser as the fallback): the query planner's searches, merged, and the data of the first hits.
import { activeFilters, toHit, type PagefindData, type SearchAnswer, type SearchFilters, type SearchHit } from './search-hits';
import { pageHit, type PageText } from './search-excerpt';
import { planQuery, runPlan, wordResults, type SearchWorld, type WordResults } from './search-planner';

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

/** What a cache offers (an LRUCache, a Map): answerSearch gives the same answer with or without. */
export interface CacheLike<V> { get: (key: string) => V | undefined; set: (key: string, value: V) => unknown }

/**
 * What a long-running caller (the server) offers a search: one word's results kept between
 * queries (a word searches the same whatever query it is in), and the pages' indexed text read
 * from the index's fragment files. Without them, the text comes from Pagefind's results.
 */
export interface SearchSources { words?: CacheLike<WordResults>; page?: (id: string) => Promise<PageText | undefined> }

// Pagefind marks excerpts with the words of its latest search, so a search that starts while
// another is loading its results' data would mark the wrong words. One at a time per instance.
const queues = new WeakMap<PagefindSearch, Promise<unknown>>();

/**
 * Runs the planned searches for a query and makes the first `limit` hits, their excerpts
 * marking every searched word the page holds.
 * Without a world (a build from before the vocabulary existed) the query is searched as typed.
 */
export function answerSearch(pagefind: PagefindSearch, world: SearchWorld | undefined, { query, filters, limit, exact = false }: SearchRequest, sources: SearchSources = {}): Promise<SearchAnswer> {
  const run = async (): Promise<SearchAnswer> => {
    const search = async (text: string) => (await pagefind.search(text, { filters: activeFilters(filters) })).results;
    if (!world) {
      const results = await search(query);
      const hits = await Promise.all(results.slice(0, limit).map(async (r) => toHit(await r.data())));
      return { hits, total: results.length };
    }
    const seen = new Map<string, PagefindResult>();
    const lookup = async (text: string) => {
      const key = wordKey(text, filters);
      const known = sources.words?.get(key);
      if (known) return known;
      const results = await search(text);
      if (!sources.page) for (const r of results) seen.set(r.id, r);
      const found = ranked(results);
      sources.words?.set(key, found);
      return found;
    };
    const page = sources.page ?? (async (id: string) => seen.get(id)?.data());
    const plan = planQuery(query, world, exact);
    const { hits: found, total, outcome } = await runPlan(plan, lookup, limit);
    const hits: SearchHit[] = [];
    for (const { id, held } of found) {
      const text = await page(id);
      if (text) hits.push(pageHit(text, held.length ? held.map((w) => w.searched) : [plan.asTyped]));
    }
    const answer: SearchAnswer = { hits, total };
    if (outcome.correctedTo || outcome.dropped) answer.plan = outcome;
    return answer;
  };
  return queued(pagefind, run);
}

/** A word's Pagefind results as the planner merges them. */
const ranked = (results: PagefindResult[]) => wordResults(results, (r) => r.id, (r) => r.score);

/** One word's key in `SearchSources.words`: its searched text under the filters. */
const wordKey = (text: string, filters: SearchFilters) => `${JSON.stringify([filters.category ?? '', filters.type ?? ''])} ${text}`;

/** Runs `task` after the instance's searches before it (see `queues`). */
function queued<T>(pagefind: PagefindSearch, task: () => Promise<T>): Promise<T> {
  const done = (queues.get(pagefind) ?? Promise.resolve()).then(task, task);
  queues.set(pagefind, done.catch(() => undefined));
  return done;
}

/**
 * Searches `word` without filters into `sources.words` unless it is there, as a query holding it
 * would: a server warms its most common words, the costliest to search, before anyone asks.
 */
export function keepWord(pagefind: PagefindSearch, word: string, sources: SearchSources): Promise<void> {
  return queued(pagefind, async () => {
    const key = wordKey(word, {});
    if (!sources.words || sources.words.get(key)) return;
    const { results } = await pagefind.search(word, { filters: {} });
    sources.words.set(key, ranked(results));
  });
}
