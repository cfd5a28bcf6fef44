// Maps a status snapshot (statusAt) to Statuspage v2 public API objects (summary.json, status.json,
// components.json, incidents…, scheduled-maintenances…) so existing Statuspage clients and
// widgets can read Alpenhost's status. Pure: the snapshot and page settings are arguments.
import { Temporal } from 'temporal-polyfill';
import {
  bySoonestWindow,
  type ComponentState,
  type IncidentState,
  type MaintenanceState,
  type StatusSnapshot,
} from './status.ts';
import type {
  ComponentStatus,
  DisplayedComponentStatus,
  Impact,
  IncidentStatus,
  MaintenanceStatus,
} from './status-schema.ts';

export interface StatuspageSettings {
  /** Statuspage's page id; any stable string, e.g. "alpenhost". */
  id: string;
  name: string;
  /**
   * Public URL of the status page, e.g. "https://help.alpenhost.example/status/": from SITE_URL,
   * never from a request's Host, which anyone can forge into a cached answer.
   */
  url: string;
  /** IANA zone the timestamps are written in, as Statuspage does: the desk's, from sla.yaml. */
  timeZone: string;
  /** When the page went live: components' created_at. Default: the earliest content timestamp. */
  createdAt?: string;
  /** Link for an incident (Statuspage's shortlink). Default: <url>incidents/<id>/ */
  incidentUrl?: (id: string) => string;
  /** Link for a maintenance. Default: <url>maintenance/<id>/ */
  maintenanceUrl?: (id: string) => string;
}

export interface SpPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface SpStatus {
  indicator: Impact;
  description: string;
}

export interface SpComponent {
  id: string;
  name: string;
  status: DisplayedComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Only on group components: the ids of their members. */
  components?: string[];
}

export interface SpAffectedComponent {
  code: string;
  name: string;
  old_status: DisplayedComponentStatus;
  new_status: DisplayedComponentStatus;
}

export interface SpIncidentUpdate {
  id: string;
  status: IncidentStatus | MaintenanceStatus;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: SpAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
}

export interface SpIncident {
  id: string;
  name: string;
  status: IncidentStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: Impact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: SpIncidentUpdate[];
  components: SpComponent[];
}

export interface SpScheduledMaintenance extends Omit<SpIncident, 'status' | 'impact'> {
  status: MaintenanceStatus;
  /** Statuspage reports maintenance with the impact "maintenance". */
  impact: 'maintenance';
  scheduled_for: string;
  scheduled_until: string;
}

/** Group component ids get a prefix so a group named "Mail" cannot clash with a component "mail". */
export const groupComponentId = (groupSlug: string) => `group-${groupSlug}`;

const time = (iso: string) => Date.parse(iso);

