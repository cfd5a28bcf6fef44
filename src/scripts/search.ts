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
    await pf.options({ ranking: { pageLength: 0.5, termFrequency: 0.6, termSaturation: 1.4, termSimilarity: 1.5 }, excerptLength: 24 });
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

/** Escapes text for insertion as HTML (titles come from content, queries from users). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
