// castVote against a real, throwaway database, in-process: no build, no server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackVotes } from '../../db/schema';
import { tempDatabase } from '../e2e/server';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let castVote: typeof import('../../src/server/feedback').castVote;

beforeAll(async () => {
  database = await tempDatabase();
  process.env.DATABASE_URL = database.url; // read by getDb() on first use
  ({ castVote } = await import('../../src/server/feedback'));
});
afterAll(() => database?.dispose());

const reader = { address: '203.0.113.7', userAgent: 'Firefox' };
const rows = () => database.db.select().from(feedbackVotes);

describe('castVote', () => {
  it('stores one vote per reader, article and day: a changed mind replaces the first vote', async () => {
    const at = new Date('2027-03-01T09:00:00Z');
    await castVote({ article: 'renew-a-domain', helpful: true, revision: 'r1' }, reader, at);
    await castVote({ article: 'renew-a-domain', helpful: false, reason: 'outdated', comment: 'Prices changed', revision: 'r1' }, reader, new Date('2027-03-01T10:00:00Z'));
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ helpful: false, reason: 'outdated', comment: 'Prices changed', day: '2027-03-01' });
  });

  it('counts the same reader again on another day, and another reader the same day', async () => {
    await castVote({ article: 'renew-a-domain', helpful: true, revision: 'r1' }, reader, new Date('2027-03-02T09:00:00Z'));
    await castVote({ article: 'renew-a-domain', helpful: true, revision: 'r1' }, { ...reader, address: '198.51.100.2' }, new Date('2027-03-02T09:00:00Z'));
    expect(await rows()).toHaveLength(3);
  });

  it('takes its day and times from the moment given, and stores neither address nor user agent', async () => {
    const at = new Date('2030-07-15T23:30:00Z');
    await castVote({ article: 'mail-client-settings', helpful: true, revision: 'r2' }, reader, at);
    const stored = (await rows()).find((r) => r.article === 'mail-client-settings')!;
    expect(stored.day).toBe('2030-07-15');
    expect(stored.createdAt.toISOString()).toBe(at.toISOString());
    expect(JSON.stringify(stored)).not.toMatch(/203\.0\.113\.7|Firefox/);
  });
});
