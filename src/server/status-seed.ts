// The sample status history in content/status/ is seed data: `npm run db:migrate` and `npm start`
// load it once into a status store that was never written, and `npm run status -- import` on demand.
import type { Db } from '../../db/client.ts';
import { readStatus } from '../integrations/content-check.ts';
import { importStatusContent, readStatusVersion, type StatusActor } from './status-store.ts';

export const seedActor: StatusActor = { name: 'seed', via: 'cli' };

/**
 * Imports `dir` when the status store has never been written (no version row): a fresh database
 * gets the sample history, while a store a team has used, even emptied, is left alone.
 */
export async function seedStatusIfNew(db: Db, dir = 'content/status', now = new Date()): Promise<{ seeded: boolean; errors: string[] }> {
  if ((await readStatusVersion(db)) !== null) return { seeded: false, errors: [] };
  const { content, errors } = readStatus(dir);
  if (errors.length) return { seeded: false, errors };
  const result = await importStatusContent(db, content, seedActor, now);
  if (!result.ok) return { seeded: false, errors: result.status === 409 ? [] : [result.message] };
  return { seeded: true, errors: [] };
}
