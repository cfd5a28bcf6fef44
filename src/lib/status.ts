// Status page logic: cross-file validation, the state of incidents, maintenance and components at
// an instant, the page banner, and daily bars with uptime. Pure: content and `now` are arguments.
import { slug as slugify } from 'github-slugger';
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import type { SourceFile } from './content-check.ts';
import { checkYaml, parseFrontmatterFile, readYaml } from './content-files.ts';
import {
  componentSchema,
  componentStatuses,
  displayedComponentStatuses,
  impacts,
  incidentSchema,
  maintenanceSchema,
  type Component,
  type ComponentStatus,
  type DisplayedComponentStatus,
  type Impact,
  type IncidentData,
  type IncidentStatus,
  type IncidentUpdate,
  type MaintenanceData,
  type MaintenanceStatus,
  type MaintenanceUpdate,
  type StatusContent,
  type StatusEntry,
} from './status-schema.ts';

export type { StatusContent, StatusEntry } from './status-schema.ts';

export const defaultComponentsFile = 'content/status/components.yaml';

/**
 * Share of an outage minute that counts as downtime. Statuspage weights a partial outage at 30 %
 * of a major one when it computes showcase uptime, and so do we, so the two pages agree.
 * Degraded performance and maintenance are never downtime.
 */
export const downtimeWeights: Record<ComponentStatus, number> = {
  operational: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

/** The page banner, keyed by indicator (plus maintenance, which only shows when nothing is worse). */
export const bannerLabels = {
  none: 'All systems operational',
  minor: 'Degraded performance',
  major: 'Partial outage',
  critical: 'Major outage',
  maintenance: 'Maintenance in progress',
} as const satisfies Record<Impact | 'maintenance', string>;

const MINUTE = 60_000;
const time = (iso: string) => Date.parse(iso);
const worse = <T extends string>(order: readonly T[], a: T, b: T) => (order.indexOf(b) > order.indexOf(a) ? b : a);

/** Stable sort by instant, so a file with misordered updates still yields a sane timeline. */
function chronological<U extends { at: string }>(updates: readonly U[]): U[] {
  return updates.map((u, i) => ({ u, i })).sort((a, b) => time(a.u.at) - time(b.u.at) || a.i - b.i).map(({ u }) => u);
}

// ---------------------------------------------------------------------------------------------
// Validation

const fileId = /^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Checks a per-file schema cannot make: component ids that exist and are unique, updates in time
 * order, nothing after resolved but a postmortem, maintenance windows that end after they start.
 * Each message names the file, the field path, and what the value must be.
 */
export function validateStatusContent(content: StatusContent): string[] {
  const errors: string[] = [];
  const componentsFile = content.componentsFile ?? defaultComponentsFile;

  const firstIndex = new Map<string, number>();
  content.components.forEach((component, i) => {
    const previous = firstIndex.get(component.id);
    if (previous === undefined) firstIndex.set(component.id, i);
    else errors.push(`${componentsFile}: [${i}].id "${component.id}" is already used by [${previous}]; component ids must be unique`);
  });

  const checkIds = (file: string, ids: Array<{ path: string; id: string }>) => {
    const seen = new Map<string, string>();
    for (const { path, id } of ids) {
      if (!firstIndex.has(id)) errors.push(`${file}: ${path} "${id}" is not a component in ${componentsFile}; use one of the ids declared there`);
      const previous = seen.get(id);
      if (previous) errors.push(`${file}: ${path} "${id}" is already listed in ${previous}; list each component once`);
      else seen.set(id, path);
    }
  };
  const checkFileName = (entry: StatusEntry<unknown>) => {
    if (!fileId.test(entry.id)) {
      errors.push(`${entry.file}: file name must be <YYYY-MM-DD>-<slug>.md, such as 2026-11-03-mail-delays.md`);
    }
  };
  const checkOrder = (file: string, updates: ReadonlyArray<{ at: string }>) => {
    for (let i = 1; i < updates.length; i++) {
      if (time(updates[i].at) < time(updates[i - 1].at)) {
        errors.push(`${file}: updates[${i}].at is before updates[${i - 1}].at; list updates oldest first`);
      }
    }
  };

  for (const incident of content.incidents) {
    const { file, data } = incident;
    checkFileName(incident);
    if (data.components) checkIds(file, data.components.map((c, i) => ({ path: `components[${i}].id`, id: c.id })));
    data.updates.forEach((update, u) => {
      if (update.components) checkIds(file, update.components.map((c, i) => ({ path: `updates[${u}].components[${i}].id`, id: c.id })));
    });
    if (!data.components && !data.updates[0]?.components) {
      errors.push(`${file}: components is required (on the incident, or on its first update); list each affected component with its status`);
    }
    checkOrder(file, data.updates);
    let resolved = -1;
    let everResolved = false;
    data.updates.forEach((update, i) => {
      if (update.reopen && resolved < 0) {
        errors.push(`${file}: updates[${i}].reopen is set but the incident is not resolved at that point; remove it`);
      } else if (update.reopen && (update.status === 'resolved' || update.status === 'postmortem')) {
        errors.push(`${file}: updates[${i}].status "${update.status}" cannot reopen the incident; use investigating, identified or monitoring`);
      } else if (resolved >= 0 && update.status !== 'postmortem' && !update.reopen) {
        errors.push(`${file}: updates[${i}].status "${update.status}" comes after the resolved update updates[${resolved}]; only a postmortem update may follow resolved, unless the update sets "reopen: true"`);
      } else if (update.status === 'postmortem' && resolved < 0) {
        errors.push(`${file}: updates[${i}].status "postmortem" must follow a resolved update`);
      }
      if (update.reopen && resolved >= 0) resolved = -1;
      if (update.status === 'resolved' && resolved < 0) {
        resolved = i;
        everResolved = true;
      }
    });
    if (data.postmortem !== undefined && !everResolved) {
      errors.push(`${file}: postmortem is set but no update resolves the incident; add a resolved update before it`);
    }
  }

  for (const maintenance of content.maintenances) {
    const { file, data } = maintenance;
    checkFileName(maintenance);
    checkIds(file, data.components.map((id, i) => ({ path: `components[${i}]`, id })));
    checkOrder(file, data.updates);
    const start = time(data.scheduledFor);
    const end = time(data.scheduledUntil);
    if (end < start) {
      errors.push(`${file}: scheduledUntil is before scheduledFor; the window must end after ${data.scheduledFor}`);
    } else if (end === start) {
      errors.push(`${file}: scheduledUntil equals scheduledFor; the window must end after ${data.scheduledFor}`);
    }
    const completed = data.updates.findIndex((u) => u.status === 'completed');
    data.updates.forEach((update, i) => {
      if (completed >= 0 && i > completed) {
        errors.push(`${file}: updates[${i}].status "${update.status}" comes after the completed update updates[${completed}]; nothing may follow completed`);
      }
    });
  }
  return errors;
}

export interface StatusSources {
  /** Path shown in messages, e.g. "content/status/components.yaml". */
  componentsFile: string;
  componentsSource: string;
  incidents: SourceFile[];
  maintenances: SourceFile[];
}

/**
 * Parses raw files (components YAML and Markdown with frontmatter) through the schemas, then runs
 * validateStatusContent. Uses the `yaml` package, which keeps timestamps as the strings authors
 * wrote, so a missing UTC offset is reported instead of silently read as UTC.
 */
export function parseStatusFiles(sources: StatusSources): { content: StatusContent; errors: string[] } {
  const errors: string[] = [];
  const components: Component[] = [];
  const yaml = readYaml(sources.componentsFile, sources.componentsSource);
  if (!yaml.ok) errors.push(...yaml.errors);
  else if (yaml.value.value !== undefined && !Array.isArray(yaml.value.value)) {
    errors.push(`${sources.componentsFile}:1: must be a list of components, each "- { id, name, group, description, order }"`);
  } else if (Array.isArray(yaml.value.value)) {
    yaml.value.value.forEach((item, i) => {
      const parsed = checkYaml(sources.componentsFile, yaml.value, item, componentSchema, { at: [i], allowedKeys: (path) => (path.length ? undefined : Object.keys(componentSchema.shape)) });
      if (parsed.ok) components.push(parsed.value);
      else errors.push(...parsed.errors);
    });
  }

  const parseEntries = <S extends z.ZodType>(files: SourceFile[], schema: S, fields: string[]) => {
    const entries: Array<StatusEntry<z.infer<S>>> = [];
    for (const { file, source } of files) {
      const parsed = parseFrontmatterFile(file, source, schema, { holds: fields.join(', '), allowedKeys: (path) => (path.length ? undefined : fields) });
      if (!parsed.ok) {
        errors.push(...parsed.errors);
        continue;
      }
      const id = file.replace(/\\/g, '/').split('/').at(-1)!.replace(/\.mdx?$/, '');
      entries.push({ id, file, data: parsed.value.data, body: parsed.value.body });
    }
    return entries;
  };

  const content: StatusContent = {
    componentsFile: sources.componentsFile,
    components,
    incidents: parseEntries(sources.incidents, incidentSchema, Object.keys(incidentSchema.shape)),
    maintenances: parseEntries(sources.maintenances, maintenanceSchema, Object.keys(maintenanceSchema.shape)),
  };
  errors.push(...validateStatusContent(content));
  return { content, errors };
}

// ---------------------------------------------------------------------------------------------
// Incidents

type AffectedComponents = NonNullable<IncidentData['components']>;

/**
 * An update's component statuses laid over the previous ones: listed components take their new
 * status, the others keep theirs (a component set back to operational stays listed as affected).
 */
export function mergeComponents(previous: AffectedComponents, given: AffectedComponents | undefined): AffectedComponents {
  if (!given) return previous;
  const merged = new Map(previous.map((c) => [c.id, c.status]));
  for (const { id, status } of given) merged.set(id, status);
  return [...merged].map(([id, status]) => ({ id, status }));
}

/**
 * The component statuses each update stands for, in the order of `data.updates`: the incident's
 * `components` as the starting point, each update's own laid over the previous update's.
 */
export function effectiveComponents(data: IncidentData): AffectedComponents[] {
  let current: AffectedComponents = data.components ?? [];
  return data.updates.map((update) => (current = mergeComponents(current, update.components)));
}

export interface IncidentState {
  id: string;
  file: string;
  title: string;
  impact: Impact;
  /** The Markdown body of the file (optional longer description). */
  body: string;
  /** The status of the latest visible update. */
  status: IncidentStatus;
  /** True until the latest visible update is resolved or postmortem. */
  active: boolean;
  /** Every component the incident has touched, with the status its latest visible update gives it. */
  components: AffectedComponents;
  /** Updates posted at or before `now`, oldest first, each with the component statuses it stands for. */
  updates: Array<IncidentUpdate & { components: AffectedComponents }>;
  /** The first update: when the incident appeared on the page. */
  startedAt: string;
  /** The latest visible update. */
  updatedAt: string;
  /** The latest visible monitoring update, as Statuspage sets monitoring_at on each transition. */
  monitoringAt: string | null;
  /** While closed, the update that resolved it (last time, if it was reopened); the components are operational again from here. */
  resolvedAt: string | null;
  /** The postmortem text, from its postmortem update (or resolution, without one) onwards. */
  postmortem: string | null;
}

/** The incident as the page shows it at `now`, or null if its first update is still in the future. */
function incidentAt(incident: StatusEntry<IncidentData>, now: Date): IncidentState | null {
  const nowMs = now.getTime();
  const { data } = incident;
  const ordered = chronological(data.updates);
  const merged = effectiveComponents({ ...data, updates: ordered });
  const updates = ordered.map((u, i) => ({ ...u, components: merged[i] })).filter((u) => time(u.at) <= nowMs);
  if (updates.length === 0) return null;
  const latest = updates.at(-1)!;
  const closed = (u: IncidentUpdate) => u.status === 'resolved' || u.status === 'postmortem';
  const lastOpen = updates.findLastIndex((u) => !closed(u));
  const resolvedAt = closed(latest) ? (updates.slice(lastOpen + 1).find((u) => u.status === 'resolved')?.at ?? latest.at) : null;
  const monitoringAt = updates.findLast((u) => u.status === 'monitoring')?.at ?? null;
  const postmortemFrom = data.updates.find((u) => u.status === 'postmortem')?.at ?? resolvedAt;
  return {
    id: incident.id,
    file: incident.file,
    title: data.title,
    impact: data.impact,
    body: incident.body,
    status: latest.status,
    active: !closed(latest),
    components: latest.components,
    updates,
    startedAt: updates[0].at,
    updatedAt: latest.at,
    monitoringAt,
    resolvedAt,
    postmortem: data.postmortem !== undefined && postmortemFrom !== null && time(postmortemFrom) <= nowMs ? data.postmortem : null,
  };
}

/** Incidents visible at `now`, newest first. */
export function incidentsAt(content: StatusContent, now: Date): IncidentState[] {
  return content.incidents
    .map((incident) => incidentAt(incident, now))
    .filter((state): state is IncidentState => state !== null)
    .sort((a, b) => time(b.startedAt) - time(a.startedAt) || b.id.localeCompare(a.id));
}

// ---------------------------------------------------------------------------------------------
// Maintenance

export interface MaintenanceState {
  id: string;
  file: string;
  title: string;
  body: string;
  status: MaintenanceStatus;
  /** Announced and not started: listed under upcoming maintenance. */
  upcoming: boolean;
  /** In progress or verifying: its components show under_maintenance. */
  active: boolean;
  components: string[];
  /**
   * Updates posted at or before `now`, oldest first, with the automatic "In progress" and
   * "Completed" updates at the instants the window opened and closed when nobody posted one.
   */
  updates: MaintenanceTimelineUpdate[];
  scheduledFor: string;
  scheduledUntil: string;
  /** When the work really starts: scheduledFor, or an in_progress update posted earlier. */
  startsAt: string;
  /** When the work really ends: scheduledUntil, or a completed update posted earlier. */
  endsAt: string;
  /** When the announcement appeared; null when it has no publishedAt and no updates (always shown). */
  publishedAt: string | null;
  /** The latest visible update, else the publication. */
  updatedAt: string | null;
  /** When it counted as completed (endsAt), once it has. */
  completedAt: string | null;
  /** Called off before it ran: shown as cancelled, never upcoming or in progress (status is completed). */
  cancelled: boolean;
  cancelledAt: string | null;
  /** Why it was called off, in Markdown. */
  cancellation: string | null;
}

/** A maintenance update, or one the page derives when the window opens or closes on the clock. */
export type MaintenanceTimelineUpdate = MaintenanceUpdate & { automatic?: true };

/** What the automatic updates say, as Statuspage posts them when a window opens or closes. */
export const automaticMaintenanceMessages = {
  in_progress: 'The scheduled maintenance has begun.',
  completed: 'The scheduled maintenance has been completed.',
} as const;

/** The window the work really occupies, whatever `now` is. */
function maintenanceWindow(data: MaintenanceData): { start: number; end: number } {
  const started = data.updates.filter((u) => u.status === 'in_progress' || u.status === 'verifying').map((u) => time(u.at));
  const completed = data.updates.filter((u) => u.status === 'completed').map((u) => time(u.at));
  // A cancelled maintenance ends when it was called off; if that was before it started, it never runs.
  const cancelled = data.cancelledAt !== undefined ? [time(data.cancelledAt)] : [];
  const start = Math.min(time(data.scheduledFor), ...started);
  const end = Math.min(time(data.scheduledUntil), ...completed, ...cancelled);
  return { start: Math.min(start, end), end };
}

/**
 * The maintenance at `now`, or null before it is published. Scheduled before its window, in
 * progress (or verifying, if the latest update says so) inside it, completed after scheduledUntil
 * or from a completed update, like Statuspage's automatic transitions.
 */
export function maintenanceAt(maintenance: StatusEntry<MaintenanceData>, now: Date): MaintenanceState | null {
  const nowMs = now.getTime();
  const { data } = maintenance;
  const all = chronological(data.updates);
  const publishedAt = data.publishedAt ?? all[0]?.at ?? null;
  if (publishedAt !== null && time(publishedAt) > nowMs) return null;
  const updates = all.filter((u) => time(u.at) <= nowMs);
  const { start, end } = maintenanceWindow(data);
  const iso = (ms: number) => new Date(ms).toISOString();
  // Keep the author's spelling (and offset) when the window is the scheduled one.
  const startsAt = start === time(data.scheduledFor) ? data.scheduledFor : (all.find((u) => time(u.at) === start)?.at ?? data.cancelledAt ?? iso(start));
  const endsAt = end === time(data.scheduledUntil) ? data.scheduledUntil : (all.find((u) => time(u.at) === end)?.at ?? (data.cancelledAt !== undefined && time(data.cancelledAt) === end ? data.cancelledAt : iso(end)));
  let status: MaintenanceStatus = 'scheduled';
  if (nowMs >= end) status = 'completed';
  else if (nowMs >= start) status = updates.at(-1)?.status === 'verifying' ? 'verifying' : 'in_progress';
  const cancelledAt = data.cancelledAt !== undefined && time(data.cancelledAt) <= nowMs ? data.cancelledAt : null;
  const cancelled = cancelledAt !== null && time(cancelledAt) <= time(data.scheduledFor) && !updates.some((u) => u.status !== 'scheduled');

  // Statuspage's automatic transitions: the window opening and closing on the clock are updates too,
  // unless someone posted one (or the maintenance was cancelled first).
  const timeline: MaintenanceTimelineUpdate[] = [...updates];
  if (!cancelled) {
    const scheduledStart = time(data.scheduledFor);
    const scheduledEnd = time(data.scheduledUntil);
    if (scheduledStart <= nowMs && scheduledStart < end && !updates.some((u) => u.status !== 'scheduled' && time(u.at) <= scheduledStart)) {
      timeline.push({ at: data.scheduledFor, status: 'in_progress', body: automaticMaintenanceMessages.in_progress, automatic: true });
    }
    if (scheduledEnd <= nowMs && scheduledEnd === end && !updates.some((u) => u.status === 'completed')) {
      timeline.push({ at: data.scheduledUntil, status: 'completed', body: automaticMaintenanceMessages.completed, automatic: true });
    }
  }
  const ordered = chronological(timeline);
  return {
    id: maintenance.id,
    file: maintenance.file,
    title: data.title,
    body: maintenance.body,
    status,
    upcoming: status === 'scheduled' && !cancelled,
    active: (status === 'in_progress' || status === 'verifying') && !cancelled,
    components: data.components,
    updates: ordered,
    scheduledFor: data.scheduledFor,
    scheduledUntil: data.scheduledUntil,
    startsAt,
    endsAt,
    publishedAt,
    updatedAt: (cancelledAt && (!ordered.length || time(cancelledAt) >= time(ordered.at(-1)!.at)) ? cancelledAt : ordered.at(-1)?.at) ?? publishedAt,
    completedAt: status === 'completed' ? endsAt : null,
    cancelled,
    cancelledAt: cancelled ? cancelledAt : null,
    cancellation: cancelled ? (data.cancellation ?? null) : null,
  };
}

/**
 * Soonest window first, the order in which upcoming maintenance is announced (status page,
 * Statuspage's scheduled_maintenances, the calendar): the next thing to happen leads.
 */
export function bySoonestWindow(a: Pick<MaintenanceState, 'id' | 'scheduledFor'>, b: Pick<MaintenanceState, 'id' | 'scheduledFor'>): number {
  return time(a.scheduledFor) - time(b.scheduledFor) || a.id.localeCompare(b.id);
}

/** Maintenance published at `now`, latest window first. */
export function maintenancesAt(content: StatusContent, now: Date): MaintenanceState[] {
  return content.maintenances
    .map((maintenance) => maintenanceAt(maintenance, now))
    .filter((state): state is MaintenanceState => state !== null)
    .sort((a, b) => time(b.scheduledFor) - time(a.scheduledFor) || b.id.localeCompare(a.id));
}

// ---------------------------------------------------------------------------------------------
// Components and the banner

export type ComponentState = Component & { status: DisplayedComponentStatus };

/**
 * Each component's status: the worst status given by an active incident; else under_maintenance
 * while a maintenance covering it is in progress or verifying; else operational.
 */
function componentStatusesOf(
  components: readonly Component[],
  incidents: readonly IncidentState[],
  maintenances: readonly MaintenanceState[],
): Record<string, DisplayedComponentStatus> {
  const statuses: Record<string, DisplayedComponentStatus> = {};
  for (const component of components) statuses[component.id] = 'operational';
  for (const maintenance of maintenances) {
    if (!maintenance.active) continue;
    for (const id of maintenance.components) if (id in statuses) statuses[id] = 'under_maintenance';
  }
  const fromIncidents: Record<string, ComponentStatus> = {};
  for (const incident of incidents) {
    if (!incident.active) continue;
    for (const { id, status } of incident.components) {
      fromIncidents[id] = worse(componentStatuses, fromIncidents[id] ?? 'operational', status);
    }
  }
  for (const [id, status] of Object.entries(fromIncidents)) {
    if (id in statuses) statuses[id] = worse(displayedComponentStatuses, statuses[id], status);
  }
  return statuses;
}

/** Components in page order (by order, then id) with their status. */
function componentsOf(components: readonly Component[], statuses: Record<string, DisplayedComponentStatus>): ComponentState[] {
  return [...components]
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .map((component) => ({ ...component, status: statuses[component.id] }));
}

export interface GroupState {
  /** Slug of the group name, e.g. "domains-and-dns". */
  id: string;
  name: string;
  /** The worst status among its components. */
  status: DisplayedComponentStatus;
  components: ComponentState[];
}

export const groupId = (group: string) => slugify(group);

/** Groups in page order (by their lowest component order), each with its components. */
function groupsOf(components: readonly ComponentState[]): GroupState[] {
  const groups = new Map<string, GroupState>();
  for (const component of components) {
    const group = groups.get(component.group) ?? { id: groupId(component.group), name: component.group, status: 'operational', components: [] };
    group.components.push(component);
    group.status = worse(displayedComponentStatuses, group.status, component.status);
    groups.set(component.group, group);
  }
  return [...groups.values()];
}

export interface OverallStatus {
  /** Statuspage's page indicator, blended from component statuses (not from incident impact). */
  indicator: Impact;
  /** Banner text, e.g. "Partial outage" or "Maintenance in progress". */
  label: string;
  /** A maintenance is in progress or verifying. */
  maintenance: boolean;
}

const indicatorOf: Record<DisplayedComponentStatus, Impact> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/**
 * The banner. Like Statuspage, the indicator is the worst component status (degraded → minor,
 * partial outage → major, major outage → critical); maintenance shows only when nothing is worse.
 */
function overallOf(statuses: Record<string, DisplayedComponentStatus>, maintenances: readonly MaintenanceState[]): OverallStatus {
  let indicator: Impact = 'none';
  for (const status of Object.values(statuses)) {
    indicator = worse(impacts, indicator, indicatorOf[status]);
  }
  const maintenance = maintenances.some((m) => m.active);
  const label = indicator !== 'none' ? bannerLabels[indicator] : maintenance ? bannerLabels.maintenance : bannerLabels.none;
  return { indicator, label, maintenance };
}

// ---------------------------------------------------------------------------------------------
// Daily bars and uptime

export interface HistoryOptions {
  /** Number of days, today included (default 90). */
  days?: number;
  /** IANA time zone whose midnights cut the days: the desk's, from content/support/sla.yaml. */
  timeZone: string;
}

export interface DayBar {
  /** The calendar day in the time zone, YYYY-MM-DD. */
  date: string;
  /** Worst impact among incidents touching this component that day; null without incidents. */
  impact: Impact | null;
  incidents: Array<{ id: string; title: string; impact: Impact }>;
  /** Maintenance that ran on this component that day; shown apart, never counted as downtime. */
  maintenances: Array<{ id: string; title: string }>;
  maintenance: boolean;
  /** Minutes whose worst status was partial_outage / major_outage (overlaps counted once). */
  partialOutageMinutes: number;
  majorOutageMinutes: number;
  /** majorOutageMinutes + 0.3 × partialOutageMinutes (see downtimeWeights). */
  downtimeMinutes: number;
}

interface Span<T> {
  start: number;
  end: number;
  item: T;
}

/** When each visible incident held this component, up to resolution or `now`. */
function incidentSpans(incidents: readonly IncidentState[], componentId: string, nowMs: number) {
  // Each update holds until the next one (or `now`); a resolved update ends the hold. So a later,
  // milder update never changes what an earlier one put in history.
  const spans: Array<Span<{ incident: IncidentState; status: ComponentStatus }>> = [];
  for (const incident of incidents) {
    const { updates } = incident;
    updates.forEach((update, i) => {
      if (update.status === 'resolved' || update.status === 'postmortem') return;
      const affected = update.components.find((c) => c.id === componentId);
      if (!affected || affected.status === 'operational') return;
      const end = i + 1 < updates.length ? time(updates[i + 1].at) : nowMs;
      spans.push({ start: time(update.at), end, item: { incident, status: affected.status } });
    });
  }
  return spans;
}

/** When maintenance covering this component ran, up to `now`; future windows are left out. */
function maintenanceSpans(maintenances: readonly MaintenanceState[], componentId: string, nowMs: number) {
  const spans: Array<Span<MaintenanceState>> = [];
  for (const maintenance of maintenances) {
    if (!maintenance.components.includes(componentId) || maintenance.cancelled) continue;
    const start = time(maintenance.startsAt);
    if (start > nowMs) continue;
    spans.push({ start, end: Math.min(time(maintenance.endsAt), nowMs), item: maintenance });
  }
  return spans;
}

/** Whether a span touches [from, to); an instantaneous span counts on the day it happened. */
const touches = (span: Span<unknown>, from: number, to: number) =>
  span.start < to && (span.end > from || span.start >= from);

/** Outage milliseconds in [from, to), taking the worst status where incidents overlap. */
function outage(spans: ReturnType<typeof incidentSpans>, from: number, to: number) {
  const points = new Set([from, to]);
  for (const { start, end } of spans) {
    if (start < to && end > from) {
      points.add(Math.max(start, from));
      points.add(Math.min(end, to));
    }
  }
  const sorted = [...points].filter((p) => p >= from && p <= to).sort((a, b) => a - b);
  let partial = 0;
  let major = 0;
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    let status: ComponentStatus = 'operational';
    for (const span of spans) if (span.start <= a && span.end >= b) status = worse(componentStatuses, status, span.item.status);
    if (status === 'major_outage') major += b - a;
    else if (status === 'partial_outage') partial += b - a;
  }
  return { partial, major, downtime: major * downtimeWeights.major_outage + partial * downtimeWeights.partial_outage };
}

