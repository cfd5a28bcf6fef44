// Sending webhooks: the target check (every address the host resolves to must be public unless
// WEBHOOK_ALLOW_PRIVATE=1, checked again when connecting so a DNS answer cannot change between
// check and use), and the signed POST with its timeout. Redirects are not followed.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { eventHeader, idempotencyHeader, isPrivateAddress, signatureHeader, signPayload } from '../lib/webhooks.ts';

class PrivateTargetError extends Error {
  code = 'EPRIVATETARGET';
}

function refusal(host: string, address: string): PrivateTargetError {
  return new PrivateTargetError(`${host} resolves to ${address}, a private, loopback or link-local address; webhooks only go to public addresses (WEBHOOK_ALLOW_PRIVATE=1 lifts this)`);
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/** A lookup for http.request that refuses private addresses, so the checked address is the one connected to. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate) return callback(refusal(hostname, bad.address), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** Null when the URL may be registered, else why not (the console shows it beside the field). */
export async function checkTarget(url: string, allowPrivate: boolean): Promise<string | null> {
  const host = bare(new URL(url).hostname);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return `cannot be reached: ${host} does not resolve`;
  }
  const bad = addresses.find(isPrivateAddress);
  return bad && !allowPrivate ? `must be a public address: ${host} resolves to ${bad}, a private, loopback or link-local address` : null;
}

export interface WebhookRequest { url: string; secret: string; event: string; body: string; idempotencyKey: string; timeoutMs: number; allowPrivate: boolean }

/** POSTs a signed body; resolves with the status, rejects on a refused target, a network error or the timeout. */
export function postWebhook(request: WebhookRequest): Promise<number> {
  const url = new URL(request.url);
  const host = bare(url.hostname);
  if (isIP(host) && isPrivateAddress(host) && !request.allowPrivate) return Promise.reject(refusal(host, host));
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'Cairn-Webhooks/1',
    [signatureHeader]: signPayload(request.secret, request.body, Math.floor(Date.now() / 1000)),
    [eventHeader]: request.event,
    [idempotencyHeader]: request.idempotencyKey,
  };
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? https.request : http.request;
    const req = send(url, { method: 'POST', headers, lookup: guardedLookup(request.allowPrivate), signal: AbortSignal.timeout(request.timeoutMs) }, (res) => {
      res.resume(); // the answer's body is not needed; reading it frees the socket
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', (error) => reject(error.name === 'AbortError' || error.name === 'TimeoutError' ? new Error(`no answer within ${request.timeoutMs / 1000} s`) : error));
    req.end(request.body);
  });
}
