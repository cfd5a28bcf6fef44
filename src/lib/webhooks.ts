// Webhooks as data: the events, the registration form's contract, the signature header (HMAC-SHA256
// over "timestamp.body", as Stripe signs), and which target addresses are private. Pure apart from
// the HMAC itself; resolving and sending are in src/server/webhooks.ts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { chosenComponents, isConcerned } from './subscriptions.ts';

/** Event types a webhook can receive: new tickets, and status changes in Statuspage's shape (src/lib/status-events.ts). */
export const webhookEvents = ['ticket.created', 'incident.updated', 'component.updated'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export const signatureHeader = 'Cairn-Signature';
export const eventHeader = 'Cairn-Event';
/** The same for every attempt at one message, so a receiver can drop a repeat. */
export const idempotencyHeader = 'Idempotency-Key';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>`. */
export function signPayload(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/**
 * What a receiver does: recompute the MAC over the timestamp and the raw body, compare in constant
 * time, and refuse a timestamp further than `toleranceSeconds` from its own clock (a replay).
 */
export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const expected = signPayload(secret, body, t).split('v1=')[1];
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(v1, 'hex'));
}

/** The console's form to register a webhook. */
export const webhookInputSchema = z.object({
  url: z.string({ error: 'is required' }).trim().max(2000, 'must be at most 2,000 characters')
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. https://helpdesk.example.com/hooks/cairn' })),
  events: z.enum(['all', ...webhookEvents], { error: `must be all or one of ${webhookEvents.join(', ')}` }).default('all'),
  /** Status events of every component, or of those ticked (`component-<id>` fields, read by webhookComponents). */
  scope: z.enum(['all', 'some'], { error: 'must be all or some' }).default('all'),
});

/** Whether a webhook registered for `events` (null: all) receives `event`. */
export function receives(events: string[] | null, event: WebhookEvent): boolean {
  return events === null || events.includes(event);
}

/**
 * Whether a webhook receives a status payload about `affected` components: it must take the event
 * type, and either every component (null) or one of those affected. A payload about no component
 * (an incident on none) goes to the webhooks for every component only; the same rule as for
 * subscribers by mail (isConcerned). New-ticket events do not look at components.
 */
export function receivesStatus(hook: { events: string[] | null; components: string[] | null }, event: WebhookEvent, affected: readonly string[]): boolean {
  return receives(hook.events, event) && isConcerned(hook.components, affected);
}

/**
 * The components chosen on the registration form (scope "all" or "some" and one `component-<id>`
 * checkbox per component, as on the subscribe form): null for every component. A ticked id the
 * status page does not have (the form is older than a change to the components) is an error, not
 * ignored, so an admin never registers for less than they ticked.
 */
export function webhookComponents(
  fields: Record<string, unknown>,
  knownIds: readonly string[],
): { ok: true; components: string[] | null } | { ok: false; fields: Record<string, string[]> } {
  const unknown = Object.keys(fields).filter((name) => name.startsWith('component-') && !knownIds.includes(name.slice('component-'.length)));
  if (unknown.length) {
    const ids = unknown.map((name) => `"${name.slice('component-'.length)}"`).join(', ');
    return { ok: false, fields: { components: [`${ids} ${unknown.length === 1 ? 'is not a component' : 'are not components'} of the status page; reload the page and tick again`] } };
  }
  return chosenComponents(fields, knownIds);
}

function ipv4Parts(address: string): number[] | null {
  const parts = address.split('.').map(Number);
  return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? parts : null;
}

function privateIpv4([a, b]: number[]): boolean {
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) // this network, private, loopback, carrier NAT
    || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) // link-local, private
    || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224; // IETF, benchmarking, multicast and reserved
}

/**
 * Whether an address is one a webhook must not reach: loopback, private, link-local (cloud
 * metadata lives at 169.254.169.254), unique-local, multicast, unspecified, and IPv4 mapped or
 * embedded in IPv6. Anything that is not an IP address is refused too.
 */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return privateIpv4(ipv4Parts(address)!);
  if (kind !== 6) return true;
  const lower = address.toLowerCase();
  const mapped = /^(?:0*:)*(?:0*:)?(?:ffff(?::0{1,4})?:)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower) ?? /^64:ff9b::(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return privateIpv4(ipv4Parts(mapped[1]) ?? [0]);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1], 16), lo = parseInt(hex[2], 16);
    return privateIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  if (lower === '::' || lower === '::1') return true;
  const first = parseInt(lower.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 // unique local fc00::/7
    || (first & 0xffc0) === 0xfe80 // link-local fe80::/10
    || (first & 0xff00) === 0xff00 // multicast
    || first === 0; // unspecified, loopback and the old IPv4-compatible forms
}

export interface TicketCreatedData {
  reference: string; plan: string; queue: string; emergency: boolean;
  receivedAt: Date; firstResponseDueAt: Date | null;
  request: { name: string; email: string; product: string; subject: string; description: string };
}

/** The new-ticket event as posted: enough for a helpdesk (Zammad, Zendesk, FreeScout) to take the ticket. */
export function ticketCreatedPayload(data: TicketCreatedData): string {
  return JSON.stringify({
    type: 'ticket.created',
    created_at: data.receivedAt.toISOString(),
    ticket: {
      reference: data.reference,
      plan: data.plan,
      queue: data.queue,
      emergency: data.emergency,
      received_at: data.receivedAt.toISOString(),
      first_response_due_at: data.firstResponseDueAt?.toISOString() ?? null,
      request: data.request,
    },
  });
}
