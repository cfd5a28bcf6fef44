// The rules of the status outputs' cache: which requests it answers, when a stored rendering is
// still the current state, which stored encoding a client gets, and the ETag and If-None-Match
// semantics (RFC 9110). Pure: the server glue (src/server/status-cache.ts) renders, compresses
// and keeps the bytes; the version, the clock and the headers come in as arguments.
import type { StatusSnapshot } from './status';

/** Encodings kept for every stored output, best first; identity is always there. */
export const storedEncodings = ['br', 'gzip', 'identity'] as const;
export type StoredEncoding = (typeof storedEncodings)[number];

/**
 * The status outputs: the page, permalinks, history, Statuspage JSON (under /status/api/v2/ and,
 * for clients that expect it at the root, /api/v2/), live.json, feeds, calendar and badge.
 */
export function isStatusOutput(pathname: string): boolean {
  return pathname.startsWith('/status/') || pathname.startsWith('/api/v2/');
}

/** Only a GET or HEAD of a status output is answered from (or stored in) the cache. */
export function isCacheable(method: string, pathname: string): boolean {
  return (method === 'GET' || method === 'HEAD') && isStatusOutput(pathname);
}

/**
 * What makes one stored output valid: the status content's version (it changes when anything is
 * posted, on any app server) and the next instant the clock alone changes what is shown (a
 * maintenance window opening or closing, a future update appearing, midnight for the daily bars:
 * StatusSnapshot.nextChangeAt). Both are read before rendering, so a change during the render
 * only makes the entry expire early, never live too long.
 */
export interface StatusState {
  version: string;
  /** Epoch milliseconds: the entry is stale from this instant on. */
  validUntil: number;
}

/**
 * While an incident is open, uptime and today's outage minutes grow with the clock between two
 * changes of state; the outputs holding them are rendered again this often meanwhile.
 */
export const openIncidentRefreshMs = 60_000;

/** Until when a rendering of `snapshot`, made at `nowMs`, shows the current state. */
export function storedUntil(snapshot: Pick<StatusSnapshot, 'nextChangeAt' | 'incidents'>, nowMs: number): number {
  const nextChange = Date.parse(snapshot.nextChangeAt);
  return snapshot.incidents.some((i) => i.active) ? Math.min(nextChange, nowMs + openIncidentRefreshMs) : nextChange;
}

export function isCurrent(stored: StatusState, version: string, nowMs: number): boolean {
  return stored.version === version && nowMs < stored.validUntil;
}

interface Coding { name: string; q: number }

function parseAcceptEncoding(header: string): Coding[] {
  return header.split(',').flatMap((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) return [];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    return [{ name, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 }];
  });
}

/**
 * The stored encoding to send for an Accept-Encoding header: the client's higher q of br and gzip
 * (br on a tie, being smaller), else identity. Without the header any coding is
 * acceptable (RFC 9110 §12.5.3), but identity is the one every client can read. identity is
 * refused only by "identity;q=0" (or "*;q=0" without naming it); then null, a 406.
 */
export function chooseEncoding(acceptEncoding: string | null | undefined): StoredEncoding | null {
  if (acceptEncoding === null || acceptEncoding === undefined || acceptEncoding.trim() === '') return 'identity';
  const codings = parseAcceptEncoding(acceptEncoding);
  const listed = (name: string) => codings.find((c) => c.name === name)?.q;
  const star = listed('*');
  const qOf: Record<StoredEncoding, number> = {
    br: listed('br') ?? star ?? 0,
    gzip: listed('gzip') ?? listed('x-gzip') ?? star ?? 0,
    identity: listed('identity') ?? star ?? 1,
  };
  // A client that accepts a compressed coding gets one (its own preference between the two),
  // as it listed it to save bytes; identity, acceptable by default, is the fallback.
  if (qOf.br > 0 || qOf.gzip > 0) return qOf.br >= qOf.gzip ? 'br' : 'gzip';
  return qOf.identity > 0 ? 'identity' : null;
}

/** A strong entity tag for an identity body, from a hash of its bytes: `"<hash>"`. */
export function entityTag(hash: string): string {
  return `"${hash}"`;
}

/**
 * The tag of one stored encoding. Each encoding is a different representation with different
 * bytes, so each has its own strong tag (`"<hash>"`, `"<hash>-br"`, `"<hash>-gzip"`), as a strong
 * tag must change with the bytes; a cache holding the brotli bytes revalidates with the brotli tag.
 */
export function variantTag(tag: string, encoding: StoredEncoding): string {
  return encoding === 'identity' ? tag : `${tag.slice(0, -1)}-${encoding}"`;
}

/** The opaque tags listed in an If-None-Match header, without their W/ prefix; "*" kept as is. */
export function listedTags(ifNoneMatch: string): string[] {
  return [...ifNoneMatch.matchAll(/(?:W\/)?("[^"]*"|\*)/g)].map((m) => m[1]);
}

/**
 * Whether If-None-Match makes a GET or HEAD a 304 for the representation about to be sent
 * (RFC 9110 §13.1.2): "*" matches any current representation; otherwise the weak comparison,
 * so W/"x" matches "x" (a proxy may have weakened our tag).
 */
export function notModified(ifNoneMatch: string | null | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  return listedTags(ifNoneMatch).some((listed) => listed === '*' || listed === tag);
}
