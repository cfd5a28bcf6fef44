// The team's search synonyms (content/search/synonyms.yaml): the schema authors write against,
// and its parsing with messages that name the file, the word and the fix.
import { z } from 'zod';
import { parseYamlFile } from './content-files.ts';
import { queryWords } from './search-planner.ts';

const word = /^[\p{Ll}\p{N}]+$/u;

/** A customer's word → the word(s) the articles use. */
export const synonymsSchema = z.record(
  z.string().regex(word),
  z.string({ error: 'must be the word(s) the articles use, e.g. invoice' })
    .refine((s) => queryWords(s).join(' ') === s.trim(), 'must be lowercase words separated by spaces, e.g. "ssl certificate"')
    .refine((s) => queryWords(s).length >= 1 && queryWords(s).length <= 3, 'must be one to three words'),
  {
    error: (issue) => issue.code === 'invalid_key' ? 'must be one lowercase word (letters and digits only)'
      : issue.code === 'invalid_type' ? 'must be a list of "word: replacement" lines' : undefined,
  },
);

export type Synonyms = z.infer<typeof synonymsSchema>;

/** Parses the file's text; `errors` name the file, line and the word at fault. */
export function parseSynonyms(source: string, file: string): { synonyms: Synonyms; errors: string[] } {
  const checked = parseYamlFile(file, source, synonymsSchema, { holds: 'search synonyms', whole: 'synonyms', fallback: {} });
  return checked.ok ? { synonyms: checked.value, errors: [] } : { synonyms: {}, errors: checked.errors };
}
