// /console/export/feedback.csv: every vote (no voter key), for the team's own analysis.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../db/client.ts';
import { feedbackCsv } from '../../../../db/queries/exports.ts';

export const prerender = false;

export const GET: APIRoute = async () =>
  new Response(await feedbackCsv(getDb()), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="feedback.csv"', 'Cache-Control': 'no-store' },
  });
