// Pagefind running in the server: a real index written by Pagefind's own indexer into a temp
// folder, searched through src/server/search.ts as /api/search and the search page do.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSearch } from '../../src/lib/search-answer';
import { countWords, searchWorld, vocabularyFileName } from '../../src/lib/search-vocabulary';
import { loadPagefind, SearchUnavailable, searchAnswerBody, searchArticles, searchSources } from '../../src/server/search';

const articles = [
  { url: '/articles/email/mail-client-settings/', title: 'Which server settings do I use for my email app?', category: 'Email setup', type: 'FAQ',
    body: '<h2 id="incoming">Incoming server</h2><p>IMAP uses port 993 with SSL.</p><h2 id="outgoing">Outgoing server</h2><p>SMTP sends mail on port 465 or 587.</p>' },
  { url: '/articles/domains-dns/renew-a-domain/', title: 'How do I renew a domain before it expires?', category: 'Domains and DNS', type: 'Tutorial',
    body: '<p>Renew the domain from the control panel before the expiry date. After expiry the domain enters redemption.</p>' },
  { url: '/articles/billing-account/automatic-renewal/', title: 'How does automatic renewal work?', category: 'Billing and account', type: 'FAQ',
    body: '<p>Automatic renewal charges the card on file thirty days before a domain or plan expires.</p>' },
  { url: '/articles/security/reset-password/', title: 'How do I reset my password?', category: 'Security and privacy', type: 'FAQ',
    body: '<p>Ask for a reset link on the sign-in page; it is valid for one hour.</p>' },
  { url: '/articles/backups/restore-a-backup/', title: 'How do I restore a backup?', category: 'Backups', type: 'Tutorial',
    body: '<h2 id="files">Files</h2><p>Pick the day in the backup list, then the folder, and restore it over the current files or beside them.</p>' +
      '<h2 id="databases">Databases</h2><p>Choose the database and the time; the restore replaces the tables, so export the current ones first.</p>' },
];

function page(a: (typeof articles)[number]): string {
  return `<!doctype html><html lang="en"><head><title>${a.title}</title></head><body><article data-pagefind-body>` +
    `<h1 data-pagefind-meta="title">${a.title}</h1>` +
    `<p><span data-pagefind-filter="type" data-pagefind-meta="type">${a.type}</span> <span data-pagefind-filter="category" data-pagefind-meta="category">${a.category}</span></p>` +
    `${a.body}</article></body></html>`;
}

let clientDir: string;
/** The same index with the query planner's vocabulary beside it, as `npm run build` writes it. */
let plannedDir: string;
const vocabulary = {
  articles: articles.length,
  words: countWords(articles.map((a) => `${a.title} ${a.type} ${a.category} ${a.body.replace(/<[^>]+>/g, ' ')}`)),
  stopWords: ['how', 'do', 'i', 'my', 'a', 'the', 'it', 'on', 'or', 'before'],
  synonyms: { bill: 'card' },
};
beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-search-'));
  const { index } = await pagefind.createIndex({});
  for (const a of articles) await index!.addHTMLFile({ url: a.url, content: page(a) });
  await index!.writeFiles({ outputPath: path.join(clientDir, 'pagefind') });
  await pagefind.close();
  plannedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-search-planned-'));
  fs.cpSync(path.join(clientDir, 'pagefind'), path.join(plannedDir, 'pagefind'), { recursive: true });
  fs.writeFileSync(path.join(plannedDir, 'pagefind', vocabularyFileName), JSON.stringify(vocabulary));
}, 60_000);
afterAll(() => {
  fs.rmSync(clientDir, { recursive: true, force: true });
  fs.rmSync(plannedDir, { recursive: true, force: true });
});

