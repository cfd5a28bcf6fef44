// POST /api/deflection { event }: counts, per day and without personal data, whether the
// articles suggested on the ticket form were opened and whether a ticket was sent anyway.
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { getDb } from '../../../db/client.ts';
import { countDeflection } from '../../../db/queries/deflection.ts';
import { deflectionEvents } from '../../../db/schema.ts';
import { checkOrigin, clientAddress, readBody } from '../../server/http';
import { now } from '../../server/clock';
import { createLimiter } from '../../server/rate-limit';

export const prerender = false;

const schema = z.object({ event: z.enum(deflectionEvents, { error: `must be one of ${deflectionEvents.join(', ')}` }) }).strict();
const limit = createLimiter({ points: 120, durationSeconds: 600 });

export const POST: APIRoute = async ({ request, clientAddress: socketAddress }) => {
  const crossSite = checkOrigin(request);
  if (crossSite) return crossSite.response;
  const limited = await limit('deflection', clientAddress(request, socketAddress));
  if (limited) return limited;
  const input = await readBody(request, schema, { maxBytes: 256 });
  if (!input.ok) return input.response;
  await countDeflection(getDb(), now().toISOString().slice(0, 10), input.value.event);
  return new Response(null, { status: 204 });
};
