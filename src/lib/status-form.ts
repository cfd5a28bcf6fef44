// The console's status forms (src/pages/console/status/) as plain HTML fields, mapped to the
// store's input (src/lib/status-input.ts) and the store's field errors mapped back onto the
// inputs that caused them. A browser without JavaScript posts exactly these fields; the composer
// island renders the same ones.
//
// Form fields are strings, and a repeated name keeps only its first value (src/server/http.ts),
// so each component has its own field: `component:<id>` holding a status (incidents; empty for
// "not affected") or "on" (maintenance, a checkbox). Times are typed as wall-clock time in the
// status page's zone (an <input type="datetime-local">) and become instants with their offset.
import { Temporal } from 'temporal-polyfill';

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string[]>;

export const componentField = (id: string) => `component:${id}`;
const componentFieldPattern = /^component:(.+)$/;

/** Component fields in the order they were posted, with their values. */
function postedComponents(values: FormValues): Array<{ id: string; value: string }> {
  return Object.entries(values).flatMap(([name, value]) => {
    const id = componentFieldPattern.exec(name)?.[1];
    return id === undefined ? [] : [{ id, value: value.trim() }];
  });
}

const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

/**
 * A local wall-clock time in `timeZone` ("2026-12-15T02:00" from datetime-local, or with a space)
 * as an ISO 8601 instant with its offset; an instant that already has an offset is kept. Anything
 * else is returned as typed so the store's schema names the problem. In the autumn hour that
 * occurs twice the earlier one is meant, and a time in the skipped spring hour moves on by the
 * hour the clocks jumped (Temporal's "compatible", as calendars do).
 */
export function instantFromLocal(local: string | undefined, timeZone: string): string | undefined {
  const typed = optional(local)?.trim();
  if (typed === undefined) return undefined;
  if (/(?:Z|[+-]\d{2}:\d{2})$/i.test(typed)) return typed;
  try {
    const wall = Temporal.PlainDateTime.from(typed.replace(' ', 'T'), { overflow: 'reject' });
    return wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).toString({ timeZoneName: 'never', smallestUnit: 'second' });
  } catch {
    return typed;
  }
}

/** An instant as the value of a datetime-local input, in `timeZone` ("2026-12-15T02:00"). */
export function localFromInstant(iso: string, timeZone: string): string {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' });
}

/** The new-incident form as the store's input. */
export function incidentInputFromForm(values: FormValues) {
  return {
    title: values.title ?? '',
    impact: values.impact ?? '',
    status: values.status ?? '',
    message: values.message ?? '',
    components: postedComponents(values).filter((c) => c.value !== '').map((c) => ({ id: c.id, status: c.value })),
  };
}

/**
 * The update form as the store's input. Components left all "not affected" are left out, which
 * keeps the previous update's statuses; the reopen box is sent only when ticked.
 */
export function incidentUpdateInputFromForm(values: FormValues) {
  const components = postedComponents(values).filter((c) => c.value !== '').map((c) => ({ id: c.id, status: c.value }));
  return {
    status: values.status ?? '',
    message: values.message ?? '',
    ...(components.length ? { components } : {}),
    ...(optional(values.impact) ? { impact: values.impact } : {}),
    ...(values.reopen ? { reopen: values.reopen } : {}),
  };
}

/** The schedule form as the store's input; `partial` for an edit, which sends only what was given. */
export function maintenanceInputFromForm(values: FormValues, timeZone: string, options: { partial?: boolean } = {}) {
  const input = {
    title: values.title,
    components: postedComponents(values).filter((c) => c.value !== '').map((c) => c.id),
    scheduledFor: instantFromLocal(values.scheduledFor, timeZone),
    scheduledUntil: instantFromLocal(values.scheduledUntil, timeZone),
    message: optional(values.message),
  };
  if (!options.partial) return { ...input, title: input.title ?? '', message: input.message ?? '' };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

/**
 * The store's field errors on the form's inputs: `components.<i>.id` and `components.<i>` become
 * the field of the i-th component sent (`sent`, the ids in the order of the input); other names
 * stay as they are.
 */
export function formFieldErrors(errors: FieldErrors, sent: readonly string[]): FieldErrors {
  const mapped = new Map<string, string[]>();
  for (const [name, messages] of Object.entries(errors)) {
    const index = /^components\.(\d+)(?:\.(?:id|status))?$/.exec(name)?.[1];
    const id = index === undefined ? undefined : sent[Number(index)];
    const field = id === undefined ? name : componentField(id);
    mapped.set(field, [...(mapped.get(field) ?? []), ...messages]);
  }
  return Object.fromEntries(mapped);
}
