// `npm start`: builds when the build is missing or older than its sources, migrates the
// database, then serves the site (http://localhost:4321 unless HOST/PORT say otherwise).
import { spawnSync } from 'node:child_process';
import { buildIsCurrent } from './lib/builds.mjs';

if (process.argv.includes('--no-build') || buildIsCurrent()) {
  console.log('Build is up to date.');
} else {
  console.log('Building the site (sources changed or no build yet)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { createDb, databaseConfig, migrateDb } = await import('../db/client.ts');
await migrateDb(createDb(databaseConfig()));
console.log(`Database migrated (${databaseConfig().url.startsWith('file:') ? databaseConfig().url : 'remote libSQL'}).`);

if (process.env.CAIRN_DEMO === '1') {
  // Demo mode: one contract per premium plan with the keys published in the README.
  const seeded = spawnSync(process.execPath, ['scripts/contracts.ts', 'demo'], { stdio: 'inherit' });
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
}

process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
await import('./serve.mjs');
