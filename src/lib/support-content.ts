// content/support/ as the site reads it: sla.yaml (hours, holidays, targets, phone) and plans.yaml
// (what /support/ says about each plan), parsed and checked against their schemas. Pure: the
// caller reads the files (src/integrations/content-check.ts). Every problem names the file, line,
// field and fix, so the build can list them all at once.
import { parseYamlFile } from './content-files.ts';
import { slaPolicySchema, type SlaPolicy } from './sla.ts';
import { supportPlansSchema, type SupportPlan } from './support-plans.ts';

export interface SupportSources {
  /** Paths as shown in messages, e.g. "content/support/sla.yaml". */
  slaFile: string;
  /** The file's text, or null when it does not exist. */
  slaSource: string | null;
  plansFile: string;
  plansSource: string | null;
}

export interface SupportContent {
  policy: SlaPolicy;
  plans: SupportPlan[];
}

export type SupportCheck = { ok: true; content: SupportContent } | { ok: false; errors: string[] };

export function parseSupportFiles(sources: SupportSources): SupportCheck {
  const policy = parseYamlFile(sources.slaFile, sources.slaSource, slaPolicySchema, { holds: "the support desk's hours, holidays and response targets" });
  const plans = parseYamlFile(sources.plansFile, sources.plansSource, supportPlansSchema, { holds: 'the plans compared on /support/' });
  if (policy.ok && plans.ok) return { ok: true, content: { policy: policy.value, plans: plans.value } };
  return { ok: false, errors: [...(policy.ok ? [] : policy.errors), ...(plans.ok ? [] : plans.errors)] };
}
