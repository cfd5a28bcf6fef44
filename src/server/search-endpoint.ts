// GET /api/search?q=outgoing+mail+port&limit=6[&category=Email&type=Tutorial][&exact=1]: the
// articles that match, as the query planner (src/lib/search-planner.ts) searches them, ranked by
// Pagefind running in the server (src/server/search.ts). The header box, the search page and the
// support form ask here first, and run Pagefind in the browser only when this answers with an
// error. Queries are not stored or logged here.
//
// Answered as plain status, headers and bytes, so that scripts/server/http-server.ts can send it
// without Astro's request pipeline: at 32 connections each request's Request, Response and
// context objects were still alive at every young-generation collection and promoted some 15 KB
// a request, and those collections were most of a never-asked search's p99. The route
// (src/pages/api/search.ts) answers the same through Astro (astro dev, the first request).
import { z } from 'zod';
import { preferredEncoding } from '../lib/accept-encoding';
import { offerToServer } from './build-state';
import { addressOf, errorBody, fieldErrors } from './http';
import { limitSearches, SearchUnavailable, searchAnswerBody } from './search';

const filterValue = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional();
const querySchema = z.object({
  q: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  category: filterValue,
  type: filterValue,
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(50, 'must be at most 50').default(20),
  /** "Search instead for …": the typed words, without synonyms or typo corrections. */
  exact: z.literal('1', { error: 'must be 1 when given' }).optional(),
}).strict();

/** An answer as sent: status, headers and body. */
export interface PlainAnswer { status: number; headers: Record<string, string>; body: string | Uint8Array<ArrayBuffer> }

/** What the endpoint reads of a request. */
export interface SearchRequestParts {
  /** The query string, without "?". */
  query: string;
  socketAddress: string | undefined;
  forwardedFor?: string | null;
  acceptEncoding?: string | null;
}

const jsonError = (status: number, error: string, fields?: Record<string, string[]>, headers: Record<string, string> = {}): PlainAnswer =>
  ({ status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(errorBody(status, error, fields)) });

/** The answer to GET /api/search?{query}. Throws only what a route would (a database down is thrown, as for any route). */
export async function searchEndpoint({ query, socketAddress, forwardedFor, acceptEncoding }: SearchRequestParts): Promise<PlainAnswer> {
  const params = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(query)) {
    if (params.has(key)) return jsonError(400, 'invalid_input', { [key]: ['may be given only once'] });
    params.set(key, value);
  }
  const parsed = querySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return jsonError(400, 'invalid_input', fieldErrors(parsed.error.issues));
  const limited = await limitSearches(addressOf(forwardedFor, socketAddress));
  if (limited) return { status: limited.status, headers: Object.fromEntries(limited.headers), body: await limited.text() };

  const { q, category, type, limit, exact } = parsed.data;
  try {
    // Compressed once per answer (src/server/search.ts), not by the server's middleware on every request.
    const { body, encoding } = await searchAnswerBody(q, { category, type }, limit, exact === '1', preferredEncoding(acceptEncoding));
    return {
      status: 200,
      headers: {
        'Content-Type': 'application/json',
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
        Vary: 'Accept-Encoding',
        // Answers change only with a new build; let the browser reuse them while the reader edits a query.
        'Cache-Control': 'public, max-age=300',
      },
      body,
    };
  } catch (e) {
    if (e instanceof SearchUnavailable) return jsonError(503, 'search_unavailable', undefined, { 'Retry-After': '60' });
    throw e;
  }
}

// scripts/server/http-server.ts calls this build's endpoint directly once it is loaded (see offerToServer).
offerToServer('cairn.searchEndpoints', searchEndpoint);
