// `npm start`: builds when the build is missing or older than its sources, migrates the
// database, then serves the site (http://localhost:4321 unless HOST/PORT say otherwise).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const stampFile = 'dist/.cairn-build.json';
const contentDir = path.resolve(process.env.CONTENT_DIR ?? './content');
const sources = ['src', 'public', 'db/schema.ts', 'astro.config.mjs', 'package.json', 'scripts/index-search.mjs', 'scripts/compress.mjs', contentDir];

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildIsCurrent() {
  if (!fs.existsSync('dist/server/entry.mjs') || !fs.existsSync(stampFile)) return false;
  const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  return stamp.contentDir === contentDir && Math.max(...sources.map(newestMtime)) <= stamp.sourcesMtime;
}

if (process.argv.includes('--no-build') || buildIsCurrent()) {
  console.log('Build is up to date.');
} else {
  console.log('Building the site (sources changed or no build yet)…');
  const sourcesMtime = Math.max(...sources.map(newestMtime));
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, JSON.stringify({ contentDir, sourcesMtime, builtAt: new Date().toISOString() }));
}

// A database that does not answer does not keep the site down: articles, search and status are
// served at once, write paths answer 503, and the migration is retried until it succeeds.
const { createDb, databaseConfig, migrateWhenReachable } = await import('../db/client.ts');
const where = databaseConfig().url.startsWith('file:') ? databaseConfig().url : 'remote libSQL';
const migration = await migrateWhenReachable(createDb(databaseConfig()));
if (migration.migratedNow) console.log(`Database migrated (${where}).`);

function seedDemo() {
  // Demo mode: one contract per premium plan with the keys published in the README.
  const seeded = spawnSync(process.execPath, ['scripts/contracts.ts', 'demo'], { stdio: 'inherit' });
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
}
if (process.env.CAIRN_DEMO === '1') {
  if (migration.migratedNow) seedDemo();
  else void migration.ready.then(seedDemo);
}

process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
await import('./serve.mjs');
