// The query planner on a small fixed vocabulary: stop words, synonyms, typo budgets, relaxing
// and the words it refuses to search. Searches run over a few in-memory articles.
import { describe, expect, it } from 'vitest';
import { describeOutcome, planKey, planQuery, queryWords, runPlan, typoBudget, wordResults } from '../../src/lib/search-planner';
import { countWords, searchWorld } from '../../src/lib/search-vocabulary';

const articles: Record<string, string> = {
  'change-password': 'change the password of your mailbox in the control panel',
  'firewall': 'open or close ports on the vps firewall',
  'dns': 'dns record types explained: a record, mx record, txt record',
  'ssl': 'install a free ssl certificate on your website; the browser then shows a padlock',
  'invoices': 'download your invoices as pdf for accounting',
  'smtp': 'your provider blocks the smtp port: send email on port 587',
  'certificates': 'certificates for mail servers and the website',
  'ssl-renewal': 'renew the certificate before it expires',
};
const world = searchWorld({
  articles: Object.keys(articles).length,
  words: countWords(Object.values(articles)),
  stopWords: ['how', 'do', 'i', 'my', 'the', 'to', 'can', 'of', 'on', 'a'],
  synonyms: { bill: 'invoices', https: 'ssl' },
});

/** Articles holding every word (as Pagefind's AND), scored by how many times they hold them. */
async function search(text: string) {
  const words = queryWords(text);
  return Object.entries(articles)
    .filter(([, body]) => words.every((w) => queryWords(body).includes(w)))
    .map(([id, body]) => ({ id, score: words.reduce((n, w) => n + queryWords(body).filter((b) => b === w).length, 0) }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
const ask = async (query: string, exact = false) => {
  const { hits, total, outcome } = await runPlan(planQuery(query, world, exact), async (text) => wordResults(await search(text), (r) => r.id, (r) => r.score), 20);
  expect(total).toBeGreaterThanOrEqual(hits.length);
  return { ids: hits.map((r) => r.id), outcome };
};

describe('planQuery', () => {
  it.each([
    ['pasword', 'password', 'a one-letter slip in a 7-letter word'],
    ['firwall', 'firewall', 'a missing letter'],
    ['certficate', 'certificate', 'one edit in a long word'],
    ['certfcate', 'certificate', 'two edits in a word of 8 letters or more'],
  ])('corrects "%s" to "%s" (%s)', (typed, searched) => {
    expect(planQuery(typed, world).words).toEqual([expect.objectContaining({ typed, searched, change: 'typo' })]);
  });

  it.each([
    ['pasord', 'two edits in a word of 4 to 7 letters'],
    ['qx', 'a word under 4 letters'],
    ['5878', 'a number'],
    ['zzqx', 'nonsense'],
  ])('leaves "%s" alone (%s) and marks it unknown', (typed) => {
    expect(planQuery(typed, world).words).toEqual([{ typed, searched: typed, documents: 0 }]);
  });

  it('prefers the word more articles hold between two equally close ones', () => {
    // "recorf" is one edit from "record" (1 article) only; "certificatez" from both forms, the
    // plural held by one article and the singular by one: the alphabetical tie-break is stable.
    expect(planQuery('recorf', world).words[0].searched).toBe('record');
    expect(typoBudget('certificatez')).toBe(2);
  });

  it('drops stop words, but searches a query of stop words only as typed', () => {
    expect(planQuery('how do I change my password', world).words.map((w) => w.searched)).toEqual(['change', 'password']);
    expect(planQuery('how do I', world)).toMatchObject({ words: [], asTyped: 'how do I' });
  });

  it('maps the team\'s synonyms before anything else, and not when asked for the exact words', () => {
    expect(planQuery('bill', world).words[0]).toMatchObject({ searched: 'invoices', change: 'synonym' });
    expect(planQuery('bill', world, true).words[0]).toEqual({ typed: 'bill', searched: 'bill', documents: 0 });
    expect(planQuery('pasword', world, true).words[0]).toMatchObject({ searched: 'pasword', documents: 0 });
  });

  it('keeps a word being typed for Pagefind to complete instead of correcting it', () => {
    expect(planQuery('passw', world).words[0]).toMatchObject({ searched: 'passw', documents: 1 });
    expect(planQuery('passw', world).words[0].change).toBeUndefined();
  });

  it('bounds the words planned', () => {
    expect(planQuery('firewall '.repeat(50), world).words).toHaveLength(1);
    expect(planQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '), world).words).toHaveLength(10);
  });
});

describe('runPlan', () => {
  it('answers typos with the article they meant', async () => {
    expect(await ask('vps firwall')).toEqual({ ids: ['firewall'], outcome: { correctedTo: 'vps firewall' } });
    expect(await ask('dns recrod')).toMatchObject({ ids: ['dns'] });
  });

  it('answers a question whose words are not all in one article, the article holding the rarest first', async () => {
    const { ids, outcome } = await ask('how can I make my site load over https');
    expect(ids[0]).toBe('ssl');
    expect(outcome.correctedTo).toContain('ssl');
  });

  it('relaxes keywords that find nothing together by dropping the word most articles hold', async () => {
    const { ids, outcome } = await ask('website password');
    expect(ids).toEqual(['change-password']);
    expect(outcome.dropped).toEqual(['website']);
    expect(describeOutcome(outcome)).toBe('without “website”');
  });

  it('relaxes keywords that find too few together, articles holding all of them first', async () => {
    expect(await ask('website certificate')).toEqual({ ids: ['ssl', 'ssl-renewal'], outcome: {} });
  });

  it('does not relax keywords that find enough together', async () => {
    expect(await ask('website')).toEqual({ ids: ['certificates', 'ssl'], outcome: {} });
  });

  it.each(['zzqx', 'asdfghjk', 'a'.repeat(200), '😀🙈', 'xylophone quartz'])('finds nothing for nonsense: %s', async (q) => {
    expect((await ask(q)).ids).toEqual([]);
  });

  it('searches each planned word alone, so a word kept from an earlier query is not searched again', async () => {
    const asked: string[] = [];
    const kept = new Map<string, ReturnType<typeof wordResults>>();
    const lookup = async (text: string) => {
      if (!kept.has(text)) { asked.push(text); kept.set(text, wordResults(await search(text), (r) => r.id, (r) => r.score)); }
      return kept.get(text)!;
    };
    const first = await runPlan(planQuery('website certificate', world), lookup, 20);
    expect(asked).toEqual(['website', 'certificate']);
    await runPlan(planQuery('renew certificate', world), lookup, 20);
    expect(asked).toEqual(['website', 'certificate', 'renew']);
    expect(first.hits.map((h) => [h.id, h.held.map((w) => w.searched)])).toEqual([['ssl', ['website', 'certificate']], ['ssl-renewal', ['certificate']]]);
  });

  it('gives the first pages and how many were found', async () => {
    const { hits, total } = await runPlan(planQuery('website', world), async (text) => wordResults(await search(text), (r) => r.id, (r) => r.score), 1);
    expect(hits.map((h) => h.id)).toEqual(['certificates']);
    expect(total).toBe(2);
  });

  it('says what it did, for the search-gaps console', async () => {
    expect(describeOutcome((await ask('pasword zzqx')).outcome)).toBe('searched as “password zzqx”, without “zzqx”');
    expect(describeOutcome((await ask('password')).outcome)).toBeUndefined();
  });
});

describe('planKey', () => {
  it.each([
    ['How do I change my password?', 'change  PASSWORD', 'stop words, case, punctuation and spacing'],
    ['https', 'https!', 'a synonym, typed the same'],
    ['the how', 'The how', 'only stop words, searched as typed'],
  ])('gives "%s" and "%s" one key (%s)', (a, b) => {
    expect(planKey(planQuery(a, world))).toBe(planKey(planQuery(b, world)));
  });

  it.each([
    ['pasword', 'password', 'a corrected word shows the reader what it became, the right one does not'],
    ['password change', 'change password', 'the order of the words'],
    ['https', 'ssl', 'a synonym and the word it stands for'],
    ['how to', 'how do', 'different stop words only'],
  ])('keeps "%s" and "%s" apart (%s)', (a, b) => {
    expect(planKey(planQuery(a, world))).not.toBe(planKey(planQuery(b, world)));
  });
});
