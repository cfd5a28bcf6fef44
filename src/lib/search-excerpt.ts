// A hit's excerpt and its sections, made from the page's indexed text and the query's words. The
// query planner merges one search per word (src/lib/search-planner.ts), so no single Pagefind
// search knows every word of the query; the excerpt is made here instead, from the same text
// Pagefind indexed (its fragment of the page), in the server and in the browser alike.
import { escapeHtml } from './html.ts';
import { queryWords } from './search-planner.ts';
import { subResultsShown, type SearchHit } from './search-hits.ts';
import { sortedIndexOf } from './sorted.ts';

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

/**
 * A page's words, kept compact: the text as written and as matched (lowercased, apostrophes and
 * leading punctuation gone), each word followed by one space, with where each word starts.
 * Two strings and two offset arrays take a fifth of the memory of two arrays of word strings.
 */
interface Tokens {
  count: number; text: string; starts: Uint32Array; plain: string; plainStarts: Uint32Array;
  /** The page's headings that can head a section, in the order of the text. */
  headings: Heading[];
}
type Heading = NonNullable<PageText['anchors']>[number];

// A page's tokens are made once per page object: the server keeps page objects between searches.
const tokenized = new WeakMap<PageText, Tokens>();

/** Where each space-separated word of `text` starts, and `text.length + 1` after the last. */
function wordStarts(text: string): Uint32Array {
  let count = text ? 1 : 0;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) count++;
  const starts = new Uint32Array(count + 1);
  let i = 1;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) starts[i++] = at + 1;
  starts[count] = text.length + 1;
  return starts;
}