interface CalendarDay {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** The day's first instant and the next day's, in milliseconds. */
  start: number;
  end: number;
}

/** Midnight-to-midnight days in the zone, oldest first, ending with the day holding `now`. */
function calendarDays(now: Date, days: number, timeZone: string): CalendarDay[] {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  // toZonedDateTime({ timeZone }) gives the day's first instant, so DST days last 23 or 25 hours.
  const startOf = (date: Temporal.PlainDate) => date.toZonedDateTime({ timeZone }).epochMilliseconds;
  return Array.from({ length: days }, (_, i) => {
    const date = today.subtract({ days: days - 1 - i });
    return { date: date.toString(), start: startOf(date), end: startOf(date.add({ days: 1 })) };
  });
}

/** One bar per day of `calendar` for a component, oldest first, the last being today (counted up to now). */
function barsOf(
  incidentStates: readonly IncidentState[],
  maintenanceStates: readonly MaintenanceState[],
  componentId: string,
  nowMs: number,
  calendar: readonly CalendarDay[],
): DayBar[] {
  const incidents = incidentSpans(incidentStates, componentId, nowMs);
  const maintenances = maintenanceSpans(maintenanceStates, componentId, nowMs);
  return calendar.map(({ date, start, end }) => {
    const touching = [...new Map(incidents.filter((span) => touches(span, start, end)).map((span) => [span.item.incident.id, span])).values()];
    const ran = maintenances.filter((span) => touches(span, start, end));
    const minutes = outage(incidents, start, Math.min(end, nowMs));
    return {
      date,
      impact: touching.reduce<Impact | null>((w, s) => (w === null ? s.item.incident.impact : worse(impacts, w, s.item.incident.impact)), null),
      incidents: touching.map(({ item: { incident } }) => ({ id: incident.id, title: incident.title, impact: incident.impact })),
      maintenances: ran.map(({ item }) => ({ id: item.id, title: item.title })),
      maintenance: ran.length > 0,
      partialOutageMinutes: minutes.partial / MINUTE,
      majorOutageMinutes: minutes.major / MINUTE,
      downtimeMinutes: minutes.downtime / MINUTE,
    };
  });
}

