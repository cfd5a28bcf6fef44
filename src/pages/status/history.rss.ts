// /status/history.rss: incident history as an RSS 2.0 feed.
import type { APIRoute } from 'astro';
import { incidentsRss } from '../../lib/status-feeds';
import { now } from '../../server/clock';
import { statusCacheHeaders, statusContent, statusFeedSettings } from '../../server/status';

export const prerender = false;

export const GET: APIRoute = ({ url }) =>
  new Response(incidentsRss(statusContent, now(), statusFeedSettings(url.origin)), {
    headers: { ...statusCacheHeaders, 'Content-Type': 'application/rss+xml; charset=utf-8' },
  });
