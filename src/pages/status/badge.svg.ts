// /status/badge.svg: the overall status as an embeddable badge.
import type { APIRoute } from 'astro';
import { statusBadgeSvg } from '../../lib/status-feeds';
import { currentStatus, statusCacheHeaders } from '../../server/status';

export const prerender = false;

export const GET: APIRoute = () => {
  const { overall } = currentStatus();
  const indicator = overall.indicator === 'none' && overall.maintenance ? 'maintenance' : overall.indicator;
  return new Response(statusBadgeSvg(overall.label, indicator), {
    headers: { ...statusCacheHeaders, 'Content-Type': 'image/svg+xml; charset=utf-8', 'Access-Control-Allow-Origin': '*' },
  });
};
