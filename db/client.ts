// The only database client: an embedded libSQL file by default, or a remote libSQL/Turso server
// when DATABASE_URL (and DATABASE_AUTH_TOKEN) say so.
import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema.ts';

export type Db = LibSQLDatabase<typeof schema>;

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
  return drizzle(client, { schema, casing: 'snake_case' });
}

/** Applies the committed migrations in db/migrations (idempotent). */
export async function migrateDb(db: Db, migrationsFolder = path.resolve('db/migrations')) {
  await migrate(db, { migrationsFolder });
}

let shared: Db | undefined;
/** One client per process, created on first use (never one per request). */
export function getDb(): Db {
  shared ??= createDb();
  return shared;
}
