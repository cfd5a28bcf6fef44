// `npm run db:migrate`: applies committed migrations to DATABASE_URL (default: the embedded file),
// then loads the sample status history (content/status/) into a status store never written before.
import { createDb, databaseConfig, migrateDb } from '../../db/client.ts';
import { seedStatusIfNew } from '../../src/server/status-seed.ts';
import { cliTools, Exit, exitCode, runIfEntry, type Env, type Io } from './command-line.ts';

export async function main(argv: string[], env: Env, io: Io): Promise<number> {
  const { say, warn } = cliTools(env, io);
  return exitCode(async () => {
    let failed = false;
    const config = databaseConfig({ ...env });
    const db = createDb(config);
    await migrateDb(db);
    say(`Database ready: ${config.url.startsWith('file:') ? config.url : config.url.replace(/\/\/.*@/, '//…@')} is migrated.`);
    const seed = await seedStatusIfNew(db, env.STATUS_DIR || 'content/status');
    if (seed.errors.length) {
      warn(`The status seed was not loaded:\n${seed.errors.map((e) => `  - ${e}`).join('\n')}\nFix the files, then run \`npm run status -- import\`.`);
      failed = true;
    } else if (seed.seeded) {
      say('Status store seeded from content/status/ (the sample history); `npm run status -- list` shows what is live.');
    }
    db.$client.close();
    if (failed) throw new Exit(1);
  });
}

await runIfEntry(import.meta, main);
