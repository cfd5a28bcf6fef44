// /status/live.json: the little the help-center banner needs — what is active right now.
import type { APIRoute } from 'astro';
import { currentStatus, statusCacheHeaders } from '../../server/status';

export const prerender = false;

export const GET: APIRoute = () => {
  const { overall, live } = currentStatus();
  return Response.json({ indicator: overall.indicator, label: overall.label, items: live }, { headers: statusCacheHeaders });
};
