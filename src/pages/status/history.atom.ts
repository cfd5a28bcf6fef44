// /status/history.atom: incident history as an Atom feed.
import type { APIRoute } from 'astro';
import { incidentsAtom } from '../../lib/status-feeds';
import { currentStatus, statusCacheHeaders, statusFeedSettings } from '../../server/status';

export const prerender = false;

export const GET: APIRoute = () =>
  new Response(incidentsAtom(currentStatus(), statusFeedSettings()), {
    headers: { ...statusCacheHeaders, 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
