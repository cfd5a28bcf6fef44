// The schema of content/support/plans.yaml: what /support/ says about each plan beyond the SLA.
// Response targets, emergency lines, desk and phone hours are not here: they live in
// content/support/sla.yaml, and the page derives its words from there (src/lib/sla-text.ts).
import { z } from 'zod';
import { plans } from './sla.ts';

/**
 * Desk and phone hours or a response target written into a highlight would be a second copy of
 * sla.yaml that goes stale when the policy changes, so highlights may not state times or targets.
 */
const restatesPolicy = /\b\d{1,2}:\d{2}\b|\bwithin \d+\s*(?:h\b|hours?|min|minutes?)|\b24\s*(?:\/|hours a day)/i;

const planFields = {
  /** The plan's id: one of the plans every other part of Cairn names (API, database, sla.yaml). */
  plan: z.enum(plans, { error: `must be one of ${plans.join(', ')}` }),
  /** The plan's name as the comparison table heads its column, e.g. "Plus". */
  name: z.string({ error: 'must be the plan\'s name as shown, e.g. "Plus"' }).trim().min(1, { error: 'must not be empty; write the plan\'s name, e.g. "Plus"' }).max(40, { error: 'must be at most 40 characters' }),
  /** One line on what it costs, e.g. "Included with every product" or "Premium plan". */
  price: z.string({ error: 'must be a short text, e.g. "Premium plan"' }).trim().min(1, { error: 'must not be empty, e.g. "Premium plan"' }).max(80, { error: 'must be at most 80 characters' }),
  /** How many account managers the client gets: 0, 1 (designated) or 2 (one of them technical). */
  accountManagers: z.union([z.literal(0), z.literal(1), z.literal(2)], { error: 'must be 0, 1 or 2' }),
  /** What else the plan includes, one line each; not hours or targets (those come from sla.yaml). */
  highlights: z
    .array(
      z.string({ error: 'must be a line of text' }).refine((line) => !restatesPolicy.test(line), {
        error: 'states hours or a response target, which /support/ already derives from content/support/sla.yaml; remove it there or change sla.yaml',
      }),
      { error: 'must be a list of lines, e.g. ["Priority over standard requests"]' },
    )
    .default([]),
};
const fieldNames = Object.keys(planFields).join(', ');

export const supportPlanSchema = z.strictObject(planFields, {
  error: (issue) =>
    issue.code === 'unrecognized_keys' ? `must only have the fields ${fieldNames}, not ${issue.keys.join(', ')}` : `must be a plan with the fields ${fieldNames}`,
});
export type SupportPlan = z.infer<typeof supportPlanSchema>;

/** The plans in the order /support/ compares them, each of `plans` exactly once. */
export const supportPlansSchema = z
  .array(supportPlanSchema, { error: `must be a list of plans, one entry per plan (${plans.join(', ')})` })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      if (seen.has(entry.plan)) ctx.addIssue({ code: 'custom', path: [i, 'plan'], message: `"${entry.plan}" is listed twice; each plan has one entry` });
      seen.add(entry.plan);
    });
    const missing = plans.filter((plan) => !seen.has(plan));
    if (missing.length) ctx.addIssue({ code: 'custom', path: [], message: `must list every plan; add an entry for ${missing.join(', ')}` });
  });
