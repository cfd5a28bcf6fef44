// The set-up of the db tests: a throwaway migrated database for each test, and a second
// connection to it standing in for a second worker or app server.
import { afterEach, beforeEach } from 'vitest';
import { createDb, dbReady, type Db } from '../../db/client';
import { tempDatabase } from '../e2e/server';

export type TempDatabase = Awaited<ReturnType<typeof tempDatabase>>;

/** Registers the hooks; `use` is given each test's database and second connection. */
export function withTwoConnections(use: (database: TempDatabase, other: Db) => void): void {
  let database: TempDatabase;
  let other: Db;
  beforeEach(async () => {
    database = await tempDatabase();
    other = createDb({ url: database.url, authToken: undefined });
    await dbReady(other);
    use(database, other);
  });
  afterEach(() => {
    other.$client.close();
    database.dispose();
  });
}
