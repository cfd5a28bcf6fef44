// /status/maintenance.ics: a subscribable iCalendar feed of maintenance windows (RFC 5545).
import type { APIRoute } from 'astro';
import { maintenanceIcs } from '../../lib/status-feeds';
import { currentStatus, statusCacheHeaders, statusFeedSettings } from '../../server/status';

export const prerender = false;

export const GET: APIRoute = () =>
  new Response(maintenanceIcs(currentStatus(), statusFeedSettings()), {
    headers: { ...statusCacheHeaders, 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="maintenance.ics"' },
  });
