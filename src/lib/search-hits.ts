// What a search answers, wherever Pagefind runs (in the server for /api/search and the search
// page, in the browser as the fallback): the same ranking settings and the same hit shape.
import { escapeHtml } from './html';
import type { PlanOutcome } from './search-planner';

export interface SearchHit {
  url: string;
  title: string;
  /** Pagefind's excerpt: page text it escaped itself, with the matched words in <mark>. */
  excerpt: string;
  category?: string;
  type?: string;
  subResults: Array<{ title: string; url: string; excerpt: string }>;
}

export interface SearchAnswer {
  hits: SearchHit[];
  total: number;
  /** What the query planner did to the query (corrected, relaxed); absent when nothing. */
  plan?: PlanOutcome;
}

/** The filters the search page offers: one value each, or none (empty or absent: any). */
export interface SearchFilters { category?: string; type?: string }

/** The data Pagefind returns for one result (`await result.data()`). */
export interface PagefindData {
  url: string;
  excerpt: string;
  /** The page's indexed text, and its headings by word position (see search-excerpt.ts). */
  content: string;
  anchors?: Array<{ element: string; id: string; text?: string; location: number }>;
  meta: Record<string, string | undefined>;
  sub_results?: Array<{ title: string; url: string; excerpt: string }>;
}

// Titles and aliases carry the customer's words; keep long articles from burying short FAQs.
// noWorker: in the browser the worker script costs 12 KB and a request, more than the
// main-thread time it saves on an index this size; in the server there is no worker at all.
export const pagefindOptions = {
  noWorker: true,
  ranking: { pageLength: 0.5, termFrequency: 0.6, termSaturation: 1.4, termSimilarity: 1.5 },
  excerptLength: 24,
} as const;

/** At most this many matching sections are listed under an article. */
export const subResultsShown = 3;

export function toHit(data: PagefindData): SearchHit {
  return {
    url: data.url,
    title: data.meta.title ?? data.url,
    excerpt: data.excerpt,
    category: data.meta.category,
    type: data.meta.type,
    // Pagefind lists the page itself among its sections; only real headings (with #) count.
    subResults: (data.sub_results ?? [])
      .filter((s) => s.url !== data.url && s.url.includes('#'))
      .slice(0, subResultsShown)
      .map(({ title, url, excerpt }) => ({ title, url, excerpt })),
  };
}

/** The filters that name a value, as Pagefind takes them (a list of values each). */
export function activeFilters(filters: SearchFilters): Record<string, string[]> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v).map(([name, v]) => [name, [v!]]));
}

/**
 * One result of the search page as HTML, built the same way in the server (first answer) and in
 * the browser (as the reader types). Titles and URLs are escaped; excerpts are Pagefind's own
 * escaped text with <mark> around matches.
 */
export function hitHtml(hit: SearchHit): string {
  const meta = [hit.type, hit.category].filter((m): m is string => Boolean(m)).map(escapeHtml).join(' · ');
  const subs = hit.subResults.length
    ? `<ul class="subs">${hit.subResults.map((s) => `<li><a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a><span>${s.excerpt}</span></li>`).join('')}</ul>`
    : '';
  return `<li class="hit"><a class="hit-title" href="${escapeHtml(hit.url)}">${escapeHtml(hit.title)}</a>` +
    `<p class="hit-meta">${meta}</p><p class="hit-excerpt">${hit.excerpt}</p>${subs}</li>`;
}

/** The line above the results ("3 articles for “renew domain”"), as text. */
export function summaryText(query: string, total: number): string {
  return total ? `${total} ${total === 1 ? 'article' : 'articles'} for “${query}”` : `No articles for “${query}”`;
}

/** "3 results" / "1 result". */
export const resultsText = (total: number) => `${total} ${total === 1 ? 'result' : 'results'}`;

/** The address of a search for exactly the typed words ("search instead for …"). */
export function exactSearchHref(query: string, filters: SearchFilters = {}): string {
  const params = new URLSearchParams({ q: query });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  params.set('exact', '1');
  return `/search/?${params}`;
}

/**
 * "Showing results for dns record — search instead for dns recrod", as HTML (both escaped), when
 * the planner corrected or replaced words; empty otherwise.
 */
export function correctionHtml(query: string, answer: SearchAnswer, filters: SearchFilters = {}): string {
  const to = answer.plan?.correctedTo;
  if (!to || !answer.total) return '';
  return `Showing results for <strong>${escapeHtml(to)}</strong> — <a href="${escapeHtml(exactSearchHref(query, filters))}" data-exact>search instead for ${escapeHtml(query)}</a>`;
}
