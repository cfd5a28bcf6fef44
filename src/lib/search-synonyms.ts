// The team's search synonyms (content/search/synonyms.yaml): the schema authors write against,
// and its parsing with messages that name the file, the word and the fix.
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
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

/** Parses the file's text; `errors` name the file and the word at fault. */
export function parseSynonyms(source: string, file: string): { synonyms: Synonyms; errors: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(source) ?? {};
  } catch (e) {
    return { synonyms: {}, errors: [`${file}: is not valid YAML (${(e as Error).message.split('\n')[0]})`] };
  }
  const parsed = synonymsSchema.safeParse(raw);
  if (parsed.success) return { synonyms: parsed.data, errors: [] };
  return { synonyms: {}, errors: parsed.error.issues.map((i) => `${file}: ${i.path.map(String).join('.') || 'synonyms'} ${i.message}`) };
}
