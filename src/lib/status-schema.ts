// The content contract for the status page: the zod schemas for content/status/ (components,
// incidents, maintenance) and the enumerations every column, label and API field reuses.
import { z } from 'zod';

/**
 * What an incident does to a component, mildest first: the order is the severity order used to
 * pick the worst status. Spelled as Statuspage spells them so the API needs no mapping.
 */
export const componentStatuses = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
export type ComponentStatus = (typeof componentStatuses)[number];

/**
 * What a component shows on the page, mildest first. `under_maintenance` is never written by
 * authors: it is derived while a maintenance runs, and any incident status outranks it.
 */
export const displayedComponentStatuses = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const satisfies ReadonlyArray<ComponentStatus | 'under_maintenance'>;
export type DisplayedComponentStatus = (typeof displayedComponentStatuses)[number];

/** How bad an incident is for customers, mildest first; also the page-wide indicator. */
export const impacts = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof impacts)[number];

/** The life of an incident, in the order it normally goes through them. */
export const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** The life of a maintenance, in order. */
export const maintenanceStatuses = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof maintenanceStatuses)[number];

export const componentStatusLabels: Record<DisplayedComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

export const impactLabels: Record<Impact, string> = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};

export const incidentStatusLabels: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
};

export const maintenanceStatusLabels: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

