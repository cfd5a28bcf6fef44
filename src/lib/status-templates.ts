// The console composer's message templates (content/status/templates.yaml): the schema the team
// writes against and its parsing, with messages that name the file, the field and the fix.
import { z } from 'zod';
import { parseYamlFile } from './content-files.ts';
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

/** Parses the file's text; each error names the file, line and field path (`incident.resolved`). */
export function parseStatusTemplates(source: string | null, file: string): TemplatesCheck {
  const checked = parseYamlFile(file, source, statusTemplatesSchema, {
    holds: "the composer's message templates (incident: and maintenance: with one text per status)",
    whole: 'the file',
    allowedKeys: (path) => (path[0] === 'incident' ? templatedIncidentStatuses : path[0] === 'maintenance' ? templatedMaintenanceStatuses : ['incident', 'maintenance']),
  });
  return checked.ok ? { ok: true, templates: checked.value } : checked;
}
