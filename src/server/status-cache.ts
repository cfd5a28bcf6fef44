// The status outputs under an outage's load (issue #18): each is rendered once per state of the
// status and its bytes kept, with brotli and gzip copies, until the state changes; every request
// in between is a lookup, or a 304 for a client that holds the same bytes. The rules (what is
// cached, until when, which encoding, ETag matching) are in src/lib/status-cache.ts.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import {
  chooseEncoding,
  entityTag,
  isCacheable,
  isCurrent,
  notModified,
  storedUntil,
  variantTag,
  type StatusState,
  type StoredEncoding,
} from '../lib/status-cache';
import { offerToServer, onBuildRetired } from './build-state';
import { now } from './clock';
import { currentStatus, statusFreshness, statusVersion } from './status';

/**
 * The version of the status a stored output shows: when it changes, the output is rendered again.
 * The content's version, and whether this server has lost the database (the page then says how
 * old its status is, until the database answers again).
 */
const renderedVersion = (): string => (statusFreshness().stale ? `${statusVersion()} stale` : statusVersion());

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface Stored extends StatusState {
  /** Astro's headers for the output (type, caching, CORS, CSP), without the per-encoding ones. */
  headers: Array<[string, string]>;
  /** The strong tag of the identity body. */
  tag: string;
  bodies: Record<StoredEncoding, Uint8Array<ArrayBuffer>>;
}

/** Headers that belong to one encoding's bytes or one response, set again on each answer. */
const perAnswer = new Set(['content-length', 'content-encoding', 'etag', 'vary', 'date', 'transfer-encoding']);

// Keyed by origin, path and query: a Host header or a query string the outputs ignore costs one
// entry each, and the bound keeps what strangers can make us hold small (a whole page is ~40 KB
// with its compressed copies).
const stored = new LRUCache<string, Stored>({ max: 300 });
onBuildRetired(() => stored.clear());
// One render per output and state, however many requests arrive while it runs.
const rendering = new Map<string, Promise<Rendered>>();
// Outputs being rendered again after a change. Meanwhile the rendering before is served: it is
// milliseconds out of date (the cache headers allow 30 s), and a post during an outage's load
// then costs one slower answer instead of a queue of them.
const refreshing = new Set<string>();

/** A kept rendering, or the route's own answer when it is not one to keep. */
type Rendered = { entry: Stored } | { entry: null; response: Response };

async function store(version: string, render: () => Promise<Response>): Promise<Rendered> {
  // Read before rendering: a change during the render only makes the entry expire early.
  const snapshot = currentStatus();
  const validUntil = storedUntil(snapshot, now().getTime());
  const response = await render();
  const cacheControl = response.headers.get('Cache-Control') ?? '';
  if (response.status !== 200 || response.headers.has('Set-Cookie') || /no-store|private/.test(cacheControl)) return { entry: null, response };
  const identity = new Uint8Array(await response.arrayBuffer());
  const [br, gz] = await Promise.all([
    brotli(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    gzip(identity, { level: 9 }),
  ]);
  const entry: Stored = {
    version,
    validUntil,
    headers: [...response.headers].filter(([name]) => !perAnswer.has(name)),
    tag: entityTag(createHash('sha256').update(identity).digest('base64url').slice(0, 27)),
    bodies: { identity, br: new Uint8Array(br), gzip: new Uint8Array(gz) },
  };
  return { entry };
}

/** An answer in the shape node:http writes (scripts/server/serve.ts) and Astro's Response is made from. */
export interface StoredAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | null;
}

function answer(entry: Stored, method: string, ifNoneMatch: string | null | undefined, encoding: StoredEncoding): StoredAnswer {
  const headers = Object.fromEntries(entry.headers);
  const tag = variantTag(entry.tag, encoding);
  headers.etag = tag;
  headers.vary = 'Accept-Encoding';
  if (notModified(ifNoneMatch, tag)) {
    delete headers['content-type'];
    delete headers['content-security-policy'];
    return { status: 304, headers, body: null };
  }
  const body = entry.bodies[encoding];
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  return { status: 200, headers, body: method === 'HEAD' ? null : body };
}

const asResponse = ({ status, headers, body }: StoredAnswer) => new Response(body, { status, headers });

const keyOf = (url: URL) => `${url.origin}${url.pathname}${url.search}`;

/**
 * The stored answer for a request, or null when there is none for the current state (the request
 * then goes through Astro, which renders and stores it). Synchronous and without a Request
 * object: scripts/server/serve.ts calls it before routing, as routing costs more than the lookup.
 */
export function storedAnswer(method: string, target: string, host: string, acceptEncoding?: string, ifNoneMatch?: string): StoredAnswer | null {
  let url: URL;
  try {
    url = new URL(target, `http://${host}`);
  } catch {
    return null; // Astro answers what it makes of it
  }
  if (!isCacheable(method, url.pathname)) return null;
  const key = keyOf(url);
  const entry = stored.get(key);
  if (!entry || (!isCurrent(entry, renderedVersion(), now().getTime()) && !refreshing.has(key))) return null;
  const encoding = chooseEncoding(acceptEncoding);
  return encoding === null ? null : answer(entry, method, ifNoneMatch, encoding);
}

// scripts/server/http-server.ts asks this build's stored answers first (see offerToServer).
offerToServer('cairn.storedStatusAnswers', storedAnswer);

/**
 * Answers a GET or HEAD of a status output (see isCacheable) from the stored rendering of the
 * current state, rendering it first when there is none; `render` is the route itself. Anything
 * but a 200 is passed on as it came and not kept.
 */
export async function serveStatusOutput(request: Request, url: URL, render: () => Promise<Response>): Promise<Response> {
  const encoding = chooseEncoding(request.headers.get('Accept-Encoding'));
  if (encoding === null) return new Response('Not Acceptable: this answer is available as br, gzip or identity.', { status: 406, headers: { 'Content-Type': 'text/plain; charset=utf-8', Vary: 'Accept-Encoding' } });
  const key = keyOf(url);
  const version = renderedVersion();
  let entry = stored.get(key);
  if (!entry || !isCurrent(entry, version, now().getTime())) {
    if (entry && refreshing.has(key)) return asResponse(answer(entry, request.method, request.headers.get('If-None-Match'), encoding));
    // A HEAD renders no body to keep: it passes through until a GET has stored one.
    if (request.method !== 'GET') return render();
    const pendingKey = `${version}\n${key}`;
    let pending = rendering.get(pendingKey);
    if (!pending) {
      if (entry) refreshing.add(key);
      pending = store(version, render).finally(() => {
        rendering.delete(pendingKey);
        refreshing.delete(key);
      });
      rendering.set(pendingKey, pending);
      const rendered = await pending;
      if (!rendered.entry) return rendered.response;
      stored.set(key, rendered.entry);
      entry = rendered.entry;
    } else {
      // Someone else's render: its bytes if they were kept, else this request renders its own.
      const { entry: fresh } = await pending;
      if (!fresh) return render();
      entry = fresh;
    }
  }
  return asResponse(answer(entry, request.method, request.headers.get('If-None-Match'), encoding));
}
