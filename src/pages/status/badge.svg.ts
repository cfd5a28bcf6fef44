// /status/badge.svg: the overall status as an embeddable badge.
import type { APIRoute } from 'astro';
import { overallStatus } from '../../lib/status';
import { statusBadgeSvg } from '../../lib/status-feeds';
import { now } from '../../server/clock';
import { statusCacheHeaders, statusContent } from '../../server/status';

export const prerender = false;

export const GET: APIRoute = () => {
  const overall = overallStatus(statusContent, now());
  const indicator = overall.indicator === 'none' && overall.maintenance ? 'maintenance' : overall.indicator;
  return new Response(statusBadgeSvg(overall.label, indicator), {
    headers: { ...statusCacheHeaders, 'Content-Type': 'image/svg+xml; charset=utf-8', 'Access-Control-Allow-Origin': '*' },
  });
};
