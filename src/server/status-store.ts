// The status store: incidents and maintenance live in the database every app server shares. Each
// write validates its input (src/lib/status-input.ts), checks it against the current state, and
// records the change, its audit row and a new status version in one transaction; every server
// sees the new version within a poll (src/server/status.ts). Used by the console, the API and the CLI.
import { asc, desc, eq, like, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import { isDatabaseUnavailable, type Db } from '../../db/client.ts';
import {
  statusAudit as auditTable,
  statusComponents,
  statusIncidents,
  statusIncidentUpdates,
  statusMaintenances,
  statusMaintenanceUpdates,
  statusMeta,
} from '../../db/schema.ts';
import { slugFromTitle } from '../lib/article-draft.ts';
import { formatInZone } from '../lib/sla.ts';
import {
  componentErrors,
  incidentUpdateErrors,
  incidentUpdateInputSchema,
  maintenanceCancelInputSchema,
  maintenanceChangeErrors,
  maintenanceEditInputSchema,
  maintenanceUpdateInputSchema,
  maintenanceWindowErrors,
  mergeFieldErrors,
  newIncidentInputSchema,
  newMaintenanceInputSchema,
  postmortemErrors,
  postmortemInputSchema,
  type FieldErrors,
  type StatusVia,
} from '../lib/status-input.ts';
import { effectiveComponents, maintenanceAt, mergeComponents } from '../lib/status.ts';
import type { ComponentStatus, IncidentData, MaintenanceData, StatusContent, StatusEntry } from '../lib/status-schema.ts';
import { fieldErrors } from './http.ts';
import { clockTransitions, type StatusEvent } from '../lib/status-events.ts';
import { announce } from './status-notices.ts';
import { claimNotice } from '../../db/queries/subscriptions.ts';

export type StatusActor = { name: string; via: StatusVia };
export type StoreResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404 | 409 | 503; message: string; fields: Record<string, string[]> };

/** Options every write accepts: the zone whose calendar dates start new ids (the status page's). */
export interface StoreOptions {
  /** The desk's zone (content/support/sla.yaml), whose calendar day starts each new entry's id. */
  timeZone: string;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Failure = Extract<StoreResult<never>, { ok: false }>;

/** Thrown inside a transaction to roll it back and answer with `failure`. */
class Refusal extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message);
    this.failure = failure;
  }
}

const refuse = (status: Failure['status'], message: string, fields: FieldErrors = {}): never => {
  throw new Refusal({ ok: false, status, message, fields });
};

const unavailable: Failure = {
  ok: false,
  status: 503,
  message: 'The status database does not answer right now; nothing was posted. Try again in a moment.',
  fields: {},
};

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) refuse(400, 'The request has invalid fields.', fieldErrors(parsed.error.issues));
  return parsed.data as z.infer<S>;
}

function checked(status: 400 | 409, message: string, ...errors: FieldErrors[]) {
  const fields = mergeFieldErrors(...errors);
  if (Object.keys(fields).length) refuse(status, message, fields);
}

/** Runs `work` in one write transaction with its audit row and a version bump; maps refusals and outages. */
async function write(
  db: Db,
  actor: StatusActor,
  now: Date,
  action: string,
  work: (tx: Tx) => Promise<{ id: string; summary: string; events?: StatusEvent[] }>,
  options?: StoreOptions,
): Promise<StoreResult<{ id: string }>> {
  try {
    const id = await db.transaction(async (tx) => {
      const done = await work(tx);
      await tx.insert(auditTable).values({ at: now, actor: actor.name, via: actor.via, action, target: done.id, summary: done.summary });
      await bumpVersion(tx, now);
      // Subscribers and webhooks are told in the same transaction: no event without its notices.
      // Every write that announces something is given the desk's zone (import announces nothing).
      if (options) for (const event of done.events ?? []) await announce(tx, event, options);
      return done.id;
    });
    return { ok: true, value: { id } };
  } catch (error) {
    if (error instanceof Refusal) return error.failure;
    if (isDatabaseUnavailable(error)) return unavailable;
    throw error;
  }
}

async function bumpVersion(tx: Tx | Db, now: Date) {
  await tx
    .insert(statusMeta)
    .values({ id: 1, version: 1, updatedAt: now })
    .onConflictDoUpdate({ target: statusMeta.id, set: { version: sql`${statusMeta.version} + 1`, updatedAt: now } });
}

