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
// another is loading its results' data would mark the wrong words. One at a time per instance:
// the whole answer where Pagefind's data is used (the browser), else Pagefind's searches only.
const queues = new WeakMap<PagefindSearch, Promise<unknown>>();

/** Words being searched into a `SearchSources.words`, so that queries asking at once search each once. */
const searching = new WeakMap<CacheLike<WordResults>, Map<string, Promise<WordResults>>>();

/**
 * Runs the planned searches for a query and makes the first `limit` hits, their excerpts
 * marking every searched word the page holds.
 * Without a world (a build from before the vocabulary existed) the query is searched as typed.
 * With a world and `sources.page` (the server) answers are made side by side: one whose words
 * are all kept never waits behind another's Pagefind search.
 */
export function answerSearch(pagefind: PagefindSearch, world: SearchWorld | undefined, { query, filters, limit, exact = false }: SearchRequest, sources: SearchSources = {}): Promise<SearchAnswer> {
  // Pagefind's data is used without a world (its own excerpts) and without kept pages.
  const whole = !world || !sources.page;
  const search = async (text: string) => (await pagefind.search(text, { filters: activeFilters(filters) })).results;
  const run = async (): Promise<SearchAnswer> => {
    if (!world) {
      const results = await search(query);
      const hits = await Promise.all(results.slice(0, limit).map(async (r) => toHit(await r.data())));
      return { hits, total: results.length };
    }
    const seen = new Map<string, PagefindResult>();
    const searchWord = async (text: string) => {
      const results = await (whole ? search(text) : queued(pagefind, () => search(text)));
      if (!sources.page) for (const r of results) seen.set(r.id, r);
      return ranked(results);
    };
    const lookup = (text: string): WordResults | Promise<WordResults> => {
      const { words } = sources;
      if (!words) return searchWord(text);
      const key = wordKey(text, filters);
      const known = words.get(key);
      if (known) return known;
      let pending = searching.get(words);
      if (!pending) searching.set(words, (pending = new Map()));
      let found = pending.get(key);
      if (!found) {
        found = searchWord(text).then((r) => (words.set(key, r), r)).finally(() => pending.delete(key));
        pending.set(key, found);
      }
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
  return whole ? queued(pagefind, run) : run();
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
