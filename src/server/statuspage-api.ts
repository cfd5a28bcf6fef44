// The Statuspage v2 API handler, served at /api/v2/* (where Statuspage clients such as the
// <statuspage-widget> look, at the root of the status host) and at /status/api/v2/*.
import type { APIRoute } from 'astro';
import { statuspageEndpoints } from '../lib/statuspage';
import { errorResponse } from './http';
import { currentStatus, statusCacheHeaders, statuspageSettings } from './status';

/** Any site may read the status from a browser: the widget runs on the customer's own pages. */
const corsHeaders = { 'Access-Control-Allow-Origin': '*' };

export const statuspageApi: APIRoute = ({ params }) => {
  const key = params.endpoint as keyof typeof statuspageEndpoints;
  const build = Object.hasOwn(statuspageEndpoints, key) ? statuspageEndpoints[key] : undefined;
  if (!build) {
    return errorResponse(404, 'unknown_endpoint', { endpoint: [`must be one of ${Object.keys(statuspageEndpoints).join(', ')}`] }, corsHeaders);
  }
  return Response.json(build(currentStatus(), statuspageSettings()), { headers: { ...statusCacheHeaders, ...corsHeaders } });
};

/** Every other method: the API is read-only (writes go through the management API). */
export const statuspageReadOnly: APIRoute = () =>
  errorResponse(405, 'method_not_allowed', undefined, { Allow: 'GET, HEAD, OPTIONS', ...corsHeaders });
