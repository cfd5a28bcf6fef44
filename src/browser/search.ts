// Browser side of search: asks the server (Pagefind runs there) and falls back to loading
// Pagefind into the page; reports settled searches for the support team's statistics.
import { pagefindOptions, type SearchAnswer, type SearchFilters } from '../lib/search-hits';
import type { PagefindModule } from '../lib/search-answer';
import type { SearchWorld } from '../lib/search-planner';
import type { VocabularyFile } from '../lib/search-vocabulary';

export type { SearchHit } from '../lib/search-hits';

interface Fallback { pagefind: PagefindModule; world: SearchWorld | undefined; answerSearch: typeof import('../lib/search-answer').answerSearch }
let loading: Promise<Fallback> | undefined;

/**
 * Loads Pagefind, the query planner and the index's vocabulary into the page once, only when the
 * server cannot answer: the normal path downloads none of them.
 */
function loadFallback(): Promise<Fallback> {
  loading ??= (async () => {
    const url = '/pagefind/pagefind.js';
    const [pagefind, { answerSearch }, { searchWorld, vocabularyFileName }] = await Promise.all([
      import(/* @vite-ignore */ url) as Promise<PagefindModule>,
      import('../lib/search-answer'),
      import('../lib/search-vocabulary'),
    ]);
    await pagefind.options({ ...pagefindOptions });
    await pagefind.init();
    // Without the vocabulary (an older build) the query is searched as typed.
    const vocabulary = await fetch(`/pagefind/${vocabularyFileName}`).then((r) => (r.ok ? r.json() as Promise<VocabularyFile> : undefined), () => undefined);
    return { pagefind, world: vocabulary && searchWorld(vocabulary), answerSearch };
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** Asks /api/search; undefined when the server cannot answer (no index, rate limit, offline). */
async function askServer(query: string, filters: SearchFilters, limit: number, exact: boolean): Promise<SearchAnswer | undefined> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  if (exact) params.set('exact', '1');
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  try {
    const response = await fetch(`/api/search?${params}`, { headers: { Accept: 'application/json' } });
    return response.ok ? (await response.json()) as SearchAnswer : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ranked articles for a query: from the server, which runs Pagefind on the same index, or from
 * Pagefind in this page when the server does not answer.
 */
export async function runSearch(query: string, filters: SearchFilters = {}, limit = 20, exact = false): Promise<SearchAnswer> {
  const answer = await askServer(query, filters, limit, exact);
  if (answer) return answer;
  const { pagefind, world, answerSearch } = await loadFallback();
  return answerSearch(pagefind, world, { query, filters, limit, exact });
}

// Titles come from content, queries from users: both are escaped before they become HTML.
export { escapeHtml } from '../lib/html';

// Search statistics for the support team (counted per day and query, nothing personal).
// The last query is kept in this tab's sessionStorage for 30 minutes so a later No vote or
// ticket can be credited to it.
const lastSearchKey = 'cairn-last-search';
let lastReported = '';

function sendEvent(body: Record<string, unknown>) {
  const blob = new Blob([JSON.stringify(body)], { type: 'application/json' });
  if (!navigator.sendBeacon?.('/api/search-events', blob)) {
    void fetch('/api/search-events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), keepalive: true }).catch(() => {});
  }
}

/** Keeps the query in this tab for a later No vote or ticket (the server counted the search). */
export function rememberSearch(query: string) {
  lastReported = query.trim();
  try { sessionStorage.setItem(lastSearchKey, JSON.stringify({ q: lastReported, at: Date.now() })); } catch { /* storage off */ }
}

/** Reports a search once it has settled (not every keystroke). */
export function reportSearch(query: string, results: number) {
  const q = query.trim();
  if (q.length < 2 || q === lastReported) return;
  rememberSearch(q);
  sendEvent({ event: 'search', query: q, results });
}

export function reportOpen(query: string, rank: number) {
  if (query.trim().length >= 2) sendEvent({ event: 'open', query: query.trim(), rank });
}

/** Credits a No vote or a ticket to the search that came before it in this tab, if recent. */
export function reportOutcome(event: 'no_vote' | 'ticket') {
  try {
    const last = JSON.parse(sessionStorage.getItem(lastSearchKey) ?? 'null') as { q: string; at: number } | null;
    if (last && Date.now() - last.at < 30 * 60_000) sendEvent({ event, query: last.q });
  } catch { /* nothing to credit */ }
}