/** Everything the endpoints share, mapped once from the snapshot. */
function mapped(snapshot: StatusSnapshot, settings: StatuspageSettings) {
  const timeZone = settings.timeZone;
  // Statuspage writes local time with offset and milliseconds: 2026-11-03T14:05:00.000+01:00
  const stamp = (iso: string) =>
    Temporal.Instant.fromEpochMilliseconds(time(iso)).toString({ timeZone, fractionalSecondDigits: 3 });
  const base = settings.url.endsWith('/') ? settings.url : `${settings.url}/`;
  const incidentUrl = settings.incidentUrl ?? ((id: string) => new URL(`incidents/${id}/`, base).href);
  const maintenanceUrl = settings.maintenanceUrl ?? ((id: string) => new URL(`maintenance/${id}/`, base).href);

  const createdAt = stamp(settings.createdAt ?? snapshot.firstContentAt ?? snapshot.at.toISOString());
  const latest = (instants: Array<string | null>) => {
    const list = instants.filter((t) => t !== null).map(time);
    return list.length ? stamp(new Date(Math.max(...list)).toISOString()) : createdAt;
  };
  const componentUpdatedAt = (id: string) => snapshot.componentUpdatedAt[id] ?? null;

  const page: SpPage = {
    id: settings.id,
    name: settings.name,
    url: settings.url,
    time_zone: timeZone,
    updated_at: latest([snapshot.updatedAt]),
  };

  const leaf = (component: ComponentState, position: number, groupId: string): SpComponent => ({
    id: component.id,
    name: component.name,
    status: component.status,
    created_at: createdAt,
    updated_at: latest([componentUpdatedAt(component.id)]),
    position,
    description: component.description,
    showcase: true,
    start_date: null,
    group_id: groupId,
    page_id: settings.id,
    group: false,
    only_show_if_degraded: false,
  });

  // Statuspage lists each group followed by its members; positions count within each level.
  const components: SpComponent[] = [];
  const byId = new Map<string, SpComponent>();
  snapshot.groups.forEach((group, g) => {
    const id = groupComponentId(group.id);
    const members = group.components.map((c, i) => leaf(c, i + 1, id));
    components.push({
      id,
      name: group.name,
      status: group.status,
      created_at: createdAt,
      updated_at: latest(group.components.map((c) => componentUpdatedAt(c.id))),
      position: g + 1,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: settings.id,
      group: true,
      only_show_if_degraded: false,
      components: members.map((m) => m.id),
    });
    components.push(...members);
    for (const member of members) byId.set(member.id, member);
  });
  const componentList = (ids: string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const names = new Map(snapshot.components.map((c) => [c.id, c.name]));

  const update = (
    parentId: string,
    index: number,
    u: { at: string; status: IncidentStatus | MaintenanceStatus; body: string },
    affected: Array<{ id: string; from: DisplayedComponentStatus; to: DisplayedComponentStatus }> | null,
  ): SpIncidentUpdate => ({
    id: `${parentId}-${index + 1}`,
    status: u.status,
    body: u.body,
    incident_id: parentId,
    created_at: stamp(u.at),
    updated_at: stamp(u.at),
    display_at: stamp(u.at),
    affected_components:
      affected?.map(({ id, from, to }) => ({ code: id, name: names.get(id) ?? id, old_status: from, new_status: to })) ?? null,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  });

  const incident = (state: IncidentState): SpIncident => ({
    id: state.id,
    name: state.title,
    status: state.status,
    created_at: stamp(state.startedAt),
    updated_at: stamp(state.updatedAt),
    monitoring_at: state.monitoringAt && stamp(state.monitoringAt),
    resolved_at: state.resolvedAt && stamp(state.resolvedAt),
    impact: state.impact,
    shortlink: incidentUrl(state.id),
    started_at: stamp(state.startedAt),
    page_id: settings.id,
    // Newest first, as Statuspage lists them. Components go from operational to the incident's
    // status on the first update and back on the resolved one; a postmortem touches none.
    incident_updates: state.updates
      .map((u, i) => {
        const each = (from: (s: ComponentStatus) => DisplayedComponentStatus, to: (s: ComponentStatus) => DisplayedComponentStatus) =>
          state.components.map((c) => ({ id: c.id, from: from(c.status), to: to(c.status) }));
        const affected =
          u.status === 'postmortem'
            ? null
            : u.status === 'resolved'
              ? each((s) => s, () => 'operational')
              : i === 0
                ? each(() => 'operational', (s) => s)
                : each((s) => s, (s) => s);
        return update(state.id, i, u, affected);
      })
      .reverse(),
    components: componentList(state.components.map((c) => c.id)),
  });

  const maintenance = (state: MaintenanceState): SpScheduledMaintenance => {
    const created = state.publishedAt ?? state.scheduledFor;
    const before: Record<MaintenanceStatus, DisplayedComponentStatus> = {
      scheduled: 'operational',
      in_progress: 'operational',
      verifying: 'under_maintenance',
      completed: 'under_maintenance',
    };
    const after: Record<MaintenanceStatus, DisplayedComponentStatus> = {
      scheduled: 'operational',
      in_progress: 'under_maintenance',
      verifying: 'under_maintenance',
      completed: 'operational',
    };
    return {
      id: state.id,
      name: state.title,
      status: state.status,
      created_at: stamp(created),
      updated_at: stamp(state.updatedAt ?? created),
      monitoring_at: null,
      resolved_at: state.completedAt && stamp(state.completedAt),
      impact: 'maintenance',
      shortlink: maintenanceUrl(state.id),
      started_at: stamp(created),
      page_id: settings.id,
      incident_updates: state.updates
        .map((u, i) =>
          update(state.id, i, u, state.components.map((id) => ({ id, from: before[u.status], to: after[u.status] }))),
        )
        .reverse(),
      components: componentList(state.components),
      scheduled_for: stamp(state.scheduledFor),
      scheduled_until: stamp(state.scheduledUntil),
    };
  };

  const { indicator, label } = snapshot.overall;
  const { incidents, maintenances } = snapshot;
  // What is still to come or going on is listed soonest first, as Statuspage does; the full
  // list keeps the snapshot's latest-window-first order, like the history.
  const soonest = [...maintenances].sort(bySoonestWindow);
  return {
    page,
    status: { indicator, description: label } satisfies SpStatus,
    components,
    incidents: incidents.map(incident),
    unresolved: incidents.filter((i) => i.active).map(incident),
    maintenances: maintenances.map(maintenance),
    upcoming: soonest.filter((m) => m.upcoming).map(maintenance),
    current: soonest.filter((m) => m.upcoming || m.active).map(maintenance),
    active: soonest.filter((m) => m.active).map(maintenance),
  };
}

/** summary.json: page, components, unresolved incidents, upcoming and active maintenance (soonest first), status. */
export function summaryJson(snapshot: StatusSnapshot, settings: StatuspageSettings) {
  const c = mapped(snapshot, settings);
  return {
    page: c.page,
    components: c.components,
    incidents: c.unresolved,
    scheduled_maintenances: c.current,
    status: c.status,
  };
}

/** status.json: the page indicator and its description. */
export function statusJson(snapshot: StatusSnapshot, settings: StatuspageSettings) {
  const c = mapped(snapshot, settings);
  return { page: c.page, status: c.status };
}

/** components.json: groups (group: true) followed by their members. */
export function componentsJson(snapshot: StatusSnapshot, settings: StatuspageSettings) {
  const c = mapped(snapshot, settings);
  return { page: c.page, components: c.components };
}

/** incidents.json: every visible incident, newest first (Statuspage caps at 50; we do not). */
export function incidentsJson(snapshot: StatusSnapshot, settings: StatuspageSettings) {
  const c = mapped(snapshot, settings);
  return { page: c.page, incidents: c.incidents };
}

/** incidents/unresolved.json: incidents investigating, identified or monitoring. */
export function unresolvedIncidentsJson(snapshot: StatusSnapshot, settings: StatuspageSettings) {
  const c = mapped(snapshot, settings);
  return { page: c.page, incidents: c.unresolved };
}

/** scheduled-maintenances.json: every published maintenance, latest window first, uncapped. */
export function scheduledMaintenancesJson(snapshot: StatusSnapshot, settings: StatuspageSettings) {
  const c = mapped(snapshot, settings);
  return { page: c.page, scheduled_maintenances: c.maintenances };
}

/** scheduled-maintenances/upcoming.json: maintenance in the scheduled state, soonest first. */
export function upcomingScheduledMaintenancesJson(snapshot: StatusSnapshot, settings: StatuspageSettings) {
  const c = mapped(snapshot, settings);
  return { page: c.page, scheduled_maintenances: c.upcoming };
}

/** scheduled-maintenances/active.json: maintenance in progress or verifying, earliest start first. */
export function activeScheduledMaintenancesJson(snapshot: StatusSnapshot, settings: StatuspageSettings) {
  const c = mapped(snapshot, settings);
  return { page: c.page, scheduled_maintenances: c.active };
}

/** The endpoints under /api/v2/, keyed by path, for a route's getStaticPaths or a lookup. */
export const statuspageEndpoints = {
  'summary.json': summaryJson,
  'status.json': statusJson,
  'components.json': componentsJson,
  'incidents.json': incidentsJson,
  'incidents/unresolved.json': unresolvedIncidentsJson,
  'scheduled-maintenances.json': scheduledMaintenancesJson,
  'scheduled-maintenances/upcoming.json': upcomingScheduledMaintenancesJson,
  'scheduled-maintenances/active.json': activeScheduledMaintenancesJson,
} as const;
