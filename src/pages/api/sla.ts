// GET /api/sla?plan=plus&at=<ISO 8601>&emergency=false: the first-response deadline a ticket
// received at `at` would get, so the form can say "we will answer by …" before it is sent.
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { firstResponseDue, formatInZone, plans } from '../../lib/sla';
import { now } from '../../server/clock';
import { errorResponse, fieldErrors } from '../../server/http';
import { slaPolicy } from '../../server/support';

export const prerender = false;

const querySchema = z.object({
  plan: z.enum(plans, { error: `must be one of ${plans.join(', ')}` }),
  at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset, such as 2026-12-01T22:45:00+01:00' }).optional(),
  emergency: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
}).strict();

export const GET: APIRoute = ({ url }) => {
  const parsed = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return errorResponse(400, 'invalid_input', fieldErrors(parsed.error.issues));
  const { plan, at, emergency } = parsed.data;
  const receivedAt = at ? new Date(at) : now();
  const due = firstResponseDue(plan, receivedAt, slaPolicy, { emergency: emergency === 'true' });
  if (!due.ok) return errorResponse(422, due.error, { emergency: [`is only available on the ${slaPolicy.emergencyPlans.join(' and ')} plans`] });
  return Response.json({
    plan,
    target: due.targetMinutes === null ? null : { minutes: due.targetMinutes },
    calendar: due.calendar,
    receivedAt: formatInZone(receivedAt, slaPolicy.timeZone),
    dueAt: due.dueAt ? formatInZone(due.dueAt, slaPolicy.timeZone) : null,
  }, { headers: { 'Cache-Control': 'no-store' } });
};
