// Status events as data: what a status write or the clock (a maintenance window opening or
// closing with no update posted) announces to subscribers, and the Statuspage-shaped webhook
// payloads (`incident`, `component_update`, `page`) for it. Pure: the server enqueues them
// (src/server/status-notices.ts).
import { maintenanceAt } from './status.ts';
import type { ComponentStatus, StatusContent } from './status-schema.ts';

/** One announcement; `key` is unique per event, so it is enqueued at most once. */
export interface StatusEvent {
  key: string;
  what: 'incident' | 'maintenance';
  id: string;
  title: string;
  /** An incident or maintenance status, e.g. investigating, resolved, scheduled, in_progress. */
  status: string;
  message: string;
  at: Date;
  /** Incident: each affected component's state; maintenance: the components under maintenance. */
  components: Array<{ id: string; status: ComponentStatus | 'under_maintenance' }>;
  /** Incident only: its impact, and the component states before this update. */
  impact?: string;
  previous?: Array<{ id: string; status: ComponentStatus }>;
  window?: { from: Date; until: Date };
  /** Maintenance moved: the window it had before (the mail gives both). */
  previousWindow?: { from: Date; until: Date };
  /** What the mail calls the notice when the status alone does not say it, e.g. "Rescheduled" (the status stays "scheduled"). */
  label?: string;
  /** A published postmortem's text (Markdown source), sent with its notice. */
  postmortem?: string;
}

/** The first clock step ever (no watermark yet) looks back this far, and no further: older history is not announced. */
export const transitionLookbackMs = 6 * 3_600_000;

/**
 * Each step looks again this far before the watermark: a status write stamped before the last
 * step's "now" may have committed just after that step read the content. The event keys make the
 * second look announce nothing twice.
 */
export const transitionOverlapMs = 60_000;

/**
 * The instants a clock step covers, (after, until]: from the watermark (the last step's now,
 * shared by every server) less the overlap, or on the first step ever from the lookback, to now.
 */
export function clockInterval(watermark: Date | null, now: Date): { after: Date; until: Date } {
  const after = watermark ? watermark.getTime() - transitionOverlapMs : now.getTime() - transitionLookbackMs;
  return { after: new Date(Math.min(after, now.getTime())), until: now };
}

/**
 * The automatic maintenance transitions (a window opening or closing with no update posted) that
 * happened in (after, until]. A transition counts from when the maintenance was published, if
 * later (a window scheduled after it had opened is announced then). When one window both opened
 * and closed in the interval (every server was down through it), only its end is announced: one
 * "completed" rather than a stale "in progress" followed by it.
 */
export function clockTransitions(content: Pick<StatusContent, 'maintenances'>, after: Date, until: Date): StatusEvent[] {
  const events: StatusEvent[] = [];
  for (const entry of content.maintenances) {
    const state = maintenanceAt(entry, until);
    if (!state || state.cancelled) continue;
    const published = state.publishedAt === null ? -Infinity : Date.parse(state.publishedAt);
    let latest: StatusEvent | null = null;
    for (const update of state.updates) {
      if (!('automatic' in update) || !update.automatic) continue;
      const at = new Date(update.at);
      const seen = Math.max(at.getTime(), published);
      if (seen <= after.getTime() || seen > until.getTime()) continue;
      if (latest && latest.at.getTime() > at.getTime()) continue;
      latest = {
        key: `maintenance:${entry.id}:${update.status}`, what: 'maintenance', id: entry.id, title: entry.data.title,
        status: update.status, message: update.body, at,
        components: entry.data.components.map((id) => ({ id, status: 'under_maintenance' as const })),
        window: { from: new Date(entry.data.scheduledFor), until: new Date(entry.data.scheduledUntil) },
      };
    }
    if (latest) events.push(latest);
  }
  return events;
}

export interface StatusWebhook {
  event: 'incident.updated' | 'component.updated';
  body: Record<string, unknown>;
  /** The components it is about (none for an incident on no component): who receives it (src/lib/webhooks.ts receivesStatus). */
  components: string[];
}

const indicatorOf: Record<string, string> = { none: 'none', minor: 'minor', major: 'major', critical: 'critical', maintenance: 'maintenance' };
const descriptionOf: Record<string, string> = {
  none: 'All Systems Operational', minor: 'Minor Service Outage', major: 'Partial System Outage', critical: 'Major Service Outage', maintenance: 'Service Under Maintenance',
};

/**
 * Statuspage's webhook bodies for an event: one `incident` payload (maintenance is sent as an
 * incident with impact "maintenance", as Statuspage does) and one `component_update` per
 * component whose state changed.
 */
export function statusWebhookPayloads(event: StatusEvent, page: { pageId: string; permalink: string; siteUrl: string }): StatusWebhook[] {
  const at = event.at.toISOString();
  const impact = event.what === 'maintenance' ? 'maintenance' : (event.impact ?? 'none');
  const resolved = event.status === 'resolved' || event.status === 'postmortem' || event.status === 'completed';
  const pageObject = { id: page.pageId, status_indicator: resolved ? 'none' : indicatorOf[impact] ?? 'none', status_description: resolved ? descriptionOf.none : descriptionOf[impact] ?? descriptionOf.none };
  const meta = { unsubscribe: new URL('/console/delivery/', page.siteUrl).href, documentation: 'https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/' };
  const out: StatusWebhook[] = [{
    event: 'incident.updated',
    body: {
      meta, page: pageObject,
      incident: {
        id: event.id, name: event.title, status: event.status, impact, shortlink: page.permalink, updated_at: at,
        ...(resolved ? { resolved_at: at } : {}),
        ...(event.window ? { scheduled_for: event.window.from.toISOString(), scheduled_until: event.window.until.toISOString() } : {}),
        ...(event.postmortem !== undefined ? { postmortem_body: event.postmortem, postmortem_published_at: at } : {}),
        incident_updates: [{ id: event.key, incident_id: event.id, status: event.status, body: event.message, created_at: at, updated_at: at, display_at: at }],
        components: event.components.map((c) => ({ id: c.id, status: c.status })),
      },
    },
    components: event.components.map((c) => c.id),
  }];
  if (event.what === 'incident') {
    const before = new Map((event.previous ?? []).map((c) => [c.id, c.status]));
    for (const c of event.components) {
      const old = before.get(c.id) ?? 'operational';
      if (old === c.status) continue;
      out.push({
        event: 'component.updated',
        body: {
          meta, page: pageObject,
          component_update: { id: `${event.key}:${c.id}`, component_id: c.id, created_at: at, old_status: old, new_status: c.status },
          component: { id: c.id, status: c.status, updated_at: at },
        },
        components: [c.id],
      });
    }
  }
  return out;
}
