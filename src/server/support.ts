// The support policy bundled into the server at build time (content/support/sla.yaml).
import { parse } from 'yaml';
import { slaPolicySchema, type SlaPolicy } from '../lib/sla';
import source from '../../content/support/sla.yaml?raw';
import plansSource from '../../content/support/plans.yaml?raw';

// The build refused an invalid policy already (src/integrations/content-check.ts).
export const slaPolicy: SlaPolicy = slaPolicySchema.parse(parse(source));

export interface SupportPlan { plan: string; name: string; price: string; firstResponseHours: number | null; emergencyLine: boolean; accountManagers: number; minimumMonths: number; highlights: string[] }
/** Plans as shown on /support/ (content/support/plans.yaml). */
export const supportPlans = parse(plansSource) as SupportPlan[];
