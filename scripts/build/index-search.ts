// Builds the Pagefind index over the prerendered client output (dist/client) after `astro build`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { eng as englishStopWords } from 'stopword';
import { readSynonyms } from '../../src/lib/search-synonyms-fs.ts';
import { countWords, vocabularyFileName } from '../../src/lib/search-vocabulary.ts';

const site = path.resolve(process.argv[2] ?? 'dist/client');
// Pagefind cuts its word index into chunks of about 20,000 word positions, and a search loads
// the chunk of every word typed: some 25 KB each. Chunks of 5,000 make a three-word first search
// at 1,500 articles fetch about 50 KB less, for 2 KB more metadata (docs/benchmarks.md). The
// setting is an environment variable Pagefind marks unstable; pagefind is pinned to 1.6.0, and
// tests/e2e search tests fail if a release stops honouring it.
process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= '5000';
const started = performance.now();
const { index, errors } = await pagefind.createIndex({});
if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
// Only article pages are searchable; home, category and utility pages would crowd the results.
const added = await index.addDirectory({ path: site, glob: 'articles/*/*/index.html' });
if (added.errors.length) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
if (written.errors.length) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
await pagefind.close();

// The query planner's vocabulary (src/lib/search-planner.ts), from the very texts Pagefind
// indexed: its fragments are gzip'd JSON behind a "pagefind_dcd" signature.
const fragmentDir = path.join(written.outputPath, 'fragment');
const texts = await Promise.all((await fs.readdir(fragmentDir)).map(async (name) => {
  const fragment = JSON.parse(gunzipSync(await fs.readFile(path.join(fragmentDir, name))).toString('utf8').replace(/^pagefind_dcd/, ''));
  return `${fragment.meta?.title ?? ''} ${fragment.content}`;
}));
const { synonyms, errors: synonymErrors } = readSynonyms();
if (synonymErrors.length) throw new Error(synonymErrors.join('\n'));
const words = countWords(texts);
await fs.writeFile(path.join(written.outputPath, vocabularyFileName), JSON.stringify({ articles: texts.length, words, stopWords: englishStopWords, synonyms }));
console.log(`Search index: ${added.page_count} pages indexed, ${Object.keys(words).length} words in the vocabulary, in ${Math.round(performance.now() - started)} ms → ${path.relative(process.cwd(), written.outputPath)}`);
