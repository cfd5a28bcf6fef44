// Browser side of search: loads Pagefind on first use (never before), runs queries with
// Cairn's ranking and turns results into plain data for the header box and the search page.

export interface SearchHit {
  url: string;
  title: string;
  excerpt: string;
  category?: string;
  type?: string;
  subResults: Array<{ title: string; url: string; excerpt: string }>;
}

interface PagefindResult { id: string; data: () => Promise<PagefindData> }
interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  sub_results?: Array<{ title: string; url: string; excerpt: string }>;
}
export interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  preload: (q: string, o?: Record<string, unknown>) => Promise<void>;
  search: (q: string | null, o?: Record<string, unknown>) => Promise<{ results: PagefindResult[]; unfilteredResultCount: number }>;
  debouncedSearch?: unknown;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

let loading: Promise<Pagefind> | undefined;

/** Loads the Pagefind bundle once; safe to call on every focus. */
export function loadPagefind(): Promise<Pagefind> {
  loading ??= (async () => {
    const url = '/pagefind/pagefind.js';
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    // Titles and aliases carry the customer's words; keep long articles from burying short FAQs.
    // noWorker: the worker script costs 12 KB and a request on the first search, more than the
    // main-thread time it saves on an index this size.
    await pf.options({ noWorker: true, ranking: { pageLength: 0.5, termFrequency: 0.6, termSaturation: 1.4, termSimilarity: 1.5 }, excerptLength: 24 });
    await pf.init();
    return pf;
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

export async function runSearch(
  query: string,
  filters: Record<string, string[]> = {},
  limit = 20,
): Promise<{ hits: SearchHit[]; total: number }> {
  const pf = await loadPagefind();
  const activeFilters = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.length));
  const response = await pf.search(query, { filters: activeFilters });
  const data = await Promise.all(response.results.slice(0, limit).map((r) => r.data()));
  const hits = data.map((d) => ({
    url: d.url,
    title: d.meta.title ?? d.url,
    excerpt: d.excerpt,
    category: d.meta.category,
    type: d.meta.type,
    subResults: (d.sub_results ?? [])
      .filter((s) => s.url !== d.url && s.url.includes('#'))
      .slice(0, 3),
  }));
  return { hits, total: response.results.length };
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
