// Request glue shared by every API route: body reading with size and type limits, validation
// into field errors, the Origin check, the client's address for rate limits
// (src/server/rate-limit.ts), and the error table.
import type { z } from 'zod';
import { server } from '../config.ts';

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

/** The body of a JSON error: `{ error, message, fields? }`, where fields maps each field to its messages. */
export function errorBody(status: number, error: string, fields?: Record<string, string[]>): { error: string; message: string; fields?: Record<string, string[]> } {
  return { error, message: messages[status] ?? 'Error.', ...(fields ? { fields } : {}) };
}

/** A JSON error answer (see errorBody). */
export function errorResponse(status: number, error: string, fields?: Record<string, string[]>, headers: HeadersInit = {}): Response {
  return Response.json(errorBody(status, error, fields), { status, headers });
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

/**
 * A body over its limit is still read, and thrown away, up to this many bytes: a browser shows the
 * answer (413 with the form) only once it has sent its request, and the connection stays usable.
 * Past it, reading stops and the connection is closed after the answer.
 */
const drainBytes = 8 * 1024 * 1024;

/** Reads at most `maxBytes` of the body; `overflow` says the client sent more, `close` that the rest was left unread. */
async function readLimited(request: Request, maxBytes: number, drainLimit: number): Promise<{ text: string; overflow: boolean; close: boolean }> {
  if (!request.body) return { text: '', overflow: false, close: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size < maxBytes) chunks.push(value.subarray(0, maxBytes - size));
    size += value.byteLength;
    if (size > Math.max(maxBytes, drainLimit)) {
      await reader.cancel();
      return { text: Buffer.concat(chunks).toString('utf8'), overflow: true, close: true };
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), overflow: size > maxBytes, close: false };
}

/** Form fields as strings (the first of a repeated name wins), from a whole or a cut-off body. */
function formFields(text: string): Record<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) if (!fields.has(name)) fields.set(name, value);
  return Object.fromEntries(fields);
}

/**
 * A body that could not be used: the status and field errors to answer with, and for a form
 * whatever fields could be read (`values`), so a page can show the form again with them kept.
 */
export type BodyProblem = {
  ok: false; status: 400 | 413 | 415; error: string; fields?: Record<string, string[]>; values: Record<string, string>;
  /** Headers the answer must carry: `Connection: close` when the rest of the body was left unread. */
  headers?: Record<string, string>;
};
export type ParsedBody<T> = { ok: true; value: T; kind: 'json' | 'form'; values: Record<string, string> } | BodyProblem;

/**
 * Reads a JSON or form body within `maxBytes` and validates it; never throws on bad input. A form
 * larger than the limit is still read up to it, so the fields that arrived can be shown again.
 */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S, options: { maxBytes: number }): Promise<ParsedBody<z.output<S>>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const kind = type === 'application/json' ? 'json' : type === 'application/x-www-form-urlencoded' ? 'form' : null;
  if (!kind) return { ok: false, status: 415, error: 'unsupported_media_type', values: {} };
  const tooLarge = (values: Record<string, string>, close: boolean): BodyProblem => ({
    ok: false, status: 413, error: 'body_too_large', values, ...(close ? { headers: { Connection: 'close' } } : {}),
    fields: { _: [`The request is larger than ${Math.floor(options.maxBytes / 1024)} KB; shorten it and send again.`] },
  });
  // A body declared larger than is worth draining is read only as far as the form can be shown again.
  const declared = Number(request.headers.get('content-length') ?? '0');
  const { text, overflow, close } = await readLimited(request, options.maxBytes, declared > drainBytes ? 0 : drainBytes);
  if (overflow) return tooLarge(kind === 'form' ? formFields(text) : {}, close);

  let raw: unknown;
  let values: Record<string, string> = {};
  if (kind === 'json') {
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, status: 400, error: 'invalid_json', fields: { _: ['The body is not valid JSON.'] }, values };
    }
  } else {
    raw = values = formFields(text);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, error: 'invalid_input', fields: fieldErrors(parsed.error.issues), values };
  return { ok: true, value: parsed.data, kind, values };
}

/** parseBody for API routes: a problem comes back as the JSON error response to send. */
export async function readBody<S extends z.ZodType>(request: Request, schema: S, options: { maxBytes: number }): Promise<BodyResult<z.output<S>>> {
  const body = await parseBody(request, schema, options);
  if (!body.ok) return { ok: false, response: errorResponse(body.status, body.error, body.status === 413 ? undefined : body.fields, body.headers) };
  return { ok: true, value: body.value, kind: body.kind };
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
  return addressOf(request.headers.get('x-forwarded-for'), socketAddress);
}

/** clientAddress from the X-Forwarded-For header's value and the socket peer. */
export function addressOf(forwardedFor: string | null | undefined, socketAddress: string | undefined): string {
  if (server.trustProxy) {
    const forwarded = forwardedFor?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return socketAddress ?? 'unknown';
}

export function tooManyRequests(retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return errorResponse(429, 'rate_limited', undefined, { 'Retry-After': String(seconds) });
}

export { escapeHtml } from '../lib/html.ts';