/** Uptime from `fromMs` (a midnight) to `nowMs`. */
function uptimeOf(incidents: readonly IncidentState[], componentId: string, nowMs: number, fromMs: number) {
  const elapsed = nowMs - fromMs;
  if (elapsed <= 0) return 100;
  const { downtime } = outage(incidentSpans(incidents, componentId, nowMs), fromMs, nowMs);
  return 100 * (1 - downtime / elapsed);
}

export interface ComponentHistory {
  component: ComponentState;
  bars: DayBar[];
  uptime30: number;
  uptime90: number;
}

/** Bars and 30/90-day uptime for every component, in page order. */
function historiesOf(
  components: readonly ComponentState[],
  incidents: readonly IncidentState[],
  maintenances: readonly MaintenanceState[],
  now: Date,
  options: HistoryOptions,
): ComponentHistory[] {
  const { days = 90, timeZone } = options;
  // One calendar for every component: the zone arithmetic is most of the cost.
  const calendar = calendarDays(now, Math.max(days, 90), timeZone);
  const nowMs = now.getTime();
  return components.map((component) => ({
    component,
    bars: barsOf(incidents, maintenances, component.id, nowMs, calendar.slice(-days)),
    uptime30: uptimeOf(incidents, component.id, nowMs, calendar.at(-30)!.start),
    uptime90: uptimeOf(incidents, component.id, nowMs, calendar.at(-90)!.start),
  }));
}

