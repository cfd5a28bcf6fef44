// POST /api/support-key { contractKey }: which plan a key grants today, so the form can show
// the emergency option and the right deadline before the client sends. Wrong keys count
// toward the same lockout as tickets filed with wrong keys.
import { z } from 'zod';
import { errorResponse } from '../../server/http';
import { onlyPost, publicPost } from '../../server/public-post';
import { now } from '../../server/clock';
import { keyProblemMessages, limitKeyCheck, planForKey } from '../../server/tickets';
import { slaPolicy } from '../../server/support';

export const prerender = false;

const schema = z.object({ contractKey: z.string({ error: 'is required' }).trim().min(1, 'is required').max(80, 'is not a contract key') }).strict();

// No limit per address up front: a working key is never refused, wrong keys count toward the lockout.
export const POST = publicPost({ name: 'support-key', schema, maxBytes: 1_024 }, async ({ value, address }) => {
  const grant = await planForKey(value.contractKey, now());
  const limited = await limitKeyCheck(grant, address);
  if (limited) return limited;
  const { plan, problem } = grant;
  if (problem) {
    return errorResponse(403, 'contract_key_refused', { contractKey: [`${keyProblemMessages[problem]} Your request will be filed under the Standard plan.`] });
  }
  return Response.json({ plan, emergency: slaPolicy.emergencyPlans.includes(plan) }, { headers: { 'Cache-Control': 'no-store' } });
});

export const ALL = onlyPost;
