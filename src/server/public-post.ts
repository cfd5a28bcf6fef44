// The preamble every public POST shares, in one place: the Origin check, a rate limit per client
// address, then the body read within its size limit and validated. A route gives its schema and
// limit and handles only what is valid. Tickets have their own (src/server/tickets.ts,
// submitTicket), since their limit depends on the contract key in the body.
import type { APIRoute } from 'astro';
import type { z } from 'zod';
import { checkOrigin, clientAddress, errorResponse, readBody } from './http';
import { createLimiter } from './rate-limit';

export interface PublicPostInput<T> {
  value: T;
  /** How the body came: a form post (no JavaScript) is answered with a redirect or a page. */
  kind: 'json' | 'form';
  request: Request;
  /** The client's address, for limits and keyed hashes only; never stored in clear. */
  address: string;
}

export interface PublicPostSpec<S extends z.ZodType> {
  /** The limit's name, so routes with the same numbers still count apart. */
  name: string;
  schema: S;
  maxBytes: number;
  /** Requests per address per window; omitted when the route limits by what it reads. */
  limit?: { points: number; durationSeconds: number };
  /** How a refused body is answered (default: the JSON error); a form page may show a page. */
  refused?: (response: Response, request: Request) => Response | Promise<Response>;
}

export function publicPost<S extends z.ZodType>(spec: PublicPostSpec<S>, handle: (input: PublicPostInput<z.output<S>>) => Promise<Response>): APIRoute {
  const limit = spec.limit ? createLimiter(spec.limit) : null;
  return async ({ request, clientAddress: socketAddress }) => {
    const crossSite = checkOrigin(request);
    if (crossSite) return crossSite.response;
    const address = clientAddress(request, socketAddress);
    const limited = limit ? await limit(spec.name, address) : null;
    if (limited) return limited;
    const body = await readBody(request, spec.schema, { maxBytes: spec.maxBytes });
    if (!body.ok) return spec.refused ? spec.refused(body.response, request) : body.response;
    return handle({ value: body.value, kind: body.kind, request, address });
  };
}

/** The answer for every other method on a POST-only route. */
export const onlyPost: APIRoute = () => errorResponse(405, 'method_not_allowed', undefined, { Allow: 'POST' });
