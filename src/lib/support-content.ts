// content/support/ as the site reads it: sla.yaml (hours, holidays, targets, phone) and plans.yaml
// (what /support/ says about each plan), parsed and checked against their schemas. Pure: the
// caller reads the files (src/integrations/content-check.ts). Every problem names the file, line,
// field and fix, so the build can list them all at once.
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath } from './content-check.ts';
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

/** Parses one YAML file through a schema; errors carry the line of the value at fault. */
export function parseYamlFile<S extends z.ZodType>(file: string, source: string | null, schema: S, holds: string): { ok: true; value: z.output<S> } | { ok: false; errors: string[] } {
  if (source === null) return { ok: false, errors: [`${file}: is missing; it holds ${holds}`] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    return { ok: false, errors: doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: is not valid YAML (${e.message.split('\n')[0]})`) };
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, value: parsed.data };
  const lineOf = (path: readonly PropertyKey[]) => {
    // The deepest node the path reaches: a missing field is reported at the entry that lacks it.
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const start = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
      if (start !== undefined) return lineCounter.linePos(start).line;
    }
    return 1;
  };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => `${file}:${lineOf(issue.path)}: ${formatPath(issue.path) || '(file)'} ${issue.message}`),
  };
}

export function parseSupportFiles(sources: SupportSources): SupportCheck {
  const policy = parseYamlFile(sources.slaFile, sources.slaSource, slaPolicySchema, "the support desk's hours, holidays and response targets");
  const plans = parseYamlFile(sources.plansFile, sources.plansSource, supportPlansSchema, 'the plans compared on /support/');
  if (policy.ok && plans.ok) return { ok: true, content: { policy: policy.value, plans: plans.value } };
  return { ok: false, errors: [...(policy.ok ? [] : policy.errors), ...(plans.ok ? [] : plans.errors)] };
}
