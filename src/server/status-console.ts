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
import { loadStatusContent, type StatusActor } from './status-store';

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