const asMatched = (word: string) => word.normalize('NFKC').toLowerCase().replace(/['’]/g, '').replace(/^[^\p{L}\p{N}]+/u, '').replace(/\s/g, '');

/**
 * The text as matched, word for word, with where its words start. Made from the whole text,
 * several times faster than word by word: only NFKC can add a space (a handful of rare symbols),
 * and then the words are made one by one.
 */
function matchedText(text: string, count: number): { plain: string; plainStarts: Uint32Array } {
  if (/^[\x00-\x7f]*$/.test(text)) {
    const plain = text.toLowerCase().replace(/'/g, '').replace(/(^| )[^a-z0-9 ]+/g, '$1');
    return { plain, plainStarts: wordStarts(plain) };
  }
  const whole = text.normalize('NFKC').toLowerCase().replace(/['’]/g, '').replace(/(^| )[^\p{L}\p{N} ]+/gu, '$1');
  const starts = wordStarts(whole);
  if (starts.length === count + 1 && !/[^\S ]/.test(whole)) return { plain: whole, plainStarts: starts };
  const plain = text.split(' ').map(asMatched).join(' ');
  return { plain, plainStarts: wordStarts(plain) };
}

function tokens(page: PageText): Tokens {
  let known = tokenized.get(page);
  if (!known) {
    const raw = page.content.replace(/\u200B/g, '');
    // Whitespace runs become one space (rarely needed: Pagefind's text is spaced already).
    const text = (/\s\s|[^\S ]/.test(raw) ? raw.replace(/\s+/g, ' ') : raw).trim();
    const starts = wordStarts(text);
    const headings = (page.anchors ?? [])
      .filter((a) => /^h\d$/i.test(a.element) && a.id && a.text && /\S/.test(a.text))
      .sort((a, b) => a.location - b.location);
    known = { count: starts.length - 1, text, starts, ...matchedText(text, starts.length - 1), headings };
    tokenized.set(page, known);
  }
  return known;
}

/** Word `i` of a page as written. */
const wordAt = (t: Tokens, i: number) => t.text.slice(t.starts[i], t.starts[i + 1] - 1);

// The word-by-word match of the page being made into a hit, kept and grown rather than made per
// hit (pageHit runs from start to end without awaiting, so no two use it at once): a page's worth
// for every hit of every query was enough fresh memory to make the engine collect its whole heap
// every second or so under load.
let matchedWords = new Int32Array(0);

/** For each word of the page: which query word it starts with (the first that does), or -1. Valid until the next call. */
function matchWords(t: Tokens, stems: string[]): Int32Array {
  if (matchedWords.length < t.count) matchedWords = new Int32Array(Math.max(t.count, 2 * matchedWords.length));
  const matched = matchedWords.subarray(0, t.count).fill(-1);
  const { plain, plainStarts } = t;
  for (let s = 0; s < stems.length; s++) {
    for (let at = plain.indexOf(stems[s]); at !== -1; at = plain.indexOf(stems[s], at + 1)) {
      if (at && plain.charCodeAt(at - 1) !== 32) continue;
      const word = sortedIndexOf(plainStarts, at);
      if (word >= 0 && matched[word] < 0) matched[word] = s;
    }
  }
  return matched;
}

/**
 * Where `length` words from [from, to) show the most different query words, then the most
 * matches; the earliest such window, led in by a few words before its first match.
 */
function densest(matched: Int32Array, from: number, to: number, length: number, kinds: number): number {
  if (to - from <= length) return from;
  // How many times each query word shows in the window, and how many different ones do.
  const counts = new Int32Array(kinds);
  let distinct = 0;
  const step = (i: number, by: number) => {
    const s = matched[i];
    if (s < 0) return;
    if (by > 0 ? counts[s]++ === 0 : --counts[s] === 0) distinct += by;
  };
  let hits = 0;
  for (let i = from; i < from + length; i++) { step(i, 1); if (matched[i] >= 0) hits++; }
  const value = () => distinct * 1000 + hits;
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
function excerptHtml(t: Tokens, matched: Int32Array, start: number, length: number): string {
  const end = Math.min(start + length, t.count);
  let html = '';
  // Runs of unmarked words are one slice of the text each: its words are spaced by one space.
  for (let i = start; i < end;) {
    if (html) html += ' ';
    if (matched[i] >= 0) {
      html += `<mark>${escapeHtml(wordAt(t, i))}</mark>`;
      i++;
      continue;
    }
    let j = i;
    while (j < end && matched[j] < 0) j++;
    html += escapeHtml(t.text.slice(t.starts[i], t.starts[j] - 1));
    i = j;
  }
  return html;
}

/**
 * A page as a search hit for `words` (the searched words of the query): the excerpt where they
 * are densest, and up to three of its headed sections that hold them, those holding the most
 * different words first.
 */
export function pageHit(page: PageText, searched: string[]): SearchHit {
  const t = tokens(page);
  const stems = wordStems(searched);
  const matched = matchWords(t, stems);
  const start = densest(matched, 0, t.count, excerptWords, stems.length);

  const { headings } = t;
  const held = new Uint8Array(stems.length);
  const sections = headings.map((h, i) => {
    const to = Math.min(headings[i + 1]?.location ?? t.count, t.count);
    held.fill(0);
    let matches = 0, distinct = 0;
    for (let j = h.location; j < to; j++) {
      if (matched[j] < 0) continue;
      matches++;
      if (!held[matched[j]]) { held[matched[j]] = 1; distinct++; }
    }
    return { h, from: h.location, to, matches, distinct };
  }).filter((s) => s.matches > 0)
    .sort((a, b) => b.distinct - a.distinct || b.matches - a.matches || a.from - b.from)
    .slice(0, subResultsShown);

  return {
    url: page.url,
    title: page.meta.title ?? page.url,
    excerpt: excerptHtml(t, matched, start, excerptWords),
    category: page.meta.category,
    type: page.meta.type,
    subResults: sections.map(({ h, from, to }) => {
      const at = densest(matched, from, to, excerptWords, stems.length);
      return { title: h.text!, url: `${page.url}#${h.id}`, excerpt: excerptHtml(t, matched, at, Math.min(excerptWords, to - at)) };
    }),
  };
}