/** A component id, incident slug or other lowercase slug. */
export const slug = z
  .string({ error: 'must be a lowercase slug such as "mail-imap"' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug such as "mail-imap"');

/** Trimmed text between `min` and `max` characters. */
export const text = (min: number, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .trim()
    .min(min, `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

/** Non-empty Markdown. */
export const markdown = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be Markdown text') })
  .trim()
  .min(1, 'must not be empty');

export const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

/**
 * An instant written with its UTC offset (2026-11-03T14:05:00+01:00 or ...Z), kept as the string
 * the author wrote. The offset is required because a bare local time is ambiguous in the autumn
 * DST hour. Astro's frontmatter parser (js-yaml) turns unquoted timestamps into Date objects,
 * which are accepted as the instant they denote; the `yaml` package keeps them as strings.
 */
export const dateTime = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value),
  z.iso.datetime({
    offset: true,
    error: (issue) =>
      issue.input === undefined
        ? 'is required'
        : 'must be an ISO 8601 date-time with an offset, such as 2026-11-03T14:05:00+01:00',
  }),
);

/** One entry of content/status/components.yaml. */
export const componentSchema = z
  .object({
    /** Stable identifier used by incidents, maintenance and the API. Renaming it breaks history. */
    id: slug,
    /** Name shown on the status page, e.g. "IMAP and POP mailboxes". */
    name: text(2, 80),
    /** Heading the component is listed under, e.g. "Mail". Components sharing it form a group. */
    group: text(2, 60),
    /** One sentence on what the component covers, shown under its name. */
    description: text(10, 240),
    /** Position on the page, lowest first. Groups are ordered by their lowest component. */
    order: z
      .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a whole number') })
      .int('must be a whole number'),
  })
  .strict();
export type Component = z.infer<typeof componentSchema>;

/** content/status/components.yaml: the list of components, in any order. */
export const componentsFileSchema = z.array(componentSchema, { error: 'must be a list of components' });

/** Affected components with what the incident does to each, as an incident or an update lists them. */
const affectedComponents = z
  .array(
    z
      .object({
        /** An id from content/status/components.yaml. */
        id: slug,
        /** partial_outage and major_outage count as downtime; degraded_performance does not. */
        status: enumOf(componentStatuses),
      })
      .strict(),
    { error: 'must be a list of { id, status }' },
  )
  .min(1, 'must list at least one affected component');

export const incidentUpdateSchema = z
  .object({
    /** When the update was posted; it stays hidden until then. Updates are listed oldest first. */
    at: dateTime,
    /** Where the incident stands after this update. The latest visible update sets the incident status. */
    status: enumOf(incidentStatuses),
    /** What customers should know, in Markdown. */
    body: markdown,
    /**
     * What each affected component is from this update until the next one. Without it, the
     * previous update's statuses hold (for the first update, the incident's `components`).
     * History keeps what each update said: a milder later update never rewrites the past.
     */
    components: affectedComponents.optional(),
    /** Set on an update that reopens a resolved incident (the only kind that may follow resolved, besides a postmortem). */
    reopen: z.literal(true, { error: 'must be true when set' }).optional(),
  })
  .strict();
export type IncidentUpdate = z.infer<typeof incidentUpdateSchema>;

/** Frontmatter of content/status/incidents/<YYYY-MM-DD>-<slug>.md */
export const incidentSchema = z
  .object({
    /** What customers experience, e.g. "Delayed delivery of incoming mail". */
    title: text(3, 120),
    /** How bad it is overall; colours the incident and the day bars. */
    impact: enumOf(impacts),
    /**
     * Each affected component and what the incident does to it, from the first update on. An
     * update may give its own `components` when the effect changes; the statuses hold until the
     * incident is resolved. Optional when the first update lists the components itself.
     */
    components: affectedComponents.optional(),
    /** The timeline, oldest first. Only a postmortem update may follow the resolved one. */
    updates: z.array(incidentUpdateSchema, { error: 'must be a list of updates' }).min(1, 'must hold at least one update'),
    /** The full postmortem in Markdown, shown once the incident is resolved. */
    postmortem: markdown.optional(),
  })
  .strict();
export type IncidentData = z.infer<typeof incidentSchema>;

export const maintenanceUpdateSchema = z
  .object({
    /** When the update was posted; it stays hidden until then. */
    at: dateTime,
    /** scheduled, in_progress, verifying or completed. A completed update ends the window early. */
    status: enumOf(maintenanceStatuses),
    /** What customers should know, in Markdown. */
    body: markdown,
  })
  .strict();
export type MaintenanceUpdate = z.infer<typeof maintenanceUpdateSchema>;

/** Frontmatter of content/status/maintenance/<YYYY-MM-DD>-<slug>.md */
export const maintenanceSchema = z
  .object({
    /** What is being done, e.g. "Mail storage cluster upgrade". */
    title: text(3, 120),
    /** Ids from content/status/components.yaml; they show "under maintenance" during the window. */
    components: z.array(slug, { error: 'must be a list of component ids' }).min(1, 'must list at least one component'),
    /** Start of the window. The maintenance is in progress from here (or from an earlier in_progress update). */
    scheduledFor: dateTime,
    /** End of the window; the maintenance counts as completed from here at the latest. */
    scheduledUntil: dateTime,
    /** When the announcement appears. Without it, from the first update; without updates, at once. */
    publishedAt: dateTime.optional(),
    /** When the maintenance was called off; it then shows as cancelled and never runs. */
    cancelledAt: dateTime.optional(),
    /** Why it was called off, in Markdown (optional; needs cancelledAt). */
    cancellation: markdown.optional(),
    /** The timeline, oldest first. Nothing may follow a completed update. */
    updates: z.array(maintenanceUpdateSchema, { error: 'must be a list of updates' }).default([]),
  })
  .strict();
export type MaintenanceData = z.infer<typeof maintenanceSchema>;

/** One incident or maintenance file, however it was loaded. */
export interface StatusEntry<Data> {
  /** The file name without extension, <YYYY-MM-DD>-<slug>; used in URLs and as the API id. */
  id: string;
  /** Path shown in messages, e.g. "content/status/incidents/2026-11-03-mail.md". */
  file: string;
  data: Data;
  /** The Markdown after the frontmatter: optional longer description (may be empty). */
  body: string;
}

/**
 * Everything the status logic needs, independent of how it was read (Astro collections, the
 * `yaml` package in a CLI, fixtures in tests).
 */
export interface StatusContent {
  /** Path of the components file, for messages; defaults to content/status/components.yaml. */
  componentsFile?: string;
  components: Component[];
  incidents: Array<StatusEntry<IncidentData>>;
  maintenances: Array<StatusEntry<MaintenanceData>>;
}
