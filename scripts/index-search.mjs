// Builds the Pagefind index over the prerendered client output (dist/client) after `astro build`.
import path from 'node:path';
import * as pagefind from 'pagefind';

const site = path.resolve(process.argv[2] ?? 'dist/client');
const started = performance.now();
const { index, errors } = await pagefind.createIndex({});
if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
// Only article pages are searchable; home, category and utility pages would crowd the results.
const added = await index.addDirectory({ path: site, glob: 'articles/*/*/index.html' });
if (added.errors.length) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
if (written.errors.length) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
await pagefind.close();
console.log(`Search index: ${added.page_count} pages indexed in ${Math.round(performance.now() - started)} ms → ${path.relative(process.cwd(), written.outputPath)}`);
