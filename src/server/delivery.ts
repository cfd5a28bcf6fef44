// The delivery worker: raises the SLA alerts due at the server's now(), then sends what waits in
// the outbox (mail over SMTP, signed webhooks), claiming each message with a lease so several
// workers on one database never send the same message twice, retrying with exponential backoff
// and jitter, and parking a message after its last attempt for an admin to retry. It runs inside
// each app server (scripts/server/serve.ts) or alone (`npm run worker`, scripts/server/worker.ts): same code.
// Imports carry their .ts extension: Node loads this module directly, outside Astro's bundle.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { claimDue, markAttemptFailed, markSent, nextDueAt, type NewMail } from '../../db/queries/outbox.ts';
import { raiseAlert, ticketsAwaitingResponse } from '../../db/queries/sla-alerts.ts';
import { webhookById, webhookFailed, webhookSucceeded } from '../../db/queries/webhooks.ts';
import type { OutboxMessage, Ticket } from '../../db/schema.ts';
import { afterFailure, type OutboxChannel, type RetryPolicy } from '../lib/outbox.ts';
import { alertAddress, alertMail, planAlerts, warningMinutes, type SlaAlertKind } from '../lib/sla-alerts.ts';
import { formatInZone, type SlaPolicy } from '../lib/sla.ts';
import { parseSupportFiles } from '../lib/support-content.ts';
import { onDeliveryWake } from './delivery-wake.ts';
import { postWebhook } from './webhooks.ts';
import { deleteMessages, issueManageTokens } from '../../db/queries/subscriptions.ts';
import { fillManageLink, newToken, subscribePaths, unsubscribeHeaders } from '../lib/subscriptions.ts';
import { announceClockTransitions } from './status-notices.ts';
import { loadStatusContent } from './status-store.ts';

export interface DeliverySettings {
  db: Db;
  /** The server's clock (src/server/clock.ts): SLA alerts are judged at now(). Leases and backoff use the real clock. */
  now: () => Date;
  policy: SlaPolicy;
  smtpUrl: string | null;
  from: string;
  onCall: string;
  onCallBackup: string;
  siteUrl: string;
  leaseMs: number;
  concurrency: number;
  pollMs: number;
  retry: RetryPolicy;
  webhookFailureLimit: number;
  webhookAllowPrivate: boolean;
  webhookTimeoutMs: number;
  log?: (line: string) => void;
}

/** The desk policy from content/support/sla.yaml, read when the worker starts (it runs outside the build). */
export function readPolicy(supportDir: string): SlaPolicy {
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
  const slaFile = path.join(supportDir, 'sla.yaml');
  const plansFile = path.join(supportDir, 'plans.yaml');
  const checked = parseSupportFiles({ slaFile, slaSource: read(slaFile), plansFile, plansSource: read(plansFile) });
  if (!checked.ok) throw new Error(`The delivery worker cannot read the support policy:\n${checked.errors.join('\n')}`);
  return checked.content.policy;
}

function pooled(smtpUrl: string, connections: number): string {
  const url = new URL(smtpUrl);
  if (url.searchParams.has('pool')) return smtpUrl;
  url.searchParams.set('pool', 'true');
  url.searchParams.set('maxConnections', String(connections));
  return url.toString();
}

export interface DeliveryWorker {
  /** Wakes the worker now (something was just enqueued). */
  wake: () => void;
  /** One full pass (alerts, then the outbox until nothing is due); resolves when done. */
  runOnce: () => Promise<void>;
  /** Stops after the messages in hand are sent or given up; resolves when it has. */
  stop: () => Promise<void>;
}