describe('searchArticles (Pagefind in the server)', () => {
  it('ranks the matching article first, with its title, category, kind, marked excerpt and sections', async () => {
    const { hits, total } = await searchArticles('outgoing mail port', {}, 5, clientDir);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(hits[0]).toMatchObject({ url: articles[0].url, title: articles[0].title, category: 'Email setup', type: 'FAQ' });
    expect(hits[0].excerpt).toMatch(/<mark>port<\/mark>/);
    expect(hits[0].subResults.map((s) => s.url)).toContain(`${articles[0].url}#outgoing`);
    expect(Object.keys(hits[0].subResults[0]).sort()).toEqual(['excerpt', 'title', 'url']);
  });

  it('narrows by category and by kind, and limits how many hits carry data', async () => {
    const all = await searchArticles('renewal', {}, 10, clientDir);
    expect(all.hits.map((h) => h.url).sort()).toEqual([articles[1].url, articles[2].url].sort());
    const billing = await searchArticles('renewal', { category: 'Billing and account' }, 10, clientDir);
    expect(billing.hits.map((h) => h.url)).toEqual([articles[2].url]);
    const tutorials = await searchArticles('renewal', { type: 'Tutorial' }, 10, clientDir);
    expect(tutorials.hits.map((h) => h.url)).toEqual([articles[1].url]);
    const one = await searchArticles('renewal', {}, 1, clientDir);
    expect(one).toMatchObject({ total: 2 });
    expect(one.hits).toHaveLength(1);
  });

  it('answers concurrent searches each with their own results', async () => {
    const queries = ['imap', 'redemption', 'password', 'card', 'smtp', 'expiry', 'sign-in', 'control panel'];
    const alone = [];
    for (const q of queries) alone.push(await searchArticles(q, {}, 3, clientDir));
    // A different limit, so these are searched afresh rather than answered from the cache.
    const together = await Promise.all([...queries, ...queries].map((q) => searchArticles(q, {}, 2, clientDir)));
    expect(together).toEqual([...alone, ...alone].map((a) => ({ total: a.total, hits: a.hits.slice(0, 2) })));
    expect(alone.every((a) => a.total > 0)).toBe(true);
  });

  it('answers a query again the same way, whatever its case and spacing', async () => {
    const first = await searchArticles('Renew  Domain', {}, 5, clientDir);
    expect(first.hits[0].url).toBe(articles[1].url);
    expect(await searchArticles(' renew domain', {}, 5, clientDir)).toEqual(first);
  });

  it('finds nothing for words no article contains', async () => {
    expect(await searchArticles('xylophone quartz', {}, 5, clientDir)).toEqual({ hits: [], total: 0 });
  });

  it('reports a build without an index as unavailable rather than failing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-noindex-'));
    try {
      await expect(searchArticles('domain', {}, 5, empty)).rejects.toBeInstanceOf(SearchUnavailable);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('searchArticles with the query planner', () => {
  it('ranks by every word, marks each word the page shows and lists the section holding most of them first', async () => {
    const { hits } = await searchArticles('outgoing mail port', {}, 5, plannedDir);
    expect(hits[0].url).toBe(articles[0].url);
    expect(hits[0].excerpt).toMatch(/<mark>Outgoing<\/mark>/);
    expect(hits[0].excerpt).toMatch(/<mark>mail<\/mark>/);
    expect(hits[0].excerpt).toMatch(/<mark>port<\/mark>/);
    expect(hits[0].subResults[0]).toMatchObject({ url: `${articles[0].url}#outgoing`, title: 'Outgoing server' });
  });

  it('answers a whole question and a typo with the article that holds the words', async () => {
    expect((await searchArticles('how do i restore my database?', {}, 3, plannedDir)).hits[0].url).toBe(articles[4].url);
    const typo = await searchArticles('pasword', {}, 3, plannedDir);
    expect(typo.hits[0].url).toBe(articles[3].url);
    expect(typo.plan).toMatchObject({ correctedTo: 'password' });
  });

  it('answers as Pagefind in the browser does (the fallback), for keywords, questions, filters and typos', async () => {
    const browser = await loadPagefind(plannedDir);
    const world = searchWorld(vocabulary);
    const cases: Array<[string, { category?: string; type?: string }]> = [
      ['outgoing mail port', {}], ['renew domain', {}], ['renewal', { category: 'Billing and account' }],
      ['how do i restore a backup of my files and databases', {}], ['pasword reset', {}], ['domain zzqx', {}], ['the', {}],
    ];
    for (const [query, filters] of cases) {
      const server = await searchArticles(query, filters, 5, plannedDir);
      expect(await answerSearch(browser, world, { query, filters, limit: 5 }), query).toEqual(server);
    }
  });

  it('answers questions asked at once as it answers them one by one, searching a word several ask for once', async () => {
    const real = await loadPagefind(plannedDir);
    const searched: string[] = [];
    const pagefind = { search: (text: string, options: { filters: Record<string, string[]> }) => (searched.push(text), real.search(text, options)) };
    const world = searchWorld(vocabulary);
    const serverSources = () => searchSources(plannedDir);
    const queries = ['outgoing mail port', 'renew domain', 'restore database', 'mail', 'domain expiry', 'pasword'];
    const alone = [];
    for (const query of queries) alone.push(await answerSearch(pagefind, world, { query, filters: {}, limit: 3 }, serverSources()));
    searched.length = 0;
    const sources = serverSources();
    const together = await Promise.all([...queries, ...queries].map((query) => answerSearch(pagefind, world, { query, filters: {}, limit: 3 }, sources)));
    expect(together).toEqual([...alone, ...alone]);
    // "mail", "domain" and the rest are each asked for by several questions at once.
    const words = searched.filter((text) => text !== '');
    expect(words.length).toBeGreaterThan(0);
    expect(new Set(words).size).toBe(words.length);
  });
});

describe('searchAnswerBody (what /api/search sends)', () => {
  it('sends the answer as JSON, compressed in the encoding asked for once it passes 1 KB, the same as searchArticles answers', async () => {
    const answer = await searchArticles('the', {}, 20, clientDir);
    const plain = await searchAnswerBody('the', {}, 20, false, null, clientDir);
    expect(plain.encoding).toBeNull();
    expect(JSON.parse(Buffer.from(plain.body).toString())).toEqual(answer);
    const small = await searchAnswerBody('zzqx', {}, 20, false, 'br', clientDir); // a few bytes: not worth compressing
    expect(small.encoding).toBeNull();
    // Over 1 KB: the articles with their excerpts and sections.
    expect(plain.body.length).toBeGreaterThan(1024);
    const big = await searchAnswerBody('the', {}, 20, false, 'br', clientDir);
    expect(big.encoding).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(big.body as Uint8Array).toString())).toEqual(answer);
    expect((await searchAnswerBody('the', {}, 20, false, 'br', clientDir)).body).toEqual(big.body); // kept, not compressed again
    const gzipped = await searchAnswerBody('the', {}, 20, false, 'gzip', clientDir);
    expect(gzipped.encoding).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gzipped.body as Uint8Array).toString())).toEqual(answer);
  });
});