/** The status version; null before anything was ever written. */
export async function readStatusVersion(db: Db): Promise<number | null> {
  return (await readStatusStamp(db))?.version ?? null;
}

/**
 * The version with the time of the last write: the one cheap query each server polls. The time
 * tells a restored backup or a re-created database apart even where the version number repeats.
 */
export async function readStatusStamp(db: Db): Promise<{ version: number; updatedAt: Date } | null> {
  const [row] = await db.select({ version: statusMeta.version, updatedAt: statusMeta.updatedAt }).from(statusMeta).where(eq(statusMeta.id, 1));
  return row ?? null;
}

/**
 * An instant as the status files spell it: in the status page's zone with its offset, whole
 * seconds (2026-12-08T03:12:00+01:00), so an export reads like the hand-written history.
 */
const stamp = (date: Date, options: StoreOptions) => formatInZone(new Date(Math.floor(date.getTime() / 1000) * 1000), options.timeZone);

/** `<YYYY-MM-DD>-<slug>`, with -2, -3… when the day already has one of that name. */
async function freeId(tx: Tx, table: typeof statusIncidents | typeof statusMaintenances, instant: string, title: string, fallback: string, timeZone: string) {
  const date = Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDate().toString();
  const base = `${date}-${slugFromTitle(title) || fallback}`;
  const taken = new Set((await tx.select({ id: table.id }).from(table).where(like(table.id, `${base}%`))).map((r) => r.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function componentIds(tx: Tx): Promise<string[]> {
  return (await tx.select({ id: statusComponents.id }).from(statusComponents).orderBy(asc(statusComponents.order))).map((r) => r.id);
}

/** Updates stay in time order: a post (or a CLI --at) before the latest update is refused. */
function notBefore(latestAt: string | undefined, now: Date) {
  if (latestAt !== undefined && now.getTime() < Math.floor(Date.parse(latestAt) / 1000) * 1000) {
    refuse(409, 'Updates must be posted in time order.', { at: [`is before the latest update (${latestAt}); post at or after it`] });
  }
}

const describeComponents = (list: Array<{ id: string; status: ComponentStatus }>) => list.map((c) => `${c.id}: ${c.status}`).join(', ');

// ---------------------------------------------------------------------------------------------
// Incidents

type IncidentRow = typeof statusIncidents.$inferSelect;
type IncidentUpdateRow = typeof statusIncidentUpdates.$inferSelect;

function incidentEntry(row: IncidentRow, updates: IncidentUpdateRow[]): StatusEntry<IncidentData> {
  const data: IncidentData = {
    title: row.title,
    impact: row.impact,
    updates: updates.map((u) => ({
      at: u.at,
      status: u.status,
      body: u.body,
      components: u.components,
      ...(u.reopen ? { reopen: true as const } : {}),
    })),
    ...(row.postmortem !== null ? { postmortem: row.postmortem } : {}),
  };
  return { id: row.id, file: `status incident ${row.id}`, data, body: row.body };
}

async function loadIncident(tx: Tx, id: string) {
  const [row] = await tx.select().from(statusIncidents).where(eq(statusIncidents.id, id));
  if (!row) refuse(404, `No incident has the id "${id}".`);
  const updates = await tx.select().from(statusIncidentUpdates).where(eq(statusIncidentUpdates.incidentId, id)).orderBy(asc(statusIncidentUpdates.id));
  updates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
  return { row: row!, updates };
}

export async function createIncident(db: Db, input: unknown, actor: StatusActor, now: Date, options: StoreOptions): Promise<StoreResult<{ id: string }>> {
  return write(db, actor, now, 'incident.create', async (tx) => {
    const value = parse(newIncidentInputSchema, input);
    checked(400, 'The request has invalid fields.', componentErrors(value.components.map((c) => c.id), await componentIds(tx), 'incident'));
    const at = stamp(now, options);
    const id = await freeId(tx, statusIncidents, at, value.title, 'incident', options.timeZone);
    await tx.insert(statusIncidents).values({ id, title: value.title, impact: value.impact });
    const [update] = await tx.insert(statusIncidentUpdates).values({ incidentId: id, at, status: value.status, body: value.message, components: value.components }).returning({ id: statusIncidentUpdates.id });
    return {
      id, summary: `${value.title} (${value.impact}): ${value.status}; ${describeComponents(value.components)}`,
      events: [{ key: `incident:${id}:${update.id}`, what: 'incident', id, title: value.title, status: value.status, message: value.message, at: now, components: value.components, impact: value.impact, previous: [] }],
    };
  }, options);
}

export async function updateIncident(db: Db, id: string, input: unknown, actor: StatusActor, now: Date, options: StoreOptions): Promise<StoreResult<{ id: string }>> {
  return write(db, actor, now, 'incident.update', async (tx) => {
    const value = parse(incidentUpdateInputSchema, input);
    const { row, updates } = await loadIncident(tx, id);
    const latest = updates.at(-1);
    if (value.components) checked(400, 'The request has invalid fields.', componentErrors(value.components.map((c) => c.id), await componentIds(tx), 'incident'));
    checked(409, 'This update does not fit where the incident stands.', incidentUpdateErrors({ status: latest?.status ?? 'investigating' }, value));
    notBefore(latest?.at, now);
    const components = mergeComponents(latest?.components ?? [], value.components);
    if (value.impact && value.impact !== row.impact) await tx.update(statusIncidents).set({ impact: value.impact }).where(eq(statusIncidents.id, id));
    const [update] = await tx.insert(statusIncidentUpdates).values({ incidentId: id, at: stamp(now, options), status: value.status, body: value.message, components, reopen: value.reopen === true }).returning({ id: statusIncidentUpdates.id });
    const event: StatusEvent = {
      key: `incident:${id}:${update.id}`, what: 'incident', id, title: row.title, status: value.status, message: value.message, at: now,
      components, impact: value.impact ?? row.impact, previous: latest?.components ?? [],
    };
    const parts = [value.reopen ? `reopened, ${value.status}` : value.status];
    if (value.components) parts.push(describeComponents(value.components));
    if (value.impact && value.impact !== row.impact) parts.push(`impact ${row.impact} → ${value.impact}`);
    return { id, summary: parts.join('; '), events: [event] };
  }, options);
}

/** Said by the update that announces a postmortem; the postmortem itself is shown below the timeline. */
const postmortemNotice = 'We have published a postmortem of this incident.';

export async function addPostmortem(db: Db, id: string, input: unknown, actor: StatusActor, now: Date, options: StoreOptions): Promise<StoreResult<{ id: string }>> {
  return write(db, actor, now, 'incident.postmortem', async (tx) => {
    const value = parse(postmortemInputSchema, input);
    const { row, updates } = await loadIncident(tx, id);
    const latest = updates.at(-1);
    checked(409, 'The incident is not resolved yet.', postmortemErrors({ status: latest?.status ?? 'investigating' }));
    await tx.update(statusIncidents).set({ postmortem: value.body }).where(eq(statusIncidents.id, id));
    const announced = updates.some((u) => u.status === 'postmortem');
    if (!announced) {
      await tx.insert(statusIncidentUpdates).values({ incidentId: id, at: stamp(now, options), status: 'postmortem', body: postmortemNotice, components: latest?.components ?? [] });
    }
    // Subscribers of the incident's components hear of the first publication only (and once per
    // incident, by its key); a revision is read on the incident's page.
    const components = latest?.components ?? [];
    const event: StatusEvent = {
      key: `incident:${id}:postmortem`, what: 'incident', id, title: row.title, status: 'postmortem', message: postmortemNotice, at: now,
      components, impact: row.impact, previous: components, postmortem: value.body,
    };
    return { id, summary: row.postmortem === null ? 'postmortem published' : 'postmortem revised', events: row.postmortem === null ? [event] : [] };
  }, options);
}

// ---------------------------------------------------------------------------------------------
// Maintenance

function maintenanceEvent(
  key: string, id: string, m: { title: string; components: string[]; scheduledFor: string; scheduledUntil: string }, status: string, message: string, at: Date,
): StatusEvent {
  return {
    key, what: 'maintenance', id, title: m.title, status, message, at,
    components: m.components.map((c) => ({ id: c, status: 'under_maintenance' as const })),
    window: { from: new Date(m.scheduledFor), until: new Date(m.scheduledUntil) },
  };
}

type MaintenanceRow = typeof statusMaintenances.$inferSelect;
type MaintenanceUpdateRow = typeof statusMaintenanceUpdates.$inferSelect;

function maintenanceEntry(row: MaintenanceRow, updates: MaintenanceUpdateRow[]): StatusEntry<MaintenanceData> {
  const data: MaintenanceData = {
    title: row.title,
    components: row.components,
    scheduledFor: row.scheduledFor,
    scheduledUntil: row.scheduledUntil,
    ...(row.publishedAt !== null ? { publishedAt: row.publishedAt } : {}),
    ...(row.cancelledAt !== null ? { cancelledAt: row.cancelledAt } : {}),
    ...(row.cancellation !== null ? { cancellation: row.cancellation } : {}),
    updates: updates.map((u) => ({ at: u.at, status: u.status, body: u.body })),
  };
  return { id: row.id, file: `status maintenance ${row.id}`, data, body: row.body };
}

async function loadMaintenance(tx: Tx, id: string, now: Date) {
  const [row] = await tx.select().from(statusMaintenances).where(eq(statusMaintenances.id, id));
  if (!row) refuse(404, `No maintenance has the id "${id}".`);
  const updates = await tx.select().from(statusMaintenanceUpdates).where(eq(statusMaintenanceUpdates.maintenanceId, id)).orderBy(asc(statusMaintenanceUpdates.id));
  updates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
  const entry = maintenanceEntry(row!, updates);
  // Where it stands now; an announcement not yet published counts as scheduled.
  const state = maintenanceAt(entry, now) ?? maintenanceAt({ ...entry, data: { ...entry.data, publishedAt: undefined, updates: [] } }, now);
  return { row: row!, entry, latestAt: updates.at(-1)?.at, standing: { status: state?.status ?? 'scheduled', cancelled: row!.cancelledAt !== null } };
}

export async function scheduleMaintenance(db: Db, input: unknown, actor: StatusActor, now: Date, options: StoreOptions): Promise<StoreResult<{ id: string }>> {
  return write(db, actor, now, 'maintenance.schedule', async (tx) => {
    const value = parse(newMaintenanceInputSchema, input);
    checked(400, 'The request has invalid fields.', maintenanceWindowErrors(value), componentErrors(value.components, await componentIds(tx), 'maintenance'));
    const id = await freeId(tx, statusMaintenances, value.scheduledFor, value.title, 'maintenance', options.timeZone);
    const at = stamp(now, options);
    await tx.insert(statusMaintenances).values({
      id,
      title: value.title,
      components: value.components,
      scheduledFor: value.scheduledFor,
      scheduledUntil: value.scheduledUntil,
      publishedAt: at,
    });
    await tx.insert(statusMaintenanceUpdates).values({ maintenanceId: id, at, status: 'scheduled', body: value.message });
    return {
      id, summary: `${value.title}: ${value.scheduledFor} to ${value.scheduledUntil}; ${value.components.join(', ')}`,
      events: [maintenanceEvent(`maintenance:${id}:scheduled`, id, value, 'scheduled', value.message, now)],
    };
  }, options);
}

export async function editMaintenance(db: Db, id: string, input: unknown, actor: StatusActor, now: Date, options: StoreOptions): Promise<StoreResult<{ id: string }>> {
  return write(db, actor, now, 'maintenance.edit', async (tx) => {
    const value = parse(maintenanceEditInputSchema, input);
    const { row, entry, standing } = await loadMaintenance(tx, id, now);
    checked(409, 'This maintenance can no longer be changed.', maintenanceChangeErrors(standing, 'edit'));
    const next = {
      title: value.title ?? row.title,
      components: value.components ?? row.components,
      scheduledFor: value.scheduledFor ?? row.scheduledFor,
      scheduledUntil: value.scheduledUntil ?? row.scheduledUntil,
    };
    checked(
      400,
      'The request has invalid fields.',
      maintenanceWindowErrors(next),
      value.components ? componentErrors(value.components, await componentIds(tx), 'maintenance') : {},
    );
    await tx.update(statusMaintenances).set(next).where(eq(statusMaintenances.id, id));
    const at = stamp(now, options);
    if (value.message) await tx.insert(statusMaintenanceUpdates).values({ maintenanceId: id, at, status: standing.status, body: value.message });
    const changed = (['title', 'components', 'scheduledFor', 'scheduledUntil'] as const).filter((k) => value[k] !== undefined && JSON.stringify(value[k]) !== JSON.stringify(row[k]));
    return {
      id, summary: changed.length ? `changed ${changed.map((k) => `${k} → ${Array.isArray(next[k]) ? (next[k] as string[]).join(', ') : next[k]}`).join('; ')}` : 'message only',
      events: rescheduleEvents(entry, next, value.message, now),
    };
  }, options);
}

/** Said by a reschedule notice when the edit brought no message of its own. */
const rescheduleNotice = 'This maintenance has moved to a new window.';

/**
 * What an edit announces: nothing unless the window moved (compared as instants, so the same time
 * spelt in another offset is no move). A move is told to the maintenance's subscribers with both
 * windows; and a window moved so that it opened or closed already is announced at once (under the
 * clock's own key), since the clock step only looks ahead of its watermark.
 */
function rescheduleEvents(
  entry: StatusEntry<MaintenanceData>,
  next: { title: string; components: string[]; scheduledFor: string; scheduledUntil: string },
  message: string | undefined,
  now: Date,
): StatusEvent[] {
  const before = { from: new Date(entry.data.scheduledFor), until: new Date(entry.data.scheduledUntil) };
  const after = { from: new Date(next.scheduledFor), until: new Date(next.scheduledUntil) };
  if (before.from.getTime() === after.from.getTime() && before.until.getTime() === after.until.getTime()) return [];
  const moved: StatusEntry<MaintenanceData> = { ...entry, data: { ...entry.data, ...next } };
  const status = maintenanceAt(moved, now)?.status ?? 'scheduled';
  const notice: StatusEvent = {
    ...maintenanceEvent(`maintenance:${entry.id}:rescheduled:${after.from.getTime()}-${after.until.getTime()}:${now.getTime()}`, entry.id, next, status, message ?? rescheduleNotice, now),
    label: 'Rescheduled', previousWindow: before,
  };
  return [notice, ...clockTransitions({ maintenances: [moved] }, new Date(0), now)];
}

export async function updateMaintenance(db: Db, id: string, input: unknown, actor: StatusActor, now: Date, options: StoreOptions): Promise<StoreResult<{ id: string }>> {
  return write(db, actor, now, 'maintenance.update', async (tx) => {
    const value = parse(maintenanceUpdateInputSchema, input);
    const { row, standing, latestAt } = await loadMaintenance(tx, id, now);
    checked(409, 'This maintenance can no longer be updated.', maintenanceChangeErrors(standing, 'update'));
    notBefore(latestAt, now);
    const [update] = await tx.insert(statusMaintenanceUpdates).values({ maintenanceId: id, at: stamp(now, options), status: value.status, body: value.message }).returning({ id: statusMaintenanceUpdates.id });
    // A posted start or end also takes the automatic one's key, so the clock does not announce it again.
    if (value.status === 'in_progress' || value.status === 'completed') await claimNotice(tx, `maintenance:${id}:${value.status}`, now);
    return { id, summary: value.status, events: [maintenanceEvent(`maintenance:${id}:update:${update.id}`, id, row, value.status, value.message, now)] };
  }, options);
}

export async function cancelMaintenance(db: Db, id: string, input: unknown, actor: StatusActor, now: Date, options: StoreOptions): Promise<StoreResult<{ id: string }>> {
  return write(db, actor, now, 'maintenance.cancel', async (tx) => {
    const value = parse(maintenanceCancelInputSchema, input ?? {});
    const { standing } = await loadMaintenance(tx, id, now);
    checked(409, 'This maintenance can no longer be cancelled.', maintenanceChangeErrors(standing, 'cancel'));
    await tx.update(statusMaintenances).set({ cancelledAt: stamp(now, options), cancellation: value.message ?? null }).where(eq(statusMaintenances.id, id));
    const [row] = await tx.select().from(statusMaintenances).where(eq(statusMaintenances.id, id));
    return {
      id, summary: value.message ? `cancelled: ${value.message.slice(0, 120)}` : 'cancelled',
      events: [maintenanceEvent(`maintenance:${id}:cancelled`, id, row, 'cancelled', value.message ?? 'This maintenance has been cancelled.', now)],
    };
  }, options);
}

// ---------------------------------------------------------------------------------------------
// Reading, import and audit

/** Everything the status page shows, read in one go (a read transaction, so never half a write). */
export async function loadStatusContent(db: Db): Promise<StatusContent> {
  const [components, incidents, incidentUpdates, maintenances, maintenanceUpdates] = await db.batch([
    db.select().from(statusComponents),
    db.select().from(statusIncidents),
    db.select().from(statusIncidentUpdates).orderBy(asc(statusIncidentUpdates.id)),
    db.select().from(statusMaintenances),
    db.select().from(statusMaintenanceUpdates).orderBy(asc(statusMaintenanceUpdates.id)),
  ]);
  const byParent = <R, K extends keyof R>(rows: R[], key: K) => {
    const map = new Map<R[K], R[]>();
    for (const row of rows) map.set(row[key], [...(map.get(row[key]) ?? []), row]);
    return map;
  };
  const incidentUpdatesOf = byParent(incidentUpdates, 'incidentId');
  const maintenanceUpdatesOf = byParent(maintenanceUpdates, 'maintenanceId');
  return {
    componentsFile: 'status components',
    components: components.map(({ id, name, group, description, order }) => ({ id, name, group, description, order })),
    incidents: incidents.map((row) => incidentEntry(row, incidentUpdatesOf.get(row.id) ?? [])),
    maintenances: maintenances.map((row) => maintenanceEntry(row, maintenanceUpdatesOf.get(row.id) ?? [])),
  };
}

/** Whether the store holds no component, incident or maintenance yet (a fresh database). */
export async function statusStoreIsEmpty(db: Db): Promise<boolean> {
  const [components, incidents, maintenances] = await db.batch([
    db.select({ id: statusComponents.id }).from(statusComponents).limit(1),
    db.select({ id: statusIncidents.id }).from(statusIncidents).limit(1),
    db.select({ id: statusMaintenances.id }).from(statusMaintenances).limit(1),
  ]);
  return components.length + incidents.length + maintenances.length === 0;
}

/**
 * Loads checked content (content/status/ files, parsed and validated by parseStatusFiles) into the
 * store. Refused with 409 when the store already holds status unless `replace`, which deletes it
 * first; all in one transaction, so a failed import leaves the store as it was.
 */
export async function importStatusContent(
  db: Db,
  content: StatusContent,
  actor: StatusActor,
  now: Date,
  options: { replace?: boolean } = {},
): Promise<StoreResult<{ id: string }>> {
  return write(db, actor, now, options.replace ? 'status.replace' : 'status.import', async (tx) => {
    const nonEmpty =
      (await tx.select({ id: statusComponents.id }).from(statusComponents).limit(1)).length +
      (await tx.select({ id: statusIncidents.id }).from(statusIncidents).limit(1)).length +
      (await tx.select({ id: statusMaintenances.id }).from(statusMaintenances).limit(1)).length;
    if (nonEmpty && !options.replace) refuse(409, 'The status store already holds components, incidents or maintenance; import with replace to overwrite them.');
    await tx.delete(statusIncidentUpdates);
    await tx.delete(statusIncidents);
    await tx.delete(statusMaintenanceUpdates);
    await tx.delete(statusMaintenances);
    await tx.delete(statusComponents);
    if (content.components.length) await tx.insert(statusComponents).values(content.components);
    for (const incident of content.incidents) {
      const { data } = incident;
      await tx.insert(statusIncidents).values({ id: incident.id, title: data.title, impact: data.impact, body: incident.body, postmortem: data.postmortem ?? null });
      const components = effectiveComponents(data);
      if (data.updates.length) {
        await tx.insert(statusIncidentUpdates).values(
          data.updates.map((u, i) => ({ incidentId: incident.id, at: u.at, status: u.status, body: u.body, components: components[i], reopen: u.reopen === true })),
        );
      }
    }
    for (const maintenance of content.maintenances) {
      const { data } = maintenance;
      await tx.insert(statusMaintenances).values({
        id: maintenance.id,
        title: data.title,
        body: maintenance.body,
        components: data.components,
        scheduledFor: data.scheduledFor,
        scheduledUntil: data.scheduledUntil,
        publishedAt: data.publishedAt ?? null,
        cancelledAt: data.cancelledAt ?? null,
        cancellation: data.cancellation ?? null,
      });
      if (data.updates.length) {
        await tx.insert(statusMaintenanceUpdates).values(data.updates.map((u) => ({ maintenanceId: maintenance.id, at: u.at, status: u.status, body: u.body })));
      }
    }
    return {
      id: 'status',
      summary: `${content.components.length} components, ${content.incidents.length} incidents, ${content.maintenances.length} maintenance`,
    };
  });
}

export async function statusAudit(db: Db, limit = 100): Promise<Array<{ at: Date; actor: string; via: string; action: string; target: string; summary: string }>> {
  return db
    .select({ at: auditTable.at, actor: auditTable.actor, via: auditTable.via, action: auditTable.action, target: auditTable.target, summary: auditTable.summary })
    .from(auditTable)
    .orderBy(desc(auditTable.at), desc(auditTable.id))
    .limit(limit);
}
