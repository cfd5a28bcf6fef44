// `npm run db:migrate`: applies committed migrations to DATABASE_URL (default: the embedded file).
import { createDb, databaseConfig, migrateDb } from '../db/client.ts';

const config = databaseConfig();
await migrateDb(createDb(config));
console.log(`Database ready: ${config.url.startsWith('file:') ? config.url : config.url.replace(/\/\/.*@/, '//…@')} is migrated.`);
