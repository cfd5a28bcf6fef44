// The support desk's policy and plans (content/support/), checked and bundled at build time by
// src/integrations/content-check.ts; everything the server says about hours and targets comes from here.
import support from 'virtual:cairn/support';
import type { SlaPolicy } from '../lib/sla';
import type { SupportPlan } from '../lib/support-plans';

export const slaPolicy: SlaPolicy = support.policy;
/** Plans in the order /support/ compares them. */
export const supportPlans: SupportPlan[] = support.plans;
