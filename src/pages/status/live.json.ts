// /status/live.json: the little the help-center banner needs — what is active right now.
import type { APIRoute } from 'astro';
import { incidentsAt, maintenancesAt, overallStatus } from '../../lib/status';
import { now } from '../../server/clock';
import { statusCacheHeaders, statusContent } from '../../server/status';

export const prerender = false;

export const GET: APIRoute = () => {
  const at = now();
  const overall = overallStatus(statusContent, at);
  const items = [
    ...incidentsAt(statusContent, at).filter((i) => i.active).map((i) => ({ kind: 'incident', title: i.title, url: `/status/incidents/${i.id}/`, impact: i.impact })),
    ...maintenancesAt(statusContent, at).filter((m) => m.active).map((m) => ({ kind: 'maintenance', title: m.title, url: `/status/maintenance/${m.id}/`, impact: 'maintenance' })),
  ];
  return Response.json({ indicator: overall.indicator, label: overall.label, items }, { headers: statusCacheHeaders });
};
