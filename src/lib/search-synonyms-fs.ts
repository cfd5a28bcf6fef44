// Reads content/search/synonyms.yaml for the build (content check, search index).
import fs from 'node:fs';
import { parseSynonyms, type Synonyms } from './search-synonyms.ts';

export const synonymsFile = 'content/search/synonyms.yaml';

export function readSynonyms(file = synonymsFile): { synonyms: Synonyms; errors: string[] } {
  // No file: no synonyms. The team adds one when the search-gaps console asks for it.
  if (!fs.existsSync(file)) return { synonyms: {}, errors: [] };
  return parseSynonyms(fs.readFileSync(file, 'utf8'), file);
}

/** The content check's view: the problems of the synonyms file, if any. */
export const checkSynonyms = (file = synonymsFile): string[] => readSynonyms(file).errors;
