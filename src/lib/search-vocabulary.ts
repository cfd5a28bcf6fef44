// The vocabulary of a build's search index (written by scripts/build/index-search.ts beside
// Pagefind's files as pagefind/vocabulary.json): every word with the number of articles holding
// it, the stop words and the team's synonyms. Typos are corrected against these words only, never
// against logged queries, so no correction can show one customer another's words.
import { SymSpell } from 'mnemonist';
import { queryWords, typoBudget, type SearchWorld } from './search-planner.ts';
import { lowerBound } from './sorted.ts';

export const vocabularyFileName = 'vocabulary.json';

export interface VocabularyFile {
  /** Articles indexed. */
  articles: number;
  /** Word → number of articles holding it. */
  words: Record<string, number>;
  stopWords: string[];
  synonyms: Record<string, string>;
}

/** Counts, for each word of the articles' indexed texts, the articles holding it. */
export function countWords(texts: Iterable<string>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of new Set(queryWords(t))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The planner's world for a vocabulary: lookups and a SymSpell index of its correctable words. */
export function searchWorld(file: VocabularyFile): SearchWorld {
  const documents = new Map(Object.entries(file.words));
  const stopWords = new Set(file.stopWords);
  // Only words a typo could be corrected to: SymSpell pre-computes their deletions, so numbers,
  // short words and stop words would only cost memory.
  const speller = new SymSpell({ maxDistance: 2, verbosity: 2 });
  for (const w of documents.keys()) if (w.length >= 3 && !/\p{N}/u.test(w) && !stopWords.has(w)) speller.add(w);
  const sorted = [...documents.keys()].sort();
  return {
    documents,
    articles: file.articles,
    completions: (prefix) => {
      // The first word ≥ prefix, then the words that start with it (a few).
      const lo = lowerBound(sorted, prefix);
      let most = 0;
      for (let i = lo; i < sorted.length && i < lo + 50 && sorted[i].startsWith(prefix); i++) most = Math.max(most, documents.get(sorted[i])!);
      return most;
    },
    stopWords,
    synonyms: new Map(Object.entries(file.synonyms)),
    nearWords: (word, maxDistance) => (maxDistance && typoBudget(word) ? speller.search(word) : [])
      .filter((m) => m.distance <= maxDistance)
      .map((m) => ({ word: m.term, distance: m.distance })),
  };
}
