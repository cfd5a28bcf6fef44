// content/search/synonyms.yaml through its real schema: what authors see when a line is wrong.
import { describe, expect, it } from 'vitest';
import { parseSynonyms } from '../../src/lib/search-synonyms';
import { checkSynonyms } from '../../src/lib/search-synonyms-fs';

const file = 'content/search/synonyms.yaml';

describe('parseSynonyms', () => {
  it('reads a customer word and the article words it stands for', () => {
    expect(parseSynonyms('bill: invoice\nhttps: ssl certificate\n', file)).toEqual({ synonyms: { bill: 'invoice', https: 'ssl certificate' }, errors: [] });
  });

  it('takes an empty file as no synonyms', () => {
    expect(parseSynonyms('# none yet\n', file)).toEqual({ synonyms: {}, errors: [] });
  });

  it.each([
    ['Bill: invoice', `${file}:1: Bill must be one lowercase word (letters and digits only)`],
    ['bill: Invoice', `${file}:1: bill must be lowercase words separated by spaces, e.g. "ssl certificate"`],
    ['bill: a b c d', `${file}:1: bill must be one to three words`],
    ['bill: [invoice]', `${file}:1: bill must be the word(s) the articles use, e.g. invoice`],
    ['- bill', `${file}:1: synonyms must be a list of "word: replacement" lines`],
    ['bill: "invoice', `${file}:1: is not valid YAML`],
  ])('names the file, the word and the fix: %s', (source, message) => {
    expect(parseSynonyms(source, file).errors[0]).toContain(message);
  });

  it('the team\'s file is valid', () => {
    expect(checkSynonyms()).toEqual([]);
  });
});
