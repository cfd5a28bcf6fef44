// Browser side of search: asks the server (Pagefind runs there) and falls back to loading
// Pagefind into the page; reports settled searches for the support team's statistics.
import { answerSearch, pagefindOptions, type PagefindModule, type SearchAnswer, type SearchFilters } from '../lib/search-hits';

export type { SearchHit } from '../lib/search-hits';

let loading: Promise<PagefindModule> | undefined;

/** Loads the Pagefind bundle into the page once (only when the server cannot answer). */
function loadPagefind(): Promise<PagefindModule> {
  loading ??= (async () => {
    const url = '/pagefind/pagefind.js';
    const pf = (await import(/* @vite-ignore */ url)) as PagefindModule;
    await pf.options({ ...pagefindOptions });
    await pf.init();
    return pf;
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** Asks /api/search; undefined when the server cannot answer (no index, rate limit, offline). */
async function askServer(query: string, filters: SearchFilters, limit: number): Promise<SearchAnswer | undefined> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
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
export async function runSearch(query: string, filters: SearchFilters = {}, limit = 20): Promise<SearchAnswer> {
  return (await askServer(query, filters, limit)) ?? answerSearch(await loadPagefind(), query, filters, limit);
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

/** Reports a search once it has settled (not every keystroke). */
export function reportSearch(query: string, results: number) {
  const q = query.trim();
  if (q.length < 2 || q === lastReported) return;
  lastReported = q;
  try { sessionStorage.setItem(lastSearchKey, JSON.stringify({ q, at: Date.now() })); } catch { /* storage off */ }
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
