// /status/maintenance.ics: a subscribable iCalendar feed of maintenance windows (RFC 5545).
import type { APIRoute } from 'astro';
import { maintenanceIcs } from '../../lib/status-feeds';
import { now } from '../../server/clock';
import { statusCacheHeaders, statusContent, statusFeedSettings } from '../../server/status';

export const prerender = false;

export const GET: APIRoute = ({ url }) =>
  new Response(maintenanceIcs(statusContent, now(), statusFeedSettings(url.origin)), {
    headers: { ...statusCacheHeaders, 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="maintenance.ics"' },
  });
