// Messages the help center sends (mail and webhooks), as kept in the outbox until delivered, and
// the retry schedule of the delivery worker (src/server/delivery.ts). Pure: randomness is passed in.

/**
 * What a message is for: the client's confirmation of a ticket, the on-call alert of an
 * emergency, the SLA alerts (src/lib/sla-alerts.ts), the admins' notice that a webhook was
 * disabled, the new-ticket webhook, and status subscriptions (src/lib/subscriptions.ts).
 */
export const outboxKinds = [
  'confirmation', 'emergency_alert', 'sla_warning', 'sla_breach', 'sla_repage', 'webhook_disabled', 'ticket_created',
  'subscription_confirm', 'subscription_manage', 'status_notice', 'status_webhook',
] as const;
export type OutboxKind = (typeof outboxKinds)[number];

/** How a message travels. */
export const outboxChannels = ['mail', 'webhook'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];

export interface RetryPolicy {
  /** Delay before the second attempt; each later one doubles it. */
  baseMs: number;
  /** The longest delay between two attempts. */
  capMs: number;
  /** Attempts before a message is parked as failed for an admin. */
  maxAttempts: number;
}

/** 30 s, 1 min, 2 min … capped at 1 h: ten attempts span about 4 h 15 min. */
export const defaultRetryPolicy: RetryPolicy = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 10 };

/**
 * After attempt number `attempts` (1 for the first) failed: park the message, or wait this long.
 * The delay is "equal jitter": half the exponential step is fixed, half random (`random` in
 * [0, 1)), so messages that failed together (an SMTP outage) do not all come back together, and
 * none comes back sooner than half its step.
 */
export function afterFailure(attempts: number, random: number, policy: RetryPolicy = defaultRetryPolicy): { park: true } | { park: false; delayMs: number } {
  if (attempts >= policy.maxAttempts) return { park: true };
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return { park: false, delayMs: Math.round(step / 2 + (step / 2) * Math.min(Math.max(random, 0), 1)) };
}
