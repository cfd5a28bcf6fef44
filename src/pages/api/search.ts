// GET /api/search: see src/server/search-endpoint.ts, which answers it. The built server sends
// that answer without Astro once this build's server code is loaded; this route answers the rest
// (astro dev, a build's first search).
import type { APIRoute } from 'astro';
import { searchEndpoint } from '../../server/search-endpoint';

export const prerender = false;

export const GET: APIRoute = async ({ url, request, clientAddress }) => {
  const { status, headers, body } = await searchEndpoint({
    query: url.search.slice(1),
    socketAddress: clientAddress,
    forwardedFor: request.headers.get('x-forwarded-for'),
    acceptEncoding: request.headers.get('accept-encoding'),
  });
  return new Response(body, { status, headers });
};
