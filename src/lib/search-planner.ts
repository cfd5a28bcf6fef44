// The query planner: turns what a customer typed into the searches Pagefind runs. It drops stop
// words, maps the team's synonyms, corrects typos against the index's own vocabulary, and relaxes
// a query whose words together find too little, as Meilisearch's "frequency" matching strategy
// does. Pure: the vocabulary, stop words, synonyms and the search itself come in as arguments, so
// the server and the browser fallback plan the same query the same way.

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
 * Runs a plan. Keywords ("outgoing mail port") are searched all together; while that finds
 * fewer than `enough`, the least informative word (the one most articles hold) goes and the rest
 * is searched again, the results merged in order, so articles holding more of the query rank
 * above those holding fewer (Meilisearch's "frequency" matching strategy). A question ("which
 * ports do i need to open so my website works") is ranked word by word from the start, as
 * customers' filler words ("need", "works") are rarely in the answer: each word is searched
 * alone and articles are ranked by the sum of Pagefind's scores for the words they hold, each
 * weighted by how few articles hold the word (BM25 over Pagefind's per-word scores).
 * A result is listed once.
 */
export async function runPlan<T>(plan: QueryPlan, search: (text: string) => Promise<T[]>, id: (result: T) => string, score: (result: T) => number, enough = enoughResults): Promise<{ results: T[]; outcome: PlanOutcome }> {
  // No word at all (emoji, punctuation): nothing a word index could match.
  if (!plan.words.length) return { results: queryWords(plan.asTyped).length ? await search(plan.asTyped) : [], outcome: {} };
  // Words the index lacks cannot match: they are left out from the start, and a query of
  // nothing else finds nothing ("zzqx", "asdfghjk").
  const unknown = plan.words.filter((w) => !w.documents);
  const words = plan.words.filter((w) => w.documents);
  if (!words.length) return { results: [], outcome: planOutcome(plan, unknown) };
  if (words.length > maxKeywords) return rankByWords(plan, words, unknown, search, id, score);
  const together = await search(text(words));
  if (together.length >= enough || words.length === 1) return { results: together, outcome: planOutcome(plan, unknown) };
  // Keywords: the most common word goes, the rest is searched again, until enough are found.
  const results = [...together];
  const seen = new Set(results.map(id));
  const dropped: PlannedWord[] = [];
  let rest = words;
  while (results.length < enough && rest.length > 1) {
    const common = rest.reduce((a, b) => (b.documents > a.documents ? b : a));
    dropped.push(common);
    rest = rest.filter((w) => w !== common);
    for (const r of await search(text(rest))) if (!seen.has(id(r))) { seen.add(id(r)); results.push(r); }
  }
  // The words the first answer lacks, when all together found nothing.
  return { results, outcome: planOutcome(plan, [...unknown, ...(together.length ? [] : dropped)]) };
}

/** A question, ranked by the words each article holds (see runPlan). */
async function rankByWords<T>(plan: QueryPlan, words: PlannedWord[], unknown: PlannedWord[], search: (text: string) => Promise<T[]>, id: (result: T) => string, score: (result: T) => number): Promise<{ results: T[]; outcome: PlanOutcome }> {

  const found = new Map<string, { result: T; held: Set<PlannedWord>; score: number }>();
  for (const w of words) {
    for (const result of await search(w.searched)) {
      const page = found.get(id(result)) ?? { result, held: new Set<PlannedWord>(), score: 0 };
      page.held.add(w);
      page.score += score(result) * weight(w, plan.articles);
      found.set(id(result), page);
    }
  }
  const ranked = [...found.values()].sort((a, b) => b.score - a.score);
  // What the best answer does without: the typed words it does not hold.
  const best = ranked[0];
  const dropped = best ? words.filter((w) => !best.held.has(w)) : [];
  return { results: ranked.map((p) => p.result), outcome: planOutcome(plan, [...unknown, ...dropped]) };
}

/** One line for the search-gaps console: what the search did to the query, or undefined. */
export function describeOutcome(outcome: PlanOutcome): string | undefined {
  const parts = [
    outcome.correctedTo && `searched as “${outcome.correctedTo}”`,
    outcome.dropped?.length && `without ${outcome.dropped.map((w) => `“${w}”`).join(', ')}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}