// ---------------------------------------------------------------------------------------------
// The snapshot: everything the status outputs show, computed once for an instant

/** Where an incident or a maintenance has its page; live.json, the feeds and the page link there. */
export const statusPaths = {
  incident: (id: string) => `/status/incidents/${id}/`,
  maintenance: (id: string) => `/status/maintenance/${id}/`,
} as const;

/** What the help center's banner lists: each incident and maintenance going on right now. */
export interface LiveItem {
  kind: 'incident' | 'maintenance';
  title: string;
  /** Root-relative permalink, e.g. /status/incidents/2026-11-03-mail/. */
  url: string;
  impact: Impact | 'maintenance';
}

export interface StatusSnapshot {
  /** The instant described. */
  at: Date;
  /** IANA zone whose midnights cut the daily bars. */
  timeZone: string;
  overall: OverallStatus;
  /** Components in page order with their status. */
  components: ComponentState[];
  groups: GroupState[];
  /** Bars and 30/90-day uptime per component, in page order. */
  histories: ComponentHistory[];
  /** Visible incidents, newest first. */
  incidents: IncidentState[];
  /** Published maintenance, latest window first. */
  maintenances: MaintenanceState[];
  /** Incidents and maintenance going on now, incidents first. */
  live: LiveItem[];
  /** The latest visible change on the page: an update, a publication, a window opening or closing. */
  updatedAt: string | null;
  /** Per component id, the latest instant its status changed (an incident starting or resolving, a window). */
  componentUpdatedAt: Record<string, string | null>;
  /** The earliest instant written anywhere in the content, future ones included; null without any. */
  firstContentAt: string | null;
  /**
   * The earliest instant after `at` at which statusAt gives a different answer for the same
   * content: a future update or publication appearing, a maintenance window opening or closing,
   * or the next midnight in the time zone (a new daily bar). A cache keyed by content can keep the
   * snapshot until then. Measures taken up to `now` (uptime and today's outage minutes during an
   * open outage) drift in between; they are rounded for display and caught up at each change.
   */
  nextChangeAt: string;
}

