// Status notices: what the status store's writes (and the clock, for maintenance windows that open
// and close on their own) tell subscribers by mail and registered webhooks. Enqueued in the
// caller's transaction, once per event key (status_notices_sent), so two servers never announce
// the same transition twice. Imports carry .ts: the delivery worker loads this outside Astro.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { enqueueWebhooks } from '../../db/queries/outbox.ts';
import { claimNotice, enqueueNotices } from '../../db/queries/subscriptions.ts';
import { statusComponents } from '../../db/schema.ts';
import { site, siteUrl } from '../config.ts';
import { statusPaths } from '../lib/status.ts';
import { clockTransitions, statusWebhookPayloads, type StatusEvent } from '../lib/status-events.ts';
import type { StatusContent } from '../lib/status-schema.ts';
import { componentStatusLabels, incidentStatusLabels, maintenanceStatusLabels } from '../lib/status-schema.ts';
import { noticeMail, type StatusNotice } from '../lib/subscriptions.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Enqueues mail and webhooks for `event` unless its key was announced already; returns how many mails. */
export async function announce(tx: Tx | Db, event: StatusEvent, options: { timeZone: string }): Promise<number> {
  if (!(await claimNotice(tx, event.key, event.at))) return 0;
  const ids = event.components.map((c) => c.id);
  const rows = ids.length ? await tx.select({ id: statusComponents.id, name: statusComponents.name }).from(statusComponents).where(inArray(statusComponents.id, ids)) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const labels: Record<string, string> = event.what === 'incident' ? incidentStatusLabels : { ...maintenanceStatusLabels, cancelled: 'Cancelled' };
  const notice: StatusNotice = {
    key: event.key, what: event.what, id: event.id, title: event.title,
    statusLabel: labels[event.status] ?? event.status, message: event.message, at: event.at,
    components: event.components.map((c) => ({ id: c.id, name: names.get(c.id) ?? c.id, state: componentStatusLabels[c.status] ?? c.status })),
    window: event.window,
  };
  const path = event.what === 'incident' ? statusPaths.incident(event.id) : statusPaths.maintenance(event.id);
  const permalink = new URL(path, siteUrl).href;
  const mail = noticeMail(notice, { company: site.company, permalink, timeZone: options.timeZone });
  const count = await enqueueNotices(tx, mail, ids);
  for (const payload of statusWebhookPayloads(event, { pageId: 'cairn', permalink, siteUrl })) {
    await enqueueWebhooks(tx as Db, payload.event, 'status_webhook', JSON.stringify(payload.body));
  }
  return count;
}

export type { StatusEvent };

/**
 * The worker's step for windows that open and close on the clock: each transition within the
 * lookback not announced yet is enqueued, in its own transaction with its key (so once, even
 * with two servers). Returns how many mails were enqueued.
 */
export async function announceClockTransitions(db: Db, content: StatusContent, now: Date, timeZone: string): Promise<number> {
  let count = 0;
  for (const event of clockTransitions(content, now)) {
    count += await db.transaction((tx) => announce(tx, event, { timeZone }));
  }
  return count;
}
