// /status/api/v2/*.json: Statuspage v2-compatible JSON, so tools that read Statuspage work here.
import type { APIRoute } from 'astro';
import { statuspageEndpoints } from '../../../../lib/statuspage';
import { errorResponse } from '../../../../server/http';
import { currentStatus, statusCacheHeaders, statuspageSettings } from '../../../../server/status';

export const prerender = false;

export const GET: APIRoute = ({ params, url }) => {
  const key = params.endpoint as keyof typeof statuspageEndpoints;
  const build = Object.hasOwn(statuspageEndpoints, key) ? statuspageEndpoints[key] : undefined;
  if (!build) return errorResponse(404, 'unknown_endpoint', { endpoint: [`must be one of ${Object.keys(statuspageEndpoints).join(', ')}`] });
  return Response.json(build(currentStatus(), statuspageSettings(url.origin)), {
    headers: { ...statusCacheHeaders, 'Access-Control-Allow-Origin': '*' },
  });
};
