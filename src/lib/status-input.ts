// What a person or a monitoring tool may post to the status page (console, CLI, API): the input
// schemas with their messages, and the checks against the current state that a schema cannot
// make (unknown components, an update on a resolved incident, a window ending before it starts).
// Pure: the current state comes in as arguments; the store (src/server/status-store.ts) applies it.
import { z } from 'zod';
import {
  componentStatuses,
  dateTime,
  enumOf,
  impacts,
  incidentStatuses,
  maintenanceStatuses,
  markdown,
  slug,
  text,
  type IncidentStatus,
  type MaintenanceStatus,
} from './status-schema.ts';

/** Where a status change came from, as recorded in the audit trail. */
export const statusVias = ['console', 'cli', 'api'] as const;
export type StatusVia = (typeof statusVias)[number];

/** Field name (dotted path, e.g. "components.0.id") to its messages, as errorResponse sends them. */
export type FieldErrors = Record<string, string[]>;

/** An update's text: long enough for a real explanation, short enough to read on a phone. */
const message = markdown.pipe(z.string().max(10_000, 'must be at most 10,000 characters'));

/** A form checkbox ("on"), a query flag ("true", "1") or a JSON boolean. */
const flag = z.preprocess(
  (value) => (value === 'on' || value === 'true' || value === '1' ? true : value === 'false' || value === '0' || value === '' ? false : value),
  z.boolean({ error: 'must be true or false' }),
);

export const componentStatusInputSchema = z
  .object({
    /** An id from the status components. */
    id: slug,
    /** What the incident does to it now: operational, degraded_performance, partial_outage, major_outage. */
    status: enumOf(componentStatuses),
  })
  .strict();

const componentList = z
  .array(componentStatusInputSchema, { error: 'must be a list of { id, status }' })
  .max(100, 'must list at most 100 components');

/** Statuses an incident can be opened or updated with; a postmortem is posted on its own. */
export const postableIncidentStatuses = incidentStatuses.filter((s) => s !== 'postmortem') as Exclude<IncidentStatus, 'postmortem'>[];
const postableStatus = enumOf(postableIncidentStatuses as unknown as readonly ['investigating', 'identified', 'monitoring', 'resolved']);

export const newIncidentInputSchema = z
  .object({
    /** What customers experience, e.g. "Delayed delivery of incoming mail". */
    title: text(3, 120),
    /** How bad it is overall. */
    impact: enumOf(impacts),
    /** Where it stands: usually investigating. */
    status: postableStatus,
    /** The first update customers read. */
    message,
    /** Each affected component and what the incident does to it. */
    components: componentList.min(1, 'must list at least one affected component'),
  })
  .strict();
export type NewIncidentInput = z.infer<typeof newIncidentInputSchema>;

export const incidentUpdateInputSchema = z
  .object({
    status: postableStatus,
    message,
    /** The components' statuses from this update on; without it, the previous update's stay. */
    components: componentList.min(1, 'must list at least one component, or be left out to keep the current statuses').optional(),
    /** A new overall impact, when the incident got better or worse. */
    impact: enumOf(impacts).optional(),
    /** Needed to post on a resolved incident: it becomes open again. */
    reopen: flag.optional(),
  })
  .strict();
export type IncidentUpdateInput = z.infer<typeof incidentUpdateInputSchema>;

export const postmortemInputSchema = z
  .object({
    /** The postmortem in Markdown: what happened, why, and what changes. */
    body: markdown.pipe(z.string().max(100_000, 'must be at most 100,000 characters')),
  })
  .strict();
export type PostmortemInput = z.infer<typeof postmortemInputSchema>;

const maintenanceComponents = z
  .array(slug, { error: 'must be a list of component ids' })
  .min(1, 'must list at least one component')
  .max(100, 'must list at most 100 components');

const maintenanceFields = {
  /** What is being done, e.g. "Mail storage cluster upgrade". */
  title: text(3, 120),
  /** Ids of the components that will show "under maintenance" during the window. */
  components: maintenanceComponents,
  /** Start of the window, ISO 8601 with an offset. */
  scheduledFor: dateTime,
  /** End of the window, ISO 8601 with an offset; after scheduledFor. */
  scheduledUntil: dateTime,
  /** The announcement customers read. */
  message,
};

export const newMaintenanceInputSchema = z.object(maintenanceFields).strict();
export type NewMaintenanceInput = z.infer<typeof newMaintenanceInputSchema>;

