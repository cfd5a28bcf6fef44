// `npm run db:migrate`: applies committed migrations to DATABASE_URL (default: the embedded file),
// then loads the sample status history (content/status/) into a status store never written before.
import { createDb, databaseConfig, migrateDb } from '../../db/client.ts';
import { seedStatusIfNew } from '../../src/server/status-seed.ts';

const config = databaseConfig();
const db = createDb(config);
await migrateDb(db);
console.log(`Database ready: ${config.url.startsWith('file:') ? config.url : config.url.replace(/\/\/.*@/, '//…@')} is migrated.`);
const seed = await seedStatusIfNew(db, process.env.STATUS_DIR || 'content/status');
if (seed.errors.length) {
  console.error(`The status seed was not loaded:\n${seed.errors.map((e) => `  - ${e}`).join('\n')}\nFix the files, then run \`npm run status -- import\`.`);
  process.exitCode = 1;
} else if (seed.seeded) {
  console.log('Status store seeded from content/status/ (the sample history); `npm run status -- list` shows what is live.');
}
db.$client.close();
