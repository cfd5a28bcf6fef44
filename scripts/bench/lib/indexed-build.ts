// The build a search benchmark serves: a server bundle and a Pagefind index, inside the project
// (its server bundle finds node_modules from there), and how many pages Pagefind indexed.
import fs from 'node:fs';
import path from 'node:path';

/** Checks `--dist <dir>` and reads its page count; exits with the reason when it cannot serve. */
export function indexedBuild(distOption: string): { dist: string; pageCount: number } {
  const dist = path.resolve(distOption);
  const fail = (message: string): never => { console.error(message); process.exit(1); };
  const entryFile = path.join(dist, 'client/pagefind/pagefind-entry.json');
  if (!fs.existsSync(path.join(dist, 'server/entry.mjs')) || !fs.existsSync(entryFile)) {
    fail(`No indexed build in ${path.relative('.', dist) || '.'}/ (needs server/entry.mjs and client/pagefind/). Run \`npm run build\` first, or pass --dist <dir> of a build made with astro build + scripts/build/index-search.ts.`);
  }
  if (path.relative(process.cwd(), dist).startsWith('..')) {
    fail(`--dist ${distOption} is outside the project: its server bundle could not find node_modules. Build into a folder inside the project (bench:build uses .bench/dist-<n>).`);
  }
  const languages = JSON.parse(fs.readFileSync(entryFile, 'utf8')).languages as Record<string, { page_count: number }>;
  return { dist, pageCount: Object.values(languages).reduce((n, l) => n + l.page_count, 0) };
}