/** Any of the fields of a new maintenance; a message is posted as an update saying what changed. */
export const maintenanceEditInputSchema = z
  .object(maintenanceFields)
  .partial()
  .strict()
  .refine((value) => Object.values(value).some((v) => v !== undefined), { error: 'change at least one of title, components, scheduledFor, scheduledUntil, message' });
export type MaintenanceEditInput = z.infer<typeof maintenanceEditInputSchema>;

export const maintenanceUpdateInputSchema = z
  .object({
    /** scheduled, in_progress, verifying or completed (completed ends the window now). */
    status: enumOf(maintenanceStatuses),
    message,
  })
  .strict();
export type MaintenanceUpdateInput = z.infer<typeof maintenanceUpdateInputSchema>;

export const maintenanceCancelInputSchema = z
  .object({
    /** Why it is called off, shown on the page (optional). */
    message: message.optional(),
  })
  .strict();
export type MaintenanceCancelInput = z.infer<typeof maintenanceCancelInputSchema>;

// ---------------------------------------------------------------------------------------------
// Checks against the current state

const add = (errors: FieldErrors, field: string, text: string) => {
  (errors[field] ??= []).push(text);
};

/**
 * Component ids that are not on the page, or listed twice. `field` is how the list is addressed:
 * incident lists hold `{ id, status }` (errors on "components.<i>.id"), maintenance lists plain
 * ids (errors on "components.<i>").
 */
export function componentErrors(ids: readonly string[], known: Iterable<string>, kind: 'incident' | 'maintenance'): FieldErrors {
  const errors: FieldErrors = {};
  const knownIds = new Set(known);
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const field = kind === 'incident' ? `components.${i}.id` : `components.${i}`;
    if (!knownIds.has(id)) add(errors, field, `"${id}" is not a component on the status page; use one of ${[...knownIds].join(', ')}`);
    else if (seen.has(id)) add(errors, field, `"${id}" is listed twice; list each component once`);
    seen.add(id);
  });
  return errors;
}

/** An update posted on an incident in `current` state; postmortems are checked by postmortemErrors. */
export function incidentUpdateErrors(current: { status: IncidentStatus }, input: IncidentUpdateInput): FieldErrors {
  const errors: FieldErrors = {};
  const closed = current.status === 'resolved' || current.status === 'postmortem';
  if (closed && !input.reopen) {
    add(errors, 'status', 'the incident is resolved; set reopen to post on it again, or open a new incident');
  } else if (!closed && input.reopen) {
    add(errors, 'reopen', 'only a resolved incident can be reopened; this one is still open');
  } else if (closed && input.reopen && input.status === 'resolved') {
    add(errors, 'status', 'a reopening update cannot resolve the incident; post investigating, identified or monitoring');
  }
  return errors;
}

/** A postmortem needs the incident resolved first. */
export function postmortemErrors(current: { status: IncidentStatus }): FieldErrors {
  return current.status === 'resolved' || current.status === 'postmortem'
    ? {}
    : { status: ['the incident is not resolved yet; resolve it before publishing a postmortem'] };
}

/** The window must end after it starts. */
export function maintenanceWindowErrors(window: { scheduledFor: string; scheduledUntil: string }): FieldErrors {
  const start = Date.parse(window.scheduledFor);
  const end = Date.parse(window.scheduledUntil);
  if (end > start) return {};
  return { scheduledUntil: [`must be after scheduledFor (${window.scheduledFor}); the window ${end === start ? 'has no length' : 'ends before it starts'}`] };
}

/** Where a maintenance stands, as the store derives it at the time of a change. */
export interface MaintenanceStanding {
  status: MaintenanceStatus;
  cancelled: boolean;
}

/** Editing, updating or cancelling a maintenance that is over is refused. */
export function maintenanceChangeErrors(current: MaintenanceStanding, action: 'edit' | 'update' | 'cancel'): FieldErrors {
  const verb = { edit: 'edited', update: 'updated', cancel: 'cancelled' }[action];
  if (current.cancelled) return { status: [`the maintenance was cancelled and cannot be ${verb}; schedule a new one`] };
  if (current.status === 'completed') return { status: [`the maintenance is completed and cannot be ${verb}; schedule a new one`] };
  if (action === 'cancel' && current.status !== 'scheduled') {
    return { status: ['the maintenance has started; post a completed update to end it instead of cancelling'] };
  }
  return {};
}

/** Merges field errors from several checks. */
export function mergeFieldErrors(...all: FieldErrors[]): FieldErrors {
  const merged: FieldErrors = {};
  for (const errors of all) for (const [field, list] of Object.entries(errors)) for (const text of list) add(merged, field, text);
  return merged;
}
