// Pagefind in the server: the same index, script and WebAssembly the browser would download,
// run here so a reader's search costs one small JSON answer instead of Pagefind's files
// (about 125 KB before the first word at 10,000 articles). Files are read from the build's
// dist/client/pagefind; nothing is fetched over the network.
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { builtClientDir, server } from '../config';
import { isServedBuild, onBuildRetired } from './build-state';
import { createLimiter } from './rate-limit';
import type { Encoding } from '../lib/accept-encoding';
import { pagefindOptions, type SearchAnswer, type SearchFilters } from '../lib/search-hits';
import { answerSearch, keepWord, type PagefindModule, type SearchSources } from '../lib/search-answer';
import type { PageText } from '../lib/search-excerpt';
import { planKey, planQuery, type SearchWorld, type WordResults } from '../lib/search-planner';
import { searchWorld, vocabularyFileName, type VocabularyFile } from '../lib/search-vocabulary';

/** The build has no search index (astro dev, or a build without scripts/build/index-search.ts). */
export class SearchUnavailable extends Error {}

// pagefind.js addresses its files by URL; this origin is never contacted.
const origin = 'http://pagefind.invalid';

/** Pagefind of a build, loaded into this process (exported for tests that compare with the browser's path). */
export async function loadPagefind(clientDir: string): Promise<PagefindModule> {
  const bundleDir = path.join(clientDir, 'pagefind');
  let source: string;
  try {
    source = await fs.readFile(path.join(bundleDir, 'pagefind.js'), 'utf8');
  } catch {
    throw new SearchUnavailable(`No search index in ${bundleDir}: run npm run build.`);
  }
  // pagefind.js is a browser ES module. Run it as a function body instead, so that `fetch` inside
  // it is ours (reading files below bundleDir) and `window`/`document` are absent, as in a
  // worker. pagefind is pinned; tests/server/search.test.ts fails if its shape changes.
  const body = source
    .replace(/export\s*\{([^}]*)\};?\s*$/, 'return {$1};')
    .replaceAll('import.meta.url', JSON.stringify(`${origin}/pagefind/pagefind.js`));
  if (!body.endsWith('};') || body.includes('import.meta')) throw new Error(`Unexpected shape of ${bundleDir}/pagefind.js (Pagefind ${source.slice(0, 40)}…).`);

  const readBundleFile = async (input: RequestInfo | URL): Promise<Response> => {
    const { pathname } = new URL(String(input), origin);
    const file = path.join(clientDir, decodeURIComponent(pathname));
    if (!file.startsWith(bundleDir + path.sep)) return new Response(null, { status: 404 });
    try {
      return new Response(await fs.readFile(file));
    } catch {
      return new Response(null, { status: 404 });
    }
  };
  const pagefind = new Function('fetch', 'window', 'document', body)(readBundleFile, undefined, undefined) as PagefindModule;
  await pagefind.options({ ...pagefindOptions, basePath: '/pagefind/' });
  await pagefind.init();
  return pagefind;
}

/** The query planner's world of a build; none for a build indexed before the vocabulary existed. */
async function loadWorld(clientDir: string): Promise<SearchWorld | undefined> {
  let source: string;
  try {
    source = await fs.readFile(path.join(clientDir, 'pagefind', vocabularyFileName), 'utf8');
  } catch {
    return undefined;
  }
  return searchWorld(JSON.parse(source) as VocabularyFile);
}

interface Engine { pagefind: PagefindModule; world: SearchWorld | undefined; sources: SearchSources }

/**
 * What searches of one build share: each word's results (ids and scores, some 60 bytes a page;
 * at most 500,000 pages' worth, some 30 MB) and the pages' indexed text, read from Pagefind's
 * fragment files, with its words once an excerpt was made from it (at most 6,000 pages, some
 * 8 KB each: 50 MB). At 10,000 articles, a page read again costs a never-asked search 0.1 ms.
 */
export function searchSources(clientDir: string): SearchSources {
  const words = new LRUCache<string, WordResults>({ maxSize: 500_000, sizeCalculation: (w) => w.ids.length + 1 });
  const pages = new LRUCache<string, PageText>({ max: 6_000 });
  const fragmentDir = path.join(clientDir, 'pagefind', 'fragment');
  return {
    words,
    page: async (id) => {
      const known = pages.get(id);
      if (known) return known;
      // A fragment is gzip of "pagefind_dcd" and the page's JSON. The id comes from the index.
      if (!/^[\w-]+$/.test(id)) return undefined;
      // Read and unzipped synchronously: a fragment is a few KB in the page cache, which costs
      // less than the four thread-pool trips of an asynchronous read and unzip.
      let raw: Buffer;
      try {
        raw = zlib.gunzipSync(readFileSync(path.join(fragmentDir, `${id}.pf_fragment`)));
      } catch {
        return undefined;
      }
      const page = JSON.parse(raw.subarray(fragmentSignature.length).toString('utf8')) as PageText;
      pages.set(id, page);
      return page;
    },
  };
}
const fragmentSignature = 'pagefind_dcd';
const engines = new Map<string, Promise<Engine>>();

/** The loaded index of a build; loaded once, on first use, and again after a failed load. */
function engine(clientDir: string): Promise<Engine> {
  let loading = engines.get(clientDir);
  if (!loading) {
    loading = Promise.all([loadPagefind(clientDir), loadWorld(clientDir)]).then(([pagefind, world]) => ({ pagefind, world, sources: searchSources(clientDir) }));
    engines.set(clientDir, loading);
    loading.then(warmCommonWords, () => engines.delete(clientDir));
  }
  return loading;
}

