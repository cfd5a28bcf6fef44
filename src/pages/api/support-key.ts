// POST /api/support-key { contractKey }: which plan a key grants today, so the form can show
// the emergency option and the right deadline before the client sends. Wrong keys count
// toward the same lockout as tickets filed with wrong keys.
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { checkOrigin, clientAddress, errorResponse, readBody } from '../../server/http';
import { now } from '../../server/clock';
import { keyProblemMessages, limitKeyCheck, planForKey } from '../../server/tickets';
import { slaPolicy } from '../../server/support';

export const prerender = false;

const schema = z.object({ contractKey: z.string({ error: 'is required' }).trim().min(1, 'is required').max(80, 'is not a contract key') }).strict();

export const POST: APIRoute = async ({ request, clientAddress: socketAddress }) => {
  const crossSite = checkOrigin(request);
  if (crossSite) return crossSite.response;
  const input = await readBody(request, schema, { maxBytes: 1_024 });
  if (!input.ok) return input.response;
  const grant = await planForKey(input.value.contractKey, now());
  const limited = await limitKeyCheck(grant, clientAddress(request, socketAddress));
  if (limited) return limited;
  const { plan, problem } = grant;
  if (problem) {
    return errorResponse(403, 'contract_key_refused', { contractKey: [`${keyProblemMessages[problem]} Your request will be filed under the Standard plan.`] });
  }
  return Response.json({ plan, emergency: slaPolicy.emergencyPlans.includes(plan) }, { headers: { 'Cache-Control': 'no-store' } });
};
