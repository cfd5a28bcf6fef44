// Glue for the console's status pages (src/pages/console/status/): the signed-in person as the
// store's actor, the form body read within its limit, the store's state read fresh from the
// database (not the polled snapshot, which may be a poll behind the post just made), and the
// option lists the composer shows.
import { z } from 'zod';
import { getDb } from '../../db/client.ts';
import { statusAt, type StatusSnapshot } from '../lib/status';
import {
  componentStatuses,
  componentStatusLabels,
  impactLabels,
  impacts,
  incidentStatusLabels,
  maintenanceStatusLabels,
  maintenanceStatuses,
  type StatusContent,
} from '../lib/status-schema';
import { templatedIncidentStatuses } from '../lib/status-templates';
import type { StaffIdentity } from './session';
import { now } from './clock';
import { parseBody } from './http';
import { statusTimeZone } from './status';
import { loadStatusContent, type StatusActor, type StoreOptions, type StoreResult } from './status-store';
import type { Db } from '../../db/client.ts';

/** A form of a few fields and a message of at most 10,000 characters fits in 64 KB in any script. */
export const statusFormMaxBytes = 64 * 1024;
/** A postmortem may hold 100,000 characters. */
export const postmortemFormMaxBytes = 512 * 1024;

/** Who posts from the console: the staff member's e-mail, as the audit trail shows it. */
export function consoleActor(staff: StaffIdentity): StatusActor {
  return { name: staff.email, via: 'console' };
}

export type StatusForm = { ok: true; values: Record<string, string> } | { ok: false; status: 400 | 413 | 415; values: Record<string, string>; errors: Record<string, string[]> };

/** The posted form's fields as strings; a body over the limit keeps what arrived, for the form to show again. */
export async function readStatusForm(request: Request, maxBytes = statusFormMaxBytes): Promise<StatusForm> {
  const body = await parseBody(request, z.record(z.string(), z.string()), { maxBytes });
  if (body.ok) return { ok: true, values: body.value };
  const message = body.status === 415 ? 'Send the form as the page does (application/x-www-form-urlencoded).' : body.status === 413 ? `The form is larger than ${Math.floor(maxBytes / 1024)} KB; shorten the message and post again.` : 'The form could not be read.';
  return { ok: false, status: body.status, values: body.values, errors: { _: [message] } };
}

/** The status as it is in the database now, with its snapshot at the server's clock and the ids of cancelled maintenance. */
export async function consoleStatus(): Promise<{ content: StatusContent; snapshot: StatusSnapshot; at: Date; cancelled: Set<string> }> {
  const content = await loadStatusContent(getDb());
  const at = now();
  const cancelled = new Set(content.maintenances.filter((m) => m.data.cancelledAt !== undefined).map((m) => m.id));
  return { content, snapshot: statusAt(content, at, { timeZone: statusTimeZone }), at, cancelled };
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

/** The option lists of the composer, from the status schema's enumerations and labels. */
export const composerOptions = {
  incidentStatuses: options(templatedIncidentStatuses, incidentStatusLabels),
  maintenanceStatuses: options(maintenanceStatuses, maintenanceStatusLabels),
  impacts: options(impacts, impactLabels),
  componentStatuses: options(componentStatuses, componentStatusLabels),
};

/** The components in page order, for the composer. */
export function componentOptions(content: StatusContent) {
  return [...content.components].sort((a, b) => a.order - b.order).map(({ id, name, group }) => ({ id, name, group }));
}

/** A store refusal's message for the top of the form, with the field errors kept for their inputs. */
export function refusalErrors(result: { message: string; fields: Record<string, string[]> }, mapped: Record<string, string[]>): Record<string, string[]> {
  return { ...mapped, _: [...(mapped._ ?? []), ...(Object.keys(mapped).length ? [] : [result.message])] };
}

/** What a console status page's POST came to: where to go next, or the form again with what was typed. */
export type StatusPost =
  | { ok: true; redirect: string }
  | { ok: false; status: number; values: Record<string, string>; errors: Record<string, string[]> };

/**
 * The POST of every console status page: reads the form within its limit, turns it into the
 * store's input, writes it as the signed-in person at the server's clock, and answers with the
 * overview's address (`?done=…&id=…`) or the form's values, errors and status.
 */
export async function postStatusForm<I>(request: Request, staff: StaffIdentity, step: {
  input: (values: Record<string, string>) => I;
  write: (db: Db, input: I, actor: StatusActor, at: Date, options: StoreOptions) => Promise<StoreResult<{ id: string }>>;
  /** The word the overview thanks for ("opened", "resolved", …). */
  done: string | ((input: I) => string);
  /** The store's field errors as the form names its inputs (default: as they are). */
  fields?: (fields: Record<string, string[]>, input: I) => Record<string, string[]>;
  maxBytes?: number;
}): Promise<StatusPost> {
  const form = await readStatusForm(request, step.maxBytes);
  if (!form.ok) return { ok: false, status: form.status, values: form.values, errors: form.errors };
  const input = step.input(form.values);
  const result = await step.write(getDb(), input, consoleActor(staff), now(), { timeZone: statusTimeZone });
  if (result.ok) {
    const done = typeof step.done === 'function' ? step.done(input) : step.done;
    return { ok: true, redirect: `/console/status/?done=${done}&id=${encodeURIComponent(result.value.id)}` };
  }
  return { ok: false, status: result.status, values: form.values, errors: refusalErrors(result, step.fields ? step.fields(result.fields, input) : result.fields) };
}