/** Pages' worth of word results searched ahead (half of what `searchSources` keeps). */
const warmPages = 250_000;

/** No search for this long counts as quiet: the warm-up below searches a word only then. */
const quietMs = 100;
let lastSearchAt = 0;

/**
 * Searches the index's most common words ahead, one at a time while no one is searching: a
 * common word is held by thousands of pages and costs Pagefind some 15 ms at 10,000 articles, so
 * the first customers to type one should not wait for it, and no customer waits behind the
 * warm-up either (under steady load the searches asked keep their words themselves). Rare words
 * are cheap and searched when asked.
 */
async function warmCommonWords({ pagefind, world, sources }: Engine): Promise<void> {
  if (!world) return;
  const common = [...world.documents].filter(([w]) => !world.stopWords.has(w)).sort((a, b) => b[1] - a[1]);
  let pages = 0;
  let count = 0;
  for (const [word, holding] of common) {
    if (pages + holding > warmPages) break;
    pages += holding;
    for (let quiet = performance.now() - lastSearchAt; quiet < quietMs; quiet = performance.now() - lastSearchAt) {
      await new Promise((resolve) => setTimeout(resolve, quietMs - quiet).unref());
    }
    if (!isServedBuild()) return;
    await keepWord(pagefind, word, sources).catch(() => undefined);
    count++;
  }
  console.log(`Search: the ${count} most common words were searched ahead (${pages.toLocaleString('en')} pages' worth).`);
}

// The index does not change while the server runs, so an answer stays right until the next
// start. Readers type the same prefixes ("mai", "mail", "mail p"); most answers come from here,
// as the UTF-8 bytes of their JSON and, once asked for, its brotli or gzip bytes, so a repeated
// search costs no compression. Bytes rather than objects or a string: they live outside the
// JavaScript heap, so the 2,000 answers kept add nothing to what each garbage collection walks
// or copies. At most about 16 MB (a 50-hit answer's JSON is some 25 KB).
interface CachedAnswer { json: Uint8Array<ArrayBuffer>; encoded: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>> }
const answers = new LRUCache<string, CachedAnswer>({ max: 2_000, maxSize: 16 * 1024 * 1024, sizeCalculation: (a) => Math.ceil(a.json.length * 1.5) });
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
// A build no longer served drops its index, kept words and answers (loaded again if it is served again).
onBuildRetired(() => {
  engines.clear();
  answers.clear();
});

async function cachedAnswer(query: string, filters: SearchFilters, limit: number, clientDir: string, exact: boolean): Promise<CachedAnswer> {
  lastSearchAt = performance.now();
  const { pagefind, world, sources } = await engine(clientDir);
  // Keyed by the searches planned, so that questions differing only in stop words, case or
  // punctuation share an answer.
  const searched = world ? planKey(planQuery(query, world, exact)) : query.trim().replace(/\s+/g, ' ').toLowerCase();
  const key = JSON.stringify([clientDir, searched, filters.category || '', filters.type || '', limit, exact]);
  const known = answers.get(key);
  if (known) return known;
  const answer = await answerSearch(pagefind, world, { query, filters, limit, exact }, sources);
  const cached = { json: utf8.encode(JSON.stringify(answer)), encoded: {} };
  answers.set(key, cached);
  return cached;
}

/** `exact`: "search instead for …", the typed words without synonyms or corrections. */
export async function searchArticles(query: string, filters: SearchFilters = {}, limit = 20, clientDir = builtClientDir, exact = false): Promise<SearchAnswer> {
  return JSON.parse(fromUtf8.decode((await cachedAnswer(query, filters, limit, clientDir, exact)).json)) as SearchAnswer;
}

// The brotli quality of the compression middleware (scripts/server/http-server.ts), done on the
// event loop: an answer is a few KB and takes some 0.1 ms, where handing it to libuv's thread
// pool cost a stream object per answer and a trip round the busy loop, which at 32 connections
// doubled a never-asked search's p99 (docs/benchmarks.md). A 256 KB window is ample for 25 KB.
const compress = (encoding: Encoding, json: Uint8Array): Uint8Array<ArrayBuffer> => {
  const bytes = encoding === 'br'
    ? zlib.brotliCompressSync(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: json.length } })
    : zlib.gzipSync(json);
  return new Uint8Array(bytes); // a copy in its own memory, not a slice of a shared pool
};

/**
 * A search's answer as /api/search sends it: JSON, compressed in `encoding` (the client's
 * preferred, see src/lib/accept-encoding.ts) once per answer, when over 1 KB.
 */
export async function searchAnswerBody(query: string, filters: SearchFilters, limit: number, exact: boolean, encoding: Encoding | null, clientDir = builtClientDir): Promise<{ body: Uint8Array<ArrayBuffer>; encoding: Encoding | null }> {
  const cached = await cachedAnswer(query, filters, limit, clientDir, exact);
  if (!encoding || cached.json.length < 1024) return { body: cached.json, encoding: null };
  return { body: (cached.encoded[encoding] ??= compress(encoding, cached.json)), encoding };
}

/** Searches per client address per minute, counted across /api/search and the search page. */
const limiter = createLimiter({ points: server.searchesPerMinute, durationSeconds: 60 });
export const limitSearches = (address: string) => limiter('search', address);