export function startDelivery(settings: DeliverySettings, options: { autostart?: boolean } = {}): DeliveryWorker {
  const { db } = settings;
  const owner = randomUUID();
  const log = settings.log ?? ((line: string) => console.error(line));
  const channels: OutboxChannel[] = settings.smtpUrl ? ['mail', 'webhook'] : ['webhook'];
  let transport: Transporter | null = null;
  // Pooled: one SMTP connection per concurrent send, kept open, rather than one per message
  // (an SMTP_URL that sets ?pool= itself is left as it is).
  const smtp = () => (transport ??= nodemailer.createTransport(pooled(settings.smtpUrl!, settings.concurrency), { from: settings.from }));
  const mailHost = new URL(settings.siteUrl).hostname || 'cairn.invalid';

  /** Per-subscriber links of status notices, made for this attempt (their tokens stored hashed). */
  const links = new Map<number, { manage: string; unsubscribe: string }>();

  async function sendMail(message: OutboxMessage): Promise<void> {
    let { body: text, html } = message;
    let headers: Record<string, string> | undefined;
    const link = links.get(message.id);
    if (link) {
      ({ text, html } = fillManageLink({ text, html }, link.manage));
      headers = unsubscribeHeaders(link.unsubscribe);
    }
    // A stable Message-ID: a mail sent again after a crash is recognisable as the same message.
    await smtp().sendMail({ to: message.recipient, subject: message.subject, text, ...(html ? { html } : {}), ...(headers ? { headers } : {}), messageId: `<outbox-${message.id}@${mailHost}>` });
  }

  /**
   * Status notices carry the subscriber's own manage and one-click unsubscribe links: one random
   * token per message, inserted for the whole claimed batch in one statement. A notice to a
   * subscriber who left meanwhile is dropped, not sent.
   */
  async function prepareLinks(claimed: OutboxMessage[]): Promise<OutboxMessage[]> {
    const notices = claimed.filter((m) => m.subscriberId !== null && m.channel === 'mail');
    if (!notices.length) return claimed;
    const tokens = notices.map((m) => ({ message: m, subscriberId: m.subscriberId!, ...newToken() }));
    const present = await issueManageTokens(db, tokens, new Date());
    const gone = tokens.filter((t) => !present.has(t.subscriberId)).map((t) => t.message.id);
    await deleteMessages(db, gone);
    for (const t of tokens) {
      const query = `?token=${encodeURIComponent(t.token)}`;
      links.set(t.message.id, { manage: `${settings.siteUrl}${subscribePaths.manage}${query}`, unsubscribe: `${settings.siteUrl}${subscribePaths.unsubscribe}${query}` });
    }
    return claimed.filter((m) => !gone.includes(m.id));
  }

  async function sendWebhook(message: OutboxMessage): Promise<'sent' | 'parked'> {
    const webhook = message.webhookId === null ? undefined : await webhookById(db, message.webhookId);
    if (!webhook || !webhook.enabled) {
      await markAttemptFailed(db, message.id, owner, webhook ? 'the webhook is disabled' : 'the webhook was deleted', null, new Date());
      return 'parked';
    }
    try {
      const status = await postWebhook({
        url: webhook.url, secret: webhook.secret, event: message.subject, body: message.body,
        idempotencyKey: `cairn-outbox-${message.id}`, timeoutMs: settings.webhookTimeoutMs, allowPrivate: settings.webhookAllowPrivate,
      });
      if (status < 200 || status > 299) throw new Error(`the target answered ${status}`);
    } catch (error) {
      const disabled = await webhookFailed(db, webhook.id, settings.webhookFailureLimit, new Date(), (url, admins) => admins.map((recipient) => ({
        recipient,
        subject: `Webhook disabled: ${url}`,
        body: `The webhook ${url} failed ${settings.webhookFailureLimit} times in a row (last: ${(error as Error).message}) and has been disabled.\n\nCheck the receiver, then enable it again in the console: ${settings.siteUrl}/console/delivery/\nIts messages wait there and are sent again when it is enabled.`,
      })));
      if (disabled) log(`delivery: webhook ${webhook.url} disabled after ${settings.webhookFailureLimit} failures in a row`);
      throw error;
    }
    await webhookSucceeded(db, webhook.id);
    return 'sent';
  }

  async function deliver(message: OutboxMessage): Promise<void> {
    try {
      const outcome = message.channel === 'webhook' ? await sendWebhook(message) : (await sendMail(message), 'sent');
      if (outcome === 'sent') await markSent(db, message.id, new Date());
    } catch (error) {
      const next = afterFailure(message.attempts, Math.random(), settings.retry);
      const at = new Date();
      await markAttemptFailed(db, message.id, owner, (error as Error).message || String(error), next.park ? null : new Date(at.getTime() + next.delayMs), at);
      if (next.park) log(`delivery: message ${message.id} (${message.kind} to ${message.channel === 'mail' ? 'a mailbox' : message.recipient}) parked after ${message.attempts} attempts: ${(error as Error).message}`);
    }
  }

  function mailsFor(kind: Exclude<SlaAlertKind, 'emergency'>, ticket: Ticket): NewMail[] {
    const dueAt = ticket.firstResponseDueAt!;
    const text = alertMail(kind, { reference: ticket.reference, plan: ticket.plan, queue: ticket.queue, subject: ticket.subject, dueAt }, `${formatInZone(dueAt, settings.policy.timeZone)} (${settings.policy.timeZone})`, settings.siteUrl);
    const outboxKind = kind === 'warning' ? 'sla_warning' : kind === 'breach' ? 'sla_breach' : 'sla_repage';
    const recipients = kind === 'repage' ? [settings.onCall, settings.onCallBackup] : [alertAddress(ticket.queue, settings.policy, settings.onCall)];
    return recipients.map((recipient) => ({ ...text, recipient, kind: outboxKind }));
  }

  /** Raises what is due at now(); the next instant (server clock) something falls due, or null. */
  async function raiseAlerts(): Promise<Date | null> {
    const at = settings.now();
    // Every alert but a re-page falls due at most 30 minutes before the deadline (warningAt).
    const horizon = new Date(at.getTime() + warningMinutes * 60_000);
    const { due, laterDueAt } = await ticketsAwaitingResponse(db, horizon);
    let next: Date | null = laterDueAt && new Date(laterDueAt.getTime() - warningMinutes * 60_000);
    for (const { ticket, alerts } of due) {
      const plan = planAlerts({ emergency: ticket.emergency, status: ticket.status, dueAt: ticket.firstResponseDueAt, firstResponseAt: ticket.firstResponseAt, alerts }, at, settings.policy);
      for (const kind of plan.due) {
        if (kind !== 'emergency') await raiseAlert(db, ticket.id, kind, at, mailsFor(kind, ticket));
      }
      if (plan.nextAt && (!next || plan.nextAt < next)) next = plan.nextAt;
    }
    return next;
  }

  async function drainOutbox(): Promise<void> {
    for (;;) {
      const claimed = await claimDue(db, { owner, now: Date.now(), leaseMs: settings.leaseMs, limit: settings.concurrency, channels });
      if (!claimed.length) return;
      const ready = await prepareLinks(claimed);
      try {
        await Promise.all(ready.map(deliver));
      } finally {
        for (const m of claimed) links.delete(m.id);
      }
      if (stopping) return;
    }
  }

  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let lastProblem = '';

  let alertAt: Date | null = null;
  let alertsChecked = 0;
  /**
   * Alerts are looked at on the timer (each poll, or when the next one falls due), not on every
   * wake: a ticket filed wakes the worker to send its mail, and under a burst of tickets a pass
   * per ticket reading the open deadlines would slow the filing itself.
   */
  async function pass(): Promise<number> {
    const alertsDue = Date.now() - alertsChecked >= settings.pollMs || (alertAt !== null && alertAt <= settings.now());
    if (alertsDue) {
      alertAt = await raiseAlerts();
      alertsChecked = Date.now();
      // Maintenance windows that opened or closed on the clock since the last look: announced once.
      // A failure here (a busy database) is tried again next time and must not hold up the outbox.
      try {
        await announceClockTransitions(db, await loadStatusContent(db), settings.now(), settings.policy.timeZone);
      } catch (error) {
        log(`delivery: maintenance notices not checked this time: ${(error as Error).message}`);
      }
    }
    await drainOutbox();
    const outboxAt = await nextDueAt(db, channels);
    let delay = settings.pollMs;
    if (alertAt) delay = Math.min(delay, Math.max(0, alertAt.getTime() - settings.now().getTime()));
    if (outboxAt !== null) delay = Math.min(delay, Math.max(0, outboxAt - Date.now()));
    return Math.max(delay, 20);
  }

  function runOnce(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = (async () => {
      let delay = settings.pollMs;
      try {
        do {
          again = false;
          delay = await pass();
        } while (again && !stopping);
        lastProblem = '';
      } catch (error) {
        // Said once per kind of trouble (a database that is down fails every pass the same way).
        const line = `delivery: ${(error as Error).message}; trying again every ${settings.pollMs / 1000} s`;
        if (line !== lastProblem) log(line);
        lastProblem = line;
        delay = settings.pollMs;
      } finally {
        running = null;
        if (!stopping) timer = setTimeout(() => void runOnce(), delay);
      }
    })();
    return running;
  }

  const wake = () => { if (!stopping) void runOnce(); };
  if (options.autostart ?? true) {
    onDeliveryWake(wake);
    wake();
  }
  return {
    wake,
    runOnce,
    stop: async () => {
      stopping = true;
      clearTimeout(timer);
      onDeliveryWake(undefined);
      await running;
      transport?.close();
    },
  };
}
