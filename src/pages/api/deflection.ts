// POST /api/deflection { event }: counts, per day and without personal data, whether the
// articles suggested on the ticket form were opened and whether a ticket was sent anyway.
import { z } from 'zod';
import { getDb } from '../../../db/client.ts';
import { countDeflection } from '../../../db/queries/deflection.ts';
import { deflectionEvents } from '../../../db/schema.ts';
import { now } from '../../server/clock';
import { onlyPost, publicPost } from '../../server/public-post';

export const prerender = false;

const schema = z.object({ event: z.enum(deflectionEvents, { error: `must be one of ${deflectionEvents.join(', ')}` }) }).strict();
export const POST = publicPost({ name: 'deflection', schema, maxBytes: 256, limit: { points: 120, durationSeconds: 600 } }, async ({ value }) => {
  await countDeflection(getDb(), now().toISOString().slice(0, 10), value.event);
  return new Response(null, { status: 204 });
});

export const ALL = onlyPost;
