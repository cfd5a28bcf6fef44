// POST /api/search-events: the search UI reports what was searched, whether anything was found,
// which result was opened, and whether a No vote or a ticket followed. Counted per day and
// normalised query only: no address, no session, nothing that identifies the reader.
import { z } from 'zod';
import { getDb } from '../../../db/client.ts';
import { countSearchEvent, type SearchIncrements } from '../../../db/queries/search-stats.ts';
import { normaliseQuery } from '../../lib/search-stats';
import { now } from '../../server/clock';
import { onlyPost, publicPost } from '../../server/public-post';
import { countSearch, planOf } from '../../server/search-events';

export const prerender = false;

const query = z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const schema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('search'), query, results: z.number().int().min(0).max(1_000_000) }).strict(),
  z.object({ event: z.literal('open'), query, rank: z.number().int().min(1).max(1000) }).strict(),
  z.object({ event: z.literal('no_vote'), query }).strict(),
  z.object({ event: z.literal('ticket'), query }).strict(),
], { error: 'must be one of search, open, no_vote, ticket' });

export const POST = publicPost({ name: 'search-events', schema, maxBytes: 1_024, limit: { points: 300, durationSeconds: 600 } }, async ({ value: e }) => {
  if (e.event === 'search') {
    await countSearch(e.query, e.results, await planOf(e.query));
    return new Response(null, { status: 204 });
  }
  const add: SearchIncrements =
    e.event === 'open' ? { opened: 1, openedRankSum: e.rank }
    : e.event === 'no_vote' ? { noVotes: 1 }
    : { tickets: 1 };
  await countSearchEvent(getDb(), now().toISOString().slice(0, 10), normaliseQuery(e.query), add);
  return new Response(null, { status: 204 });
});

export const ALL = onlyPost;
