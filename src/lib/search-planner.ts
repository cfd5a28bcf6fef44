// The query planner: turns what a customer typed into the searches Pagefind runs. It drops stop
// words, maps the team's synonyms, corrects typos against the index's own vocabulary, and relaxes
// a query whose words together find too little, as Meilisearch's "frequency" matching strategy
// does. Pure: the vocabulary, stop words, synonyms and the search itself come in as arguments, so
// the server and the browser fallback plan the same query the same way.

import { sortedIndexOf } from './sorted.ts';

/** What the planner knows of a build (see search-vocabulary.ts, which makes one from the file). */
export interface SearchWorld {
  /** Each word of the index and how many articles hold it. */
  documents: ReadonlyMap<string, number>;
  /** Articles in the index. */
  articles: number;
  stopWords: ReadonlySet<string>;
  /** A customer's word → the article's word(s), from content/search/synonyms.yaml. */
  synonyms: ReadonlyMap<string, string>;
  /** The most articles any word starting with `prefix` is in; 0 when no word starts so. */
  completions: (prefix: string) => number;
  /** Words of the vocabulary within `maxDistance` edits of `word`, closest first. */
  nearWords: (word: string, maxDistance: number) => Array<{ word: string; distance: number }>;
}

export interface PlannedWord {
  /** As the customer typed it (lowercased). */
  typed: string;
  /** What is searched instead: the same word, a synonym or a correction. */
  searched: string;
  /**
   * Articles holding the searched word(s); 0 for a word the index does not have, which is not
   * searched at all: Pagefind would match it by its first letters ("zzqx" finds "Z.").
   */
  documents: number;
  change?: 'synonym' | 'typo';
}

export interface QueryPlan {
  /** The words searched, in the order typed; empty when the query is searched as typed. */
  words: PlannedWord[];
  /** The text searched when `words` is empty (only stop words, or no word at all). */
  asTyped: string;
  /** Articles in the index, to weigh words by how few hold them. */
  articles: number;
}

/** What a search did to the query, for the reader ("Showing results for …") and the team. */
export interface PlanOutcome {
  /** The words searched when a typo or synonym changed some, e.g. "password". */
  correctedTo?: string;
  /** Typed words the best answer lacks: all together found too little, or the index has none. */
  dropped?: string[];
}

// Bounds: a query is at most 200 characters (the routes check); past 10 words a question is a
// paragraph, and each extra word costs a search when relaxing.
export const maxPlannedWords = 10;
/** Fewer results than this from all words together and the planner relaxes the query. */
export const enoughResults = 3;

