// GET /api/search?q=outgoing+mail+port&limit=6[&category=Email&type=Tutorial][&exact=1]: the
// articles that match, as the query planner (src/lib/search-planner.ts) searches them, ranked by Pagefind running in the server (src/server/search.ts). The header box, the
// search page and the support form ask here first, and run Pagefind in the browser only when
// this answers with an error. Queries are not stored or logged here.
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { clientAddress, errorResponse, fieldErrors } from '../../server/http';
import { preferredEncoding } from '../../lib/accept-encoding';
import { limitSearches, SearchUnavailable, searchAnswerBody } from '../../server/search';

export const prerender = false;

const filterValue = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional();
const querySchema = z.object({
  q: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  category: filterValue,
  type: filterValue,
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(50, 'must be at most 50').default(20),
  /** "Search instead for …": the typed words, without synonyms or typo corrections. */
  exact: z.literal('1', { error: 'must be 1 when given' }).optional(),
}).strict();

export const GET: APIRoute = async ({ url, request, clientAddress: socketAddress }) => {
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (params.has(key)) return errorResponse(400, 'invalid_input', { [key]: ['may be given only once'] });
    params.set(key, value);
  }
  const parsed = querySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return errorResponse(400, 'invalid_input', fieldErrors(parsed.error.issues));
  const limited = await limitSearches(clientAddress(request, socketAddress));
  if (limited) return limited;

  const { q, category, type, limit: count, exact } = parsed.data;
  try {
    // Compressed here, once per answer, rather than by the server's middleware on every request.
    const { body, encoding } = await searchAnswerBody(q, { category, type }, count, exact === '1', preferredEncoding(request.headers.get('accept-encoding')));
    return new Response(body, {
      headers: {
        'Content-Type': 'application/json',
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
        Vary: 'Accept-Encoding',
        // Answers change only with a new build; let the browser reuse them while the reader edits a query.
        'Cache-Control': 'public, max-age=300',
      },
    });
  } catch (e) {
    if (e instanceof SearchUnavailable) return errorResponse(503, 'search_unavailable', undefined, { 'Retry-After': '60' });
    throw e;
  }
};