/**
 * The status at `now`: the one computation behind the page, permalinks, history, Statuspage JSON,
 * feeds, calendar, badge and live.json. Pure: no clock, no files.
 */
export function statusAt(content: StatusContent, now: Date, options: HistoryOptions): StatusSnapshot {
  const timeZone = options.timeZone;
  const nowMs = now.getTime();
  const incidents = incidentsAt(content, now);
  const maintenances = maintenancesAt(content, now);
  const statuses = componentStatusesOf(content.components, incidents, maintenances);
  const components = componentsOf(content.components, statuses);
  const live: LiveItem[] = [
    ...incidents.filter((i) => i.active).map((i) => ({ kind: 'incident' as const, title: i.title, url: statusPaths.incident(i.id), impact: i.impact })),
    ...maintenances.filter((m) => m.active).map((m) => ({ kind: 'maintenance' as const, title: m.title, url: statusPaths.maintenance(m.id), impact: 'maintenance' as const })),
  ];

  // Instants at which something visible changed, per component and for the whole page.
  const pageChanges: number[] = [];
  const componentChanges = new Map<string, number[]>(content.components.map((c) => [c.id, []]));
  const note = (ids: string[], iso: string | null) => {
    if (iso === null || time(iso) > nowMs) return;
    pageChanges.push(time(iso));
    for (const id of ids) componentChanges.set(id, [...(componentChanges.get(id) ?? []), time(iso)]);
  };
  for (const incident of incidents) {
    // A component's status changes when an update gives it a new one, or opens or closes the incident.
    let held = new Map<string, ComponentStatus>();
    for (const update of incident.updates) {
      const now = new Map(update.status === 'resolved' || update.status === 'postmortem' ? [] : update.components.map((c) => [c.id, c.status]));
      const ids = [...new Set([...held.keys(), ...now.keys()])].filter((id) => held.get(id) !== now.get(id));
      note(ids, update.at);
      held = now;
    }
  }
  for (const maintenance of maintenances) {
    note(maintenance.components, maintenance.startsAt);
    note(maintenance.components, maintenance.endsAt);
    note([], maintenance.publishedAt);
    for (const update of maintenance.updates) note([], update.at);
  }
  const latest = (list: number[]) => (list.length ? new Date(Math.max(...list)).toISOString() : null);

  const written = writtenInstants(content);

  return {
    at: now,
    timeZone,
    overall: overallOf(statuses, maintenances),
    components,
    groups: groupsOf(components),
    histories: historiesOf(components, incidents, maintenances, now, { ...options, timeZone }),
    incidents,
    maintenances,
    live,
    updatedAt: latest(pageChanges),
    componentUpdatedAt: Object.fromEntries([...componentChanges].map(([id, list]) => [id, latest(list)])),
    firstContentAt: written.length ? new Date(Math.min(...written)).toISOString() : null,
    nextChangeAt: new Date(nextChange(content, nowMs, timeZone)).toISOString(),
  };
}

/** Every update and publication instant written in the content, in milliseconds. */
function writtenInstants(content: StatusContent): number[] {
  return [
    ...content.incidents.flatMap((i) => i.data.updates.map((u) => time(u.at))),
    ...content.maintenances.flatMap((m) => [m.data.publishedAt, ...m.data.updates.map((u) => u.at)].filter((t) => t !== undefined).map(time)),
  ];
}

/**
 * The earliest instant after `nowMs` at which the content or the calendar changes what is shown:
 * an update or publication, a maintenance window's real start or end, or the next midnight.
 */
function nextChange(content: StatusContent, nowMs: number, timeZone: string): number {
  const [today] = calendarDays(new Date(nowMs), 1, timeZone);
  const windows = content.maintenances.flatMap(({ data }) => Object.values(maintenanceWindow(data)));
  return Math.min(...[today.end, ...writtenInstants(content), ...windows].filter((t) => t > nowMs));
}
