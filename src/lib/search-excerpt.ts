// A hit's excerpt and its sections, made from the page's indexed text and the query's words. The
// query planner merges one search per word (src/lib/search-planner.ts), so no single Pagefind
// search knows every word of the query; the excerpt is made here instead, from the same text
// Pagefind indexed (its fragment of the page), in the server and in the browser alike.
import { escapeHtml } from './html.ts';
import { queryWords } from './search-planner.ts';
import { subResultsShown, type SearchHit } from './search-hits.ts';

/** What Pagefind keeps of a page (its fragment): the indexed text, metadata and headings. */
export interface PageText {
  url: string;
  content: string;
  meta: Record<string, string | undefined>;
  anchors?: Array<{ element: string; id: string; text?: string; location: number }>;
}

/** Words an excerpt shows. */
export const excerptWords = 24;

/**
 * The start of each query word as a page's words are matched to it: a plural, past or -ing
 * ending goes ("ports", "configuring" and "configured" are all "configur…", as the index's
 * stemming finds them).
 */
export function wordStems(words: string[]): string[] {
  const stems = words.flatMap(queryWords).map((w) => (w.length > 4 ? w.replace(/(?:ing|ed|es|s|e)$/, '') : w));
  return [...new Set(stems)].filter(Boolean);
}

/** A page's words as written (with their punctuation) and as matched (lowercased, leading punctuation gone). */
interface Tokens { words: string[]; plain: string[] }

// A page's tokens are made once per page object: the server keeps page objects between searches.
const tokenized = new WeakMap<PageText, Tokens>();

function tokens(page: PageText): Tokens {
  let known = tokenized.get(page);
  if (!known) {
    const words = page.content.replace(/\u200B/g, '').split(/\s+/).filter(Boolean);
    const plain = words.map((w) => w.normalize('NFKC').toLowerCase().replace(/['’]/g, '').replace(/^[^\p{L}\p{N}]+/u, ''));
    known = { words, plain };
    tokenized.set(page, known);
  }
  return known;
}

/** For each word of the page: which query word it is, or -1. */
function matchWords(plain: string[], stems: string[]): number[] {
  const matched = new Array<number>(plain.length);
  for (let i = 0; i < plain.length; i++) {
    let found = -1;
    for (let s = 0; s < stems.length; s++) if (plain[i].startsWith(stems[s])) { found = s; break; }
    matched[i] = found;
  }
  return matched;
}

/**
 * Where `length` words from [from, to) show the most different query words, then the most
 * matches; the earliest such window, led in by a few words before its first match.
 */
function densest(matched: number[], from: number, to: number, length: number): number {
  if (to - from <= length) return from;
  const counts = new Map<number, number>();
  const step = (i: number, by: number) => {
    if (matched[i] < 0) return;
    const n = (counts.get(matched[i]) ?? 0) + by;
    if (n) counts.set(matched[i], n); else counts.delete(matched[i]);
  };
  let hits = 0;
  for (let i = from; i < from + length; i++) { step(i, 1); if (matched[i] >= 0) hits++; }
  const value = () => counts.size * 1000 + hits;
  let best = value(), at = from;
  for (let start = from + 1; start + length <= to; start++) {
    step(start - 1, -1); if (matched[start - 1] >= 0) hits--;
    step(start + length - 1, 1); if (matched[start + length - 1] >= 0) hits++;
    if (value() > best) { best = value(); at = start; }
  }
  let first = at;
  while (first < at + length && matched[first] < 0) first++;
  return first < at + length ? Math.max(from, Math.min(at, first - 3)) : at;
}

/** Words [start, start + length) of a page, escaped, its matches in <mark>. */
function excerptHtml(words: string[], matched: number[], start: number, length: number): string {
  return words.slice(start, start + length)
    .map((w, i) => (matched[start + i] >= 0 ? `<mark>${escapeHtml(w)}</mark>` : escapeHtml(w)))
    .join(' ');
}

/**
 * A page as a search hit for `words` (the searched words of the query): the excerpt where they
 * are densest, and up to three of its headed sections that hold them, those holding the most
 * different words first.
 */
export function pageHit(page: PageText, searched: string[]): SearchHit {
  const { words, plain } = tokens(page);
  const matched = matchWords(plain, wordStems(searched));
  const start = densest(matched, 0, words.length, excerptWords);

  const headings = (page.anchors ?? [])
    .filter((a) => /^h\d$/i.test(a.element) && a.id && a.text && /\S/.test(a.text))
    .sort((a, b) => a.location - b.location);
  const sections = headings.map((h, i) => {
    const to = Math.min(headings[i + 1]?.location ?? words.length, words.length);
    const held = new Set<number>();
    let matches = 0;
    for (let j = h.location; j < to; j++) if (matched[j] >= 0) { matches++; held.add(matched[j]); }
    return { h, from: h.location, to, matches, distinct: held.size };
  }).filter((s) => s.matches > 0)
    .sort((a, b) => b.distinct - a.distinct || b.matches - a.matches || a.from - b.from)
    .slice(0, subResultsShown);

  return {
    url: page.url,
    title: page.meta.title ?? page.url,
    excerpt: excerptHtml(words, matched, start, excerptWords),
    category: page.meta.category,
    type: page.meta.type,
    subResults: sections.map(({ h, from, to }) => {
      const at = densest(matched, from, to, excerptWords);
      return { title: h.text!, url: `${page.url}#${h.id}`, excerpt: excerptHtml(words, matched, at, Math.min(excerptWords, to - at)) };
    }),
  };
}