/** Words as the index splits them: letters and digits, lowercased, apostrophes joined ("can't" → "cant"). */
export function queryWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(/['’]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Edits tolerated for a word of this length: none below 4 letters, one up to 7, two from 8. */
export function typoBudget(word: string): number {
  if (/\p{N}/u.test(word) || word.length < 4) return 0;
  return word.length < 8 ? 1 : 2;
}

function plannedWord(typed: string, world: SearchWorld, exact: boolean): PlannedWord {
  const documentsOf = (words: string) => Math.min(...queryWords(words).map((w) => world.documents.get(w) ?? 0));
  const known = world.documents.get(typed) ?? 0;
  if (exact) return { typed, searched: typed, documents: known };
  const synonym = world.synonyms.get(typed);
  if (synonym) return { typed, searched: synonym, documents: documentsOf(synonym), change: 'synonym' };
  if (known) return { typed, searched: typed, documents: known };
  // A word being typed ("passw"): Pagefind completes it; correcting it would cut it short ("pass").
  const completed = world.completions(typed);
  if (completed) return { typed, searched: typed, documents: completed };
  // The closest word the index holds; between equally close ones, the one most articles hold.
  const near = world.nearWords(typed, typoBudget(typed)).filter((n) => !world.stopWords.has(n.word));
  const best = near.sort((a, b) => a.distance - b.distance || (world.documents.get(b.word) ?? 0) - (world.documents.get(a.word) ?? 0) || a.word.localeCompare(b.word))[0];
  if (!best) return { typed, searched: typed, documents: 0 };
  return { typed, searched: best.word, documents: world.documents.get(best.word) ?? 0, change: 'typo' };
}

/**
 * Plans a query. `exact` ("search instead for …") keeps the typed words: no synonym, no
 * correction, though stop words still go and relaxing still applies.
 */
export function planQuery(query: string, world: SearchWorld, exact = false): QueryPlan {
  const typed = queryWords(query).slice(0, maxPlannedWords);
  const meaningful = [...new Set(typed.filter((w) => !world.stopWords.has(w)))];
  // A query of stop words only ("how to") is searched as typed rather than as nothing.
  if (!meaningful.length) return { words: [], asTyped: query.trim(), articles: world.articles };
  return { words: meaningful.map((w) => plannedWord(w, world, exact)), asTyped: query.trim(), articles: world.articles };
}

/**
 * What a plan's answer depends on, as a cache key: queries that differ only in stop words, case,
 * punctuation or spacing ("How do I reset my password?", "reset password") plan the same searches
 * and get the same answer, so they share one entry.
 */
export function planKey(plan: QueryPlan): string {
  if (!plan.words.length) return `as typed: ${plan.asTyped.toLowerCase().replace(/\s+/g, ' ')}`;
  return plan.words.map((w) => (w.typed === w.searched ? w.typed : `${w.typed}>${w.searched}`)).join(' ');
}

/** The search text of a set of planned words. */
const text = (words: PlannedWord[]) => words.map((w) => w.searched).join(' ');

/** The outcome of a plan, as the reader and the team see it. */
export function planOutcome(plan: QueryPlan, dropped: PlannedWord[] = []): PlanOutcome {
  const outcome: PlanOutcome = {};
  if (plan.words.some((w) => w.change)) outcome.correctedTo = text(plan.words);
  if (dropped.length) outcome.dropped = dropped.map((w) => w.typed);
  return outcome;
}

/** How much finding a word says about a page: more the fewer articles hold it (BM25's idf). */
const weight = (w: PlannedWord, articles: number) => Math.log(1 + articles / Math.max(w.documents, 1));

/** Up to this many words, a query is keywords, each meant; longer, it is a question in a customer's words. */
export const maxKeywords = 3;

/**
 * One word's search results as runPlan merges them: each page's id and Pagefind score, best
 * first, and the same pages by number (see `pageNumber`), ascending, so that two words' pages
 * meet by merging two sorted arrays rather than by looking each page up. Small (no excerpt data,
 * some 60 bytes a page), so a caller may keep a word's results between queries.
 */
export interface WordResults {
  ids: string[];
  scores: Float64Array;
  pages: Int32Array;
  pageScores: Float64Array;
}

// Pages are numbered as they are first seen (by any word of any build this process searched): a
// few bytes per page, and a page changed by a redeploy adds one number.
const pageNumbers = new Map<string, number>();
const pageIds: string[] = [];
function pageNumber(id: string): number {
  let n = pageNumbers.get(id);
  if (n === undefined) {
    n = pageIds.length;
    pageNumbers.set(id, n);
    pageIds.push(id);
  }
  return n;
}

export function wordResults<T>(results: T[], id: (result: T) => string, score: (result: T) => number): WordResults {
  const order = results.map((r, i) => {
    const pageId = id(r);
    return { i, s: score(r), id: pageId, n: pageNumber(pageId) };
  }).sort((a, b) => b.s - a.s || a.i - b.i);
  const byPage = [...order].sort((a, b) => a.n - b.n);
  // Each page's id as first seen, not the copy this search made: a server keeps some 250,000
  // pages' worth of word results, and one string per page instead of one per word and page is
  // 360,000 fewer objects for each garbage collection to walk.
  return { ids: order.map((o) => pageIds[o.n]), scores: Float64Array.from(order, (o) => o.s), pages: Int32Array.from(byPage, (o) => o.n), pageScores: Float64Array.from(byPage, (o) => o.s) };
}

const holds = (list: WordResults, id: string) => {
  const page = pageNumbers.get(id);
  return page !== undefined && sortedIndexOf(list.pages, page) >= 0;
};

/** One page a plan found. */
export interface PlannedHit {
  id: string;
  score: number;
  /** The planned words the page holds. */
  held: PlannedWord[];
}

interface Scored { id: string; score: number }
const better = (a: Scored, b: Scored) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Pages by number with their scores, in arrays (see `merged`). */
interface PageScores { pages: Int32Array; scores: Float64Array; count: number }

/**
 * The best `limit` of the first `count` pages, best first (see `better`), without sorting all of
 * them, and with an object only for a page that makes the top, none for the thousands that do not.
 */
function bestPages({ pages, scores, count }: PageScores, limit: number): Scored[] {
  const top: Scored[] = [];
  for (let i = 0; i < count; i++) {
    const score = scores[i];
    if (top.length === limit) {
      const last = top[limit - 1];
      if (score < last.score || (score === last.score && !(pageIds[pages[i]] < last.id))) continue;
    }
    const p = { id: pageIds[pages[i]], score };
    let j = top.length;
    while (j > 0 && better(p, top[j - 1]) < 0) j--;
    top.splice(j, 0, p);
    if (top.length > limit) top.pop();
  }
  return top;
}

/**
 * Arrays a merge fills, kept and grown as needed rather than made per query: at 10,000 articles a
 * merge meets thousands of pages, and a query's worth of fresh arrays (some 100 KB, most of it
 * outside the JavaScript heap) made the engine collect its whole heap every second or so under
 * load. A merge runs from start to end without awaiting, so no two use them at once.
 */
const scratch = { pages: new Int32Array(0), scores: new Float64Array(0), sums: new Float64Array(0), seen: new Uint8Array(0), touched: new Int32Array(0) };
function merged(size: number): PageScores {
  if (scratch.pages.length < size) {
    const length = Math.max(size, 2 * scratch.pages.length);
    scratch.pages = new Int32Array(length);
    scratch.scores = new Float64Array(length);
  }
  return { pages: scratch.pages, scores: scratch.scores, count: 0 };
}
/** Per-page sums over every page numbered so far, all zero, and room to list the pages touched. */
function sumsForAllPages(): { sums: Float64Array; seen: Uint8Array; touched: Int32Array } {
  if (scratch.sums.length < pageIds.length) {
    const length = Math.max(pageIds.length, 2 * scratch.sums.length);
    scratch.sums = new Float64Array(length);
    scratch.seen = new Uint8Array(length);
    scratch.touched = new Int32Array(length);
  }
  return scratch;
}

/**
 * Runs a plan. Each planned word is searched alone (a word's results do not depend on the
 * query, so `lookup` may keep them) and pages are merged here. A page scores, for each word it
 * holds, Pagefind's score for that word as a share of the best page's, weighted by how few
 * articles hold the word (BM25's idf): a page that matches a rare word well beats one that
 * matches a common word best, and one word's long list cannot drown the others.
 * Keywords ("outgoing mail port") must all be held: while the pages holding all of them are
 * fewer than `enough`, the least informative word (the one most articles hold) goes and the
 * pages holding the rest follow, so articles holding more of the query rank above those holding
 * fewer (Meilisearch's "frequency" matching strategy). A question ("which ports do i need to open
 * so my website works") is ranked over every page holding any of its words from the start, as
 * customers' filler words ("need", "works") are rarely in the answer. A page is listed once.
 * Returns the first `limit` pages and how many were found.
 */
export async function runPlan(plan: QueryPlan, lookup: (text: string) => WordResults | Promise<WordResults>, limit: number, enough = enoughResults): Promise<{ hits: PlannedHit[]; total: number; outcome: PlanOutcome }> {
  // No word at all (emoji, punctuation): nothing a word index could match.
  if (!plan.words.length) {
    if (!queryWords(plan.asTyped).length) return { hits: [], total: 0, outcome: {} };
    const found = await lookup(plan.asTyped);
    const hits = found.ids.slice(0, limit).map((id, i) => ({ id, score: found.scores[i], held: [] }));
    return { hits, total: found.ids.length, outcome: {} };
  }
  // Words the index lacks cannot match: they are left out from the start, and a query of
  // nothing else finds nothing ("zzqx", "asdfghjk").
  const unknown = plan.words.filter((w) => !w.documents);
  const words = plan.words.filter((w) => w.documents);
  if (!words.length) return { hits: [], total: 0, outcome: planOutcome(plan, unknown) };
  const lists = new Map<PlannedWord, WordResults>();
  for (const w of words) lists.set(w, await lookup(w.searched));
  // A page's score for a word, as a share of the best page's for that word, times the word's weight.
  const factor = new Map(words.map((w) => [w, weight(w, plan.articles) / (lists.get(w)!.scores[0] || 1)]));

  /** A page's score over `among` (all of which it holds), or undefined when it lacks one. */
  const scoreOver = (id: string, among: PlannedWord[]) => {
    const page = pageNumbers.get(id);
    if (page === undefined) return undefined;
    let total = 0;
    for (const w of among) {
      const list = lists.get(w)!;
      const at = sortedIndexOf(list.pages, page);
      if (at < 0) return undefined;
      total += list.pageScores[at] * factor.get(w)!;
    }
    return total;
  };
  /** Pages holding every word of `among`: the shortest list merged with the others, by page number. */
  const holdingAll = (among: PlannedWord[]): PageScores => {
    const shortest = among.reduce((a, b) => (lists.get(b)!.ids.length < lists.get(a)!.ids.length ? b : a));
    const { pages, pageScores } = lists.get(shortest)!;
    const others = among.filter((w) => w !== shortest).map((w) => ({ pages: lists.get(w)!.pages, scores: lists.get(w)!.pageScores, f: factor.get(w)!, at: 0 }));
    const f = factor.get(shortest)!;
    const found = merged(pages.length);
    next: for (let i = 0; i < pages.length; i++) {
      const page = pages[i];
      let score = pageScores[i] * f;
      for (const o of others) {
        while (o.at < o.pages.length && o.pages[o.at] < page) o.at++;
        if (o.at === o.pages.length) break next;
        if (o.pages[o.at] !== page) continue next;
        score += o.scores[o.at] * o.f;
      }
      found.pages[found.count] = page;
      found.scores[found.count++] = score;
    }
    return found;
  };
  /** The best `limit` pages holding any word, each scored with the sum over the words it holds; and how many hold one. */
  const bestHoldingAny = (limit: number) => {
    const { sums, seen, touched } = sumsForAllPages();
    let count = 0;
    for (const w of words) {
      const { pages, pageScores } = lists.get(w)!;
      const f = factor.get(w)!;
      for (let i = 0; i < pages.length; i++) {
        if (!seen[pages[i]]) { seen[pages[i]] = 1; touched[count++] = pages[i]; }
        sums[pages[i]] += pageScores[i] * f;
      }
    }
    const found = merged(count);
    for (let i = 0; i < count; i++) {
      found.pages[i] = touched[i];
      found.scores[i] = sums[touched[i]];
      sums[touched[i]] = 0; // left as found for the next query
      seen[touched[i]] = 0;
    }
    found.count = count;
    return { hits: bestPages(found, limit), count };
  };
  const planned = (p: Scored): PlannedHit => ({ ...p, held: words.filter((w) => holds(lists.get(w)!, p.id)) });

  if (words.length > maxKeywords) {
    const { hits: top, count } = bestHoldingAny(limit);
    const hits = top.map(planned);
    // What the best answer does without: the typed words it does not hold.
    const dropped = hits[0] ? words.filter((w) => !hits[0].held.includes(w)) : [];
    return { hits, total: count, outcome: planOutcome(plan, [...unknown, ...dropped]) };
  }
  const all = holdingAll(words);
  const count = all.count;
  const together = bestPages(all, Math.max(limit, enough));
  if (count >= enough || words.length === 1) return { hits: together.slice(0, limit).map(planned), total: count, outcome: planOutcome(plan, unknown) };
  // Keywords: the most common word goes, the pages holding the rest follow, until enough.
  const found = [...together];
  const seen = new Set(found.map((p) => p.id));
  const dropped: PlannedWord[] = [];
  let rest = words;
  while (found.length < enough && rest.length > 1) {
    const common = rest.reduce((a, b) => (b.documents > a.documents ? b : a));
    dropped.push(common);
    rest = rest.filter((w) => w !== common);
    const holding = holdingAll(rest);
    const more: Scored[] = [];
    for (let i = 0; i < holding.count; i++) if (!seen.has(pageIds[holding.pages[i]])) more.push({ id: pageIds[holding.pages[i]], score: holding.scores[i] });
    // Pages holding the rest are scored over every word they hold, so the dropped words still count.
    for (const p of more.map((m) => ({ id: m.id, score: scoreOver(m.id, words.filter((w) => holds(lists.get(w)!, m.id)))! })).sort(better)) {
      seen.add(p.id);
      found.push(p);
    }
  }
  // The words the first answer lacks, when all together found nothing.
  return { hits: found.slice(0, limit).map(planned), total: found.length, outcome: planOutcome(plan, [...unknown, ...(together.length ? [] : dropped)]) };
}

/** One line for the search-gaps console: what the search did to the query, or undefined. */
export function describeOutcome(outcome: PlanOutcome): string | undefined {
  const parts = [
    outcome.correctedTo && `searched as “${outcome.correctedTo}”`,
    outcome.dropped?.length && `without ${outcome.dropped.map((w) => `“${w}”`).join(', ')}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}
