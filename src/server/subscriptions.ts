// Status subscriptions for the pages under /status/subscribe/: the subscribe request (Origin
// check, size limit, rate limits, double opt-in, the same answer whether or not the address is
// known), confirmation, manage and one-click unsubscribe (RFC 8058). The logic is in
// src/lib/subscriptions.ts, the SQL in db/queries/subscriptions.ts.
import { isDatabaseUnavailable, getDb } from '../../db/client';
import {
  confirmSubscription,
  removeSubscriber,
  requestSubscription,
  setSubscriberComponents,
  subscriberByToken,
} from '../../db/queries/subscriptions';
import type { StatusSubscriber } from '../../db/schema';
import { server, site, siteUrl } from '../config';
import {
  chosenComponents,
  confirmationMail,
  manageInputSchema,
  manageMail,
  newToken,
  subscribeInputSchema,
  subscribePaths,
} from '../lib/subscriptions';
import { checkOrigin, clientAddress, parseBody } from './http';
import { createLimiter } from './rate-limit';
import { wakeDelivery } from './delivery-wake';

/** A subscribe form is an address and a few dozen checkboxes. */
export const subscribeBodyLimit = 8 * 1024;

const perClient = createLimiter({ points: server.subscribesPer10Minutes, durationSeconds: 600 });
/** At most this many mails to one address per hour, whoever asks: the form cannot be used to flood a mailbox. */
const perAddress = createLimiter({ points: 3, durationSeconds: 3600 });
const perManage = createLimiter({ points: 30, durationSeconds: 600 });

export type FormResult =
  | { ok: true }
  | { ok: false; status: number; fields: Record<string, string[]>; values: Record<string, string>; headers?: Record<string, string> };

const unavailable = (values: Record<string, string>): FormResult => ({
  ok: false, status: 503, values, headers: { 'Retry-After': '30' },
  fields: { _: ['Subscriptions cannot be stored right now. Please try again in a few minutes.'] },
});

const url = (path: string, token: string) => `${siteUrl}${path}?token=${encodeURIComponent(token)}`;

/**
 * A subscribe request from the form or as JSON. Whatever the address (new, waiting for its
 * confirmation, or subscribed already), a valid request gets the same answer; only the mail
 * differs, and only its owner reads it.
 */
export async function subscribe(request: Request, socketAddress: string | undefined, now: Date, knownComponents: readonly string[]): Promise<FormResult> {
  const crossSite = checkOrigin(request);
  if (crossSite) return { ok: false, status: 403, fields: { _: ['This form must be sent from this site.'] }, values: {} };
  const limited = await perClient('subscribe', clientAddress(request, socketAddress));
  if (limited) {
    return { ok: false, status: 429, values: {}, headers: { 'Retry-After': limited.headers.get('Retry-After') ?? '600' }, fields: { _: ['Too many requests from your connection. Please wait a few minutes and try again.'] } };
  }
  const body = await parseBody(request, subscribeInputSchema, { maxBytes: subscribeBodyLimit });
  if (!body.ok) return { ok: false, status: body.status, fields: body.fields ?? {}, values: body.values, headers: body.headers };
  const chosen = chosenComponents(body.value, knownComponents);
  if (!chosen.ok) return { ok: false, status: 400, fields: chosen.fields, values: body.values };
  try {
    // Over the per-address limit the answer is the same; the mail is just not sent again.
    if (await perAddress('subscribe-address', body.value.email)) return { ok: true };
    await requestSubscription(getDb(), body.value.email, chosen.components, now, (sent, token) =>
      sent === 'confirmation'
        ? confirmationMail(site.company, url(subscribePaths.confirm, token), chosen.components)
        : manageMail(site.company, url(subscribePaths.manage, token)), newToken());
    wakeDelivery();
    return { ok: true };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable(body.values);
    throw error;
  }
}

export async function confirm(request: Request, token: string, now: Date): Promise<StatusSubscriber | null | 'cross_site'> {
  if (checkOrigin(request)) return 'cross_site';
  return confirmSubscription(getDb(), token, now);
}

export function subscriberForLink(token: string | null, now: Date, purpose: 'confirm' | 'manage' = 'manage'): Promise<StatusSubscriber | null> {
  if (!token || token.length > 200) return Promise.resolve(null);
  return subscriberByToken(getDb(), token, purpose, now);
}

/** The manage form: change the components or unsubscribe. */
export async function manage(
  request: Request, socketAddress: string | undefined, now: Date, knownComponents: readonly string[],
): Promise<(FormResult & { ok: false }) | { ok: true; done: 'updated' | 'unsubscribed'; subscriber: StatusSubscriber }> {
  const crossSite = checkOrigin(request);
  if (crossSite) return { ok: false, status: 403, fields: { _: ['This form must be sent from this site.'] }, values: {} };
  const limited = await perManage('subscribe-manage', clientAddress(request, socketAddress));
  if (limited) return { ok: false, status: 429, values: {}, headers: { 'Retry-After': limited.headers.get('Retry-After') ?? '600' }, fields: { _: ['Too many requests. Please wait a few minutes.'] } };
  const body = await parseBody(request, manageInputSchema, { maxBytes: subscribeBodyLimit });
  if (!body.ok) return { ok: false, status: body.status, fields: body.fields ?? {}, values: body.values, headers: body.headers };
  const subscriber = await subscriberForLink(body.value.token, now);
  if (!subscriber) return { ok: false, status: 404, fields: { _: ['This link is no longer valid. Subscribe again, or use the link in a more recent mail.'] }, values: body.values };
  if (body.value.action === 'unsubscribe') {
    await removeSubscriber(getDb(), subscriber.id);
    return { ok: true, done: 'unsubscribed', subscriber };
  }
  const chosen = chosenComponents(body.value, knownComponents);
  if (!chosen.ok) return { ok: false, status: 400, fields: chosen.fields, values: body.values };
  await setSubscriberComponents(getDb(), subscriber.id, chosen.components);
  return { ok: true, done: 'updated', subscriber: { ...subscriber, components: chosen.components } };
}

/**
 * One-click unsubscribe (RFC 8058): a POST to the link in List-Unsubscribe, with no session and
 * no Origin check (mail apps send it from their servers). The token alone says who. True when a
 * subscriber was removed; an unknown token also ends "unsubscribed" (it may have been used).
 */
export async function unsubscribeByToken(token: string | null, now: Date): Promise<boolean> {
  const subscriber = await subscriberForLink(token, now);
  if (!subscriber) return false;
  await removeSubscriber(getDb(), subscriber.id);
  return true;
}
