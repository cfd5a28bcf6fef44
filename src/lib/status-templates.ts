// The console composer's message templates (content/status/templates.yaml): the schema the team
// writes against and its parsing, with messages that name the file, the field and the fix.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatPath } from './content-check.ts';
import { incidentStatuses, maintenanceStatuses } from './status-schema.ts';

const template = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required: write the text the composer starts from' : 'must be Markdown text') })
  .trim()
  .min(10, 'must be at least 10 characters: a sentence customers can act on')
  .max(2000, 'must be at most 2000 characters: templates are a starting point, not the whole story');

/** Incident statuses a person posts; a postmortem has its own form, with no template. */
export const templatedIncidentStatuses = incidentStatuses.filter((s) => s !== 'postmortem') as Exclude<(typeof incidentStatuses)[number], 'postmortem'>[];

/** Maintenance statuses plus `cancelled`, the note posted when a window is called off. */
export const templatedMaintenanceStatuses = [...maintenanceStatuses, 'cancelled'] as const;

export const statusTemplatesSchema = z
  .object({
    /** One text per incident status: investigating, identified, monitoring, resolved. */
    incident: z.object(Object.fromEntries(templatedIncidentStatuses.map((s) => [s, template])) as Record<(typeof templatedIncidentStatuses)[number], typeof template>).strict(),
    /** One text per maintenance status (scheduled, in_progress, verifying, completed) and cancelled. */
    maintenance: z.object(Object.fromEntries(templatedMaintenanceStatuses.map((s) => [s, template])) as Record<(typeof templatedMaintenanceStatuses)[number], typeof template>).strict(),
  })
  .strict();
export type StatusTemplates = z.infer<typeof statusTemplatesSchema>;

export type TemplatesCheck = { ok: true; templates: StatusTemplates } | { ok: false; errors: string[] };

/** Parses the file's text; each error names the file and the field path (`incident.resolved`). */
export function parseStatusTemplates(source: string | null, file: string): TemplatesCheck {
  if (source === null) return { ok: false, errors: [`${file}: is missing; it holds the composer's message templates (incident: and maintenance: with one text per status)`] };
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (e) {
    return { ok: false, errors: [`${file}: is not valid YAML (${(e as Error).message.split('\n')[0]})`] };
  }
  const parsed = statusTemplatesSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, templates: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return `${file}: ${formatPath(issue.path) || 'the file'} has unknown key(s) ${issue.keys.join(', ')}; use ${issue.path[0] === 'incident' ? templatedIncidentStatuses.join(', ') : issue.path[0] === 'maintenance' ? templatedMaintenanceStatuses.join(', ') : 'incident and maintenance'}`;
      return `${file}: ${formatPath(issue.path) || 'the file'} ${issue.message}`;
    }),
  };
}
