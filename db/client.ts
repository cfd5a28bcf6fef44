// The only database client: an embedded libSQL file by default, or a remote libSQL/Turso server
// when DATABASE_URL (and DATABASE_AUTH_TOKEN) say so.
import fs from 'node:fs';
import path from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema.ts';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

export const defaultDatabaseUrl = 'file:./data/cairn.db';

export function databaseConfig(env: NodeJS.ProcessEnv = process.env) {
  return { url: env.DATABASE_URL || defaultDatabaseUrl, authToken: env.DATABASE_AUTH_TOKEN || undefined };
}

export function createDb(config = databaseConfig()): Db {
  if (config.url.startsWith('file:')) {
    const file = config.url.slice('file:'.length).split('?')[0];
    if (file && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const client = createClient({ url: config.url, authToken: config.authToken });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  if (config.url.startsWith('file:')) {
    // WAL lets readers (CLIs, reports) run beside the server's writes; NORMAL sync still keeps
    // every committed transaction through a process crash (only power loss can drop the last ones).
    ready.set(db, client.executeMultiple('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;'));
  }
  return db;
}

const ready = new WeakMap<Db, Promise<void>>();
/** Resolves once connection settings are applied; await before the first write. */
export function dbReady(db: Db): Promise<void> {
  return ready.get(db) ?? Promise.resolve();
}

/** Applies the committed migrations in db/migrations (idempotent). */
export async function migrateDb(db: Db, migrationsFolder = path.resolve('db/migrations')) {
  await dbReady(db);
  await migrate(db, { migrationsFolder });
}

let shared: Db | undefined;
/** One client per process, created on first use (never one per request). */
export function getDb(): Db {
  shared ??= createDb();
  return shared;
}
