// Status notices: what the status store's writes (and the clock, for maintenance windows that open
// and close on their own) tell subscribers by mail and registered webhooks. Enqueued in the
// caller's transaction, once per event key (status_notices_sent), so two servers never announce
// the same transition twice. Imports carry .ts: the delivery worker loads this outside Astro.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { enqueueStatusWebhooks } from '../../db/queries/outbox.ts';
import { advanceClockWatermark, readClockWatermark } from '../../db/queries/status-clock.ts';
import { claimNotice, enqueueNotices } from '../../db/queries/subscriptions.ts';
import { statusComponents } from '../../db/schema.ts';
import { site, siteUrl } from '../config.ts';
import { statusPaths } from '../lib/status.ts';
import { clockInterval, clockTransitions, statusWebhookPayloads, type StatusEvent } from '../lib/status-events.ts';
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
    statusLabel: event.label ?? labels[event.status] ?? event.status, message: event.message, at: event.at,
    components: event.components.map((c) => ({ id: c.id, name: names.get(c.id) ?? c.id, state: componentStatusLabels[c.status] ?? c.status })),
    window: event.window, previousWindow: event.previousWindow, postmortem: event.postmortem,
  };
  const path = event.what === 'incident' ? statusPaths.incident(event.id) : statusPaths.maintenance(event.id);
  const permalink = new URL(path, siteUrl).href;
  const mail = noticeMail(notice, { company: site.company, permalink, timeZone: options.timeZone });
  const count = await enqueueNotices(tx, mail, ids);
  const payloads = statusWebhookPayloads(event, { pageId: 'cairn', permalink, siteUrl });
  await enqueueStatusWebhooks(tx, 'status_webhook', payloads.map((p) => ({ event: p.event, body: JSON.stringify(p.body), components: p.components })));
  return count;
}

export type { StatusEvent };

/**
 * The worker's step for windows that open and close on the clock: each transition since the
 * watermark (the last step's now, in the database so every server shares it; the first step ever
 * looks back 6 h) is enqueued in its own transaction with its key, so once even with two servers,
 * then the watermark moves to `now`. A step that fails leaves the watermark where it was, and the
 * next one tries the same interval again. Returns how many mails were enqueued.
 */
export async function announceClockTransitions(db: Db, content: StatusContent, now: Date, timeZone: string): Promise<number> {
  const { after, until } = clockInterval(await readClockWatermark(db), now);
  let count = 0;
  for (const event of clockTransitions(content, after, until)) {
    count += await db.transaction((tx) => announce(tx, event, { timeZone }));
  }
  await advanceClockWatermark(db, until);
  return count;
}
