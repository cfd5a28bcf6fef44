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

/** How long an embedded database's connection waits for another writer before SQLITE_BUSY. */
const busyTimeoutMs = 5000;

/** How an embedded database syncs commits to disk (DATABASE_SYNCHRONOUS); see createDb. */
export type Synchronous = 'full' | 'normal';

export function databaseConfig(env: NodeJS.ProcessEnv = process.env) {
  const synchronous = (env.DATABASE_SYNCHRONOUS || 'full').toLowerCase();
  if (synchronous !== 'full' && synchronous !== 'normal') throw new Error(`DATABASE_SYNCHRONOUS must be full or normal (got "${env.DATABASE_SYNCHRONOUS}")`);
  return { url: env.DATABASE_URL || defaultDatabaseUrl, authToken: env.DATABASE_AUTH_TOKEN || undefined, synchronous: synchronous as Synchronous };
}

export function createDb(config: { url: string; authToken: string | undefined; synchronous?: Synchronous } = databaseConfig()): Db {
  if (config.url.startsWith('file:')) {
    const file = config.url.slice('file:'.length).split('?')[0];
    if (file && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  // `timeout` is the busy timeout of every connection the client opens: it keeps a small pool and
  // opens another whenever two queries overlap, and a PRAGMA reaches only the connection it ran on.
  // Without it those extra connections gave up at once (SQLITE_BUSY, answered 503) whenever
  // another process (a CLI, a second app server) was writing.
  const client = createClient({ url: config.url, authToken: config.authToken, timeout: busyTimeoutMs });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  if (config.url.startsWith('file:')) {
    // WAL lets readers (CLIs, reports) run beside the server's writes. Either sync setting keeps
    // every committed transaction through a process crash (kill -9); FULL, the default, also
    // through a power loss, at one fsync per commit: votes are group-committed, so that is one
    // per batch, and a ticket whose reference the client was shown is never lost.
    // docs/benchmarks.md has the cost (npm run bench:tickets); NORMAL is for throwaway data.
    // A PRAGMA reaches only the connection it ran on: connections the pool opens later for
    // overlapping queries keep SQLite's FULL, the safer of the two.
    const synchronous = (config.synchronous ?? 'full').toUpperCase();
    ready.set(db, client.executeMultiple(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronous};`));
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

/**
 * Migrates now if the database answers; if it does not, keeps trying in the background (1 s,
 * doubling to 30 s apart) and resolves `ready` once migrated, so `npm start` can serve articles,
 * search and status while the database is down. Any other migration error is thrown at once.
 */
export async function migrateWhenReachable(db: Db, log: (line: string) => void = console.log): Promise<{ migratedNow: boolean; ready: Promise<void> }> {
  try {
    await migrateDb(db);
    return { migratedNow: true, ready: Promise.resolve() };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log(`The database does not answer (${describeCause(error)}); serving what needs no database and retrying.`);
  }
  const ready = (async () => {
    for (let delayMs = 1000; ; delayMs = Math.min(delayMs * 2, 30_000)) {
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      try {
        await migrateDb(db);
        log('The database answers again and is migrated.');
        return;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
      }
    }
  })();
  return { migratedNow: false, ready };
}

function describeCause(error: unknown): string {
  let e = error as { cause?: unknown; message?: string; code?: string };
  while (e.cause && typeof e.cause === 'object') e = e.cause as typeof e;
  return e.code ?? e.message ?? String(e);
}

let shared: Db | undefined;
/** One client per process, created on first use (never one per request). */
export function getDb(): Db {
  shared ??= createDb();
  return shared;
}

/** libSQL/SQLite result codes that mean "the database cannot be used now", not "this query is wrong". */
const unavailableCodes = new Set([
  'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_PROTOCOL', 'SQLITE_NOTADB', 'SQLITE_CORRUPT',
  'SERVER_ERROR', 'HRANA_WEBSOCKET_ERROR', 'HRANA_CLOSED_ERROR', 'STREAM_EXPIRED', 'CLIENT_CLOSED', 'SQLITE_AUTH',
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CLOSED',
]);

/**
 * Whether an error thrown by a query means the database is out of reach (a remote server down, a
 * file locked or unwritable, migrations not applied yet) rather than a bug: callers answer 503 and
 * keep what the client sent. Drizzle wraps the driver's error, which may wrap fetch's, so the
 * whole cause chain is read.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && unavailableCodes.has(code)) return true;
    if (e instanceof TypeError && message === 'fetch failed') return true;
    // Not migrated yet: npm start serves before the database answers and migrates when it does.
    if (typeof message === 'string' && /^SQLITE_ERROR: no such table/.test(message)) return true;
  }
  return false;
}

let counters: Db | undefined;
/**
 * A second connection for rate-limit counters, whose commits are not synced to disk (synchronous
 * NORMAL): a count lost in a power cut costs nothing, while an fsync per search or vote would
 * cap the server at the disk's sync rate. Same database; on a remote server, a second client to it.
 */
export function getCountersDb(): Db {
  counters ??= createDb({ ...databaseConfig(), synchronous: 'normal' });
  return counters;
}
