// /console/export/tickets.csv: tickets with their SLA outcome (contains personal data: staff only).
import type { APIRoute } from 'astro';
import { getDb } from '../../../../db/client.ts';
import { ticketsCsv } from '../../../../db/queries/exports.ts';
import { now } from '../../../server/clock';

export const prerender = false;

export const GET: APIRoute = async () =>
  new Response(await ticketsCsv(getDb(), { now: now() }), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="tickets.csv"', 'Cache-Control': 'no-store' },
  });
