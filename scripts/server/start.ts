// `npm start`: builds when the build is missing or older than its sources, migrates the
// database, then serves the site (http://localhost:4321 unless HOST/PORT say otherwise).
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { buildIsCurrent } from './builds.ts';
import { helperThreadsFlag, serverProcesses } from './processes.ts';

if (process.argv.includes('--no-build') || buildIsCurrent()) {
  console.log('Build is up to date.');
} else {
  console.log('Building the site (sources changed or no build yet)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// A database that does not answer does not keep the site down: articles, search and status are
// served at once, write paths answer 503, and the migration is retried until it succeeds.
const { createDb, databaseConfig, migrateWhenReachable } = await import('../../db/client.ts');
const where = databaseConfig().url.startsWith('file:') ? databaseConfig().url : 'remote libSQL';
const db = createDb(databaseConfig());
const migration = await migrateWhenReachable(db);
if (migration.migratedNow) console.log(`Database migrated (${where}).`);

// A status store never written gets the sample history in content/status/, once.
async function seedStatus() {
  const { seedStatusIfNew } = await import('../../src/server/status-seed.ts');
  try {
    const seed = await seedStatusIfNew(db, process.env.STATUS_DIR || 'content/status');
    if (seed.seeded) console.log('Status store seeded from content/status/.');
    for (const error of seed.errors) console.error(`Status seed not loaded: ${error}`);
  } catch (error) {
    // The site serves without it; `npm run status -- import` loads it later.
    console.error(`Status seed not loaded (${(error as Error).message}); run \`npm run status -- import\` once the database answers.`);
  }
}
if (migration.migratedNow) await seedStatus();
else void migration.ready.then(seedStatus);

function seedDemo() {
  // Demo mode: one contract per premium plan with the keys published in the README.
  const seeded = spawnSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { stdio: 'inherit' });
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
}
if (process.env.CAIRN_DEMO === '1') {
  if (migration.migratedNow) seedDemo();
  else void migration.ready.then(seedDemo);
}

process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
// One serving process gets its V8 helper threads sized to the machine (scripts/server/processes.ts),
// which can only be set when a process starts: it is started with them. Several get them from
// serve.ts, which starts them.
const processes = serverProcesses(process.env.SERVER_PROCESSES, os.availableParallelism());
const helpers = processes.ok && processes.count === 1 ? helperThreadsFlag(os.availableParallelism(), 1, process.execArgv, process.env.NODE_OPTIONS) : [];
if (helpers.length) {
  const server = spawn(process.execPath, [...process.execArgv, ...helpers, path.join(import.meta.dirname, 'serve.ts')], { stdio: 'inherit' });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await import('./serve.ts');
}
