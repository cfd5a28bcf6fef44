// Request glue shared by every API route: body reading with size and type limits, validation
// into field errors, the Origin check, the client's address for rate limits
// (src/server/rate-limit.ts), and the error table.
import type { z } from 'zod';
import { server } from '../config';

export type Failure = { ok: false; response: Response };
export type BodyResult<T> = { ok: true; value: T; kind: 'json' | 'form' } | Failure;

const messages: Record<number, string> = {
  400: 'The request has invalid fields.',
  401: 'Sign in first.',
  403: 'This request is not allowed.',
  404: 'Not found.',
  405: 'This method is not allowed here.',
  409: 'This conflicts with the current state.',
  413: 'The request body is too large.',
  415: 'Send JSON (application/json) or a form (application/x-www-form-urlencoded).',
  422: 'The request cannot be processed as asked.',
  429: 'Too many requests; try again later.',
  500: 'Something went wrong on our side.',
  503: 'This service is not available right now.',
};

/** A JSON error: `{ error, message, fields? }`, where fields maps each field to its messages. */
export function errorResponse(status: number, error: string, fields?: Record<string, string[]>, headers: HeadersInit = {}): Response {
  return Response.json({ error, message: messages[status] ?? 'Error.', ...(fields ? { fields } : {}) }, { status, headers });
}

export function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string[]> {
  // A Map, not an object literal: a client may name a field "__proto__".
  const fields = new Map<string, string[]>();
  for (const issue of issues) {
    const key = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : issue.path.join('.') || '_';
    const message = issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
    fields.set(key, [...(fields.get(key) ?? []), message]);
  }
  return Object.fromEntries(fields);
}

async function readLimited(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON or form body within `maxBytes` and validates it; never throws on bad input. */
export async function readBody<S extends z.ZodType>(request: Request, schema: S, options: { maxBytes: number }): Promise<BodyResult<z.output<S>>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const kind = type === 'application/json' ? 'json' : type === 'application/x-www-form-urlencoded' ? 'form' : null;
  if (!kind) return { ok: false, response: errorResponse(415, 'unsupported_media_type') };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > options.maxBytes) return { ok: false, response: errorResponse(413, 'body_too_large') };
  const text = await readLimited(request, options.maxBytes);
  if (text === null) return { ok: false, response: errorResponse(413, 'body_too_large') };

  let raw: unknown;
  if (kind === 'json') {
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, response: errorResponse(400, 'invalid_json', { _: ['The body is not valid JSON.'] }) };
    }
  } else {
    raw = Object.fromEntries(new URLSearchParams(text));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: errorResponse(400, 'invalid_input', fieldErrors(parsed.error.issues)) };
  return { ok: true, value: parsed.data, kind };
}

/**
 * Refuses cross-site POSTs. Browsers send Origin (and Sec-Fetch-Site) on every POST; a request
 * with neither comes from a non-browser client, which carries no victim's cookies.
 */
export function checkOrigin(request: Request): Failure | null {
  const origin = request.headers.get('origin');
  const own = new URL(request.url).origin;
  if (origin) {
    if (origin === own || server.extraOrigins.includes(origin)) return null;
    return { ok: false, response: errorResponse(403, 'cross_site_request') };
  }
  if (request.headers.get('sec-fetch-site') === 'cross-site') return { ok: false, response: errorResponse(403, 'cross_site_request') };
  return null;
}

/** The client's address: the socket peer, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientAddress(request: Request, socketAddress: string | undefined): string {
  if (server.trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return socketAddress ?? 'unknown';
}

export function tooManyRequests(retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return errorResponse(429, 'rate_limited', undefined, { 'Retry-After': String(seconds) });
}

export { escapeHtml } from '../lib/html';
