// /status/history.rss: incident history as an RSS 2.0 feed.
import type { APIRoute } from 'astro';
import { incidentsRss } from '../../lib/status-feeds';
import { currentStatus, statusCacheHeaders, statusFeedSettings } from '../../server/status';

export const prerender = false;

export const GET: APIRoute = () =>
  new Response(incidentsRss(currentStatus(), statusFeedSettings()), {
    headers: { ...statusCacheHeaders, 'Content-Type': 'application/rss+xml; charset=utf-8' },
  });
