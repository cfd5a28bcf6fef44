// The live status content of this app server. The database is the status store every server
// shares (src/server/status-store.ts); each server keeps the content in memory, asks the database
// for the status version about twice a second (one cheap query), reloads only when it changed,
// and keeps the last good content in data/status-snapshot.json. At start, and whenever the
// database does not answer, it serves that snapshot, so the status page outlives the database.
// Routes call currentStatus() synchronously for the request's "now".
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getDb, isDatabaseUnavailable } from '../../db/client.ts';
import { statusAt, type StatusContent, type StatusSnapshot } from '../lib/status';
import type { StatuspageSettings } from '../lib/statuspage';
import { site, siteUrl } from '../config';
import { isServedBuild } from './build-state';
import { now } from './clock';
import { loadStatusContent, readStatusStamp } from './status-store';
import { slaPolicy } from './support';

/**
 * The status page's days and times are the help center's: the desk's zone in content/support/sla.yaml,
 * so a ticket's deadline and an incident's times are never shown in two different zones.
 */
export const statusTimeZone = slaPolicy.timeZone;

/** How often each server asks whether the status changed: well inside the 2 s a post may take to show everywhere. */
const pollMs = 500;
/** Without an answer from the database for this long, the content is stale and the page says so. */
const staleAfterMs = 5_000;
const snapshotFile = path.resolve(process.env.STATUS_SNAPSHOT_FILE || 'data/status-snapshot.json');

const empty: StatusContent = { components: [], incidents: [], maintenances: [] };

interface Held {
  content: StatusContent;
  /** The database's status version and write time the content was read at; null when it came from the snapshot file. */
  dbVersion: string | null;
  /** Hash of the content: what statusVersion() answers. */
  hash: string;
  /** When the database last confirmed this content (real time, not CAIRN_NOW: it is about this server). */
  refreshedAt: Date;
}

const hashOf = (content: StatusContent) => createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 16);

function readSnapshotFile(): Held | null {
  try {
    const saved = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as { content: StatusContent; refreshedAt: string };
    if (!saved?.content || !Array.isArray(saved.content.components)) return null;
    return { content: saved.content, dbVersion: null, hash: hashOf(saved.content), refreshedAt: new Date(saved.refreshedAt) };
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed over the old one, so a reader never sees half a snapshot. */
function writeSnapshotFile(held: Held) {
  try {
    fs.mkdirSync(path.dirname(snapshotFile), { recursive: true });
    const temporary = `${snapshotFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ refreshedAt: held.refreshedAt.toISOString(), content: held.content }));
    fs.renameSync(temporary, snapshotFile);
  } catch (error) {
    console.error(`status: could not write ${snapshotFile}:`, (error as Error).message);
  }
}

let held: Held = readSnapshotFile() ?? { content: empty, dbVersion: null, hash: hashOf(empty), refreshedAt: new Date(0) };
let lastAnswerAt = 0;
let polling: Promise<void> | null = null;

/** One poll: the version row, and the whole content only when the version moved. */
async function refresh(): Promise<void> {
  const db = getDb();
  try {
    // No version row yet (never written): "0", so an empty store is not read again every poll.
    const stamp = await readStatusStamp(db);
    const version = stamp ? `${stamp.version}@${stamp.updatedAt.getTime()}` : '0';
    if (version !== held.dbVersion) {
      const content = await loadStatusContent(db);
      const hash = hashOf(content);
      const changed = hash !== held.hash;
      held = { content, dbVersion: version, hash, refreshedAt: new Date() };
      if (changed || !fs.existsSync(snapshotFile)) writeSnapshotFile(held);
    } else {
      held = { ...held, refreshedAt: new Date() };
    }
    lastAnswerAt = Date.now();
  } catch (error) {
    // Read paths never throw: the page keeps the last good content and says how old it is.
    if (!isDatabaseUnavailable(error)) console.error('status: reading the status store failed:', error);
  }
}

function poll() {
  // A build the server no longer serves stops reading the store until it is served again.
  if (!isServedBuild()) return Promise.resolve();
  polling ??= refresh().finally(() => {
    polling = null;
  });
  return polling;
}

// The first read is awaited (up to 3 s) so a server that just started shows the current status,
// not its snapshot; then one poll every 500 ms, never two at once.
await Promise.race([poll(), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
setInterval(() => void poll(), pollMs).unref();

/** The status at the server's clock (CAIRN_NOW when pinned): what every status route shows. */
export function currentStatus(): StatusSnapshot {
  return statusAt(held.content, now(), { timeZone: statusTimeZone });
}

/** The content this server holds now (for the snapshot and tools). */
export function currentStatusContent(): StatusContent {
  return held.content;
}

/** Changes whenever the status content changes (a post on any server, an import); a cache key. */
export function statusVersion(): string {
  return held.hash;
}

/** When the database last confirmed the content, and whether that is too long ago (it does not answer). */
export function statusFreshness(): { refreshedAt: Date; stale: boolean } {
  return { refreshedAt: held.refreshedAt, stale: Date.now() - lastAnswerAt > staleAfterMs };
}

/** Reads the store again now instead of at the next poll: after this server posted, for instance. */
export function refreshStatus(): Promise<void> {
  return poll();
}

// Absolute URLs in the JSON and the feeds come from SITE_URL, never from the request: a forged
// Host would otherwise be written into answers that caches keep, and feed ids would change with
// the host a reader used (the status host, an IP address, a proxy's inner name).
export function statuspageSettings(): StatuspageSettings {
  return { id: 'cairn', name: site.company, url: new URL('/status/', siteUrl).href, timeZone: statusTimeZone };
}

export function statusFeedSettings() {
  return { siteUrl: new URL(siteUrl).origin, name: site.company, timeZone: statusTimeZone };
}

/** Short caching: state changes with the clock, so a page is never frozen for long. */
export const statusCacheHeaders = { 'Cache-Control': 'public, max-age=30, stale-while-revalidate=30' };
