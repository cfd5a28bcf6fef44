// Status content bundled into the server at build time (never the database), parsed once;
// each status route takes one snapshot of it for the request's "now" (currentStatus).
import { parseStatusFiles, statusAt, type StatusContent, type StatusSnapshot } from '../lib/status';
import type { StatuspageSettings } from '../lib/statuspage';
import { site, siteUrl } from '../config';
import { now } from './clock';
import { slaPolicy } from './support';

const raw = (files: Record<string, string>) =>
  Object.entries(files).map(([file, source]) => ({ file: file.replace(/^\//, ''), source }));

const components = import.meta.glob<string>('/content/status/components.yaml', { query: '?raw', import: 'default', eager: true });
const incidents = import.meta.glob<string>('/content/status/incidents/*.md', { query: '?raw', import: 'default', eager: true });
const maintenances = import.meta.glob<string>('/content/status/maintenance/*.md', { query: '?raw', import: 'default', eager: true });

const parsed = parseStatusFiles({
  componentsFile: 'content/status/components.yaml',
  componentsSource: Object.values(components)[0] ?? '[]',
  incidents: raw(incidents),
  maintenances: raw(maintenances),
});
// The build already refused invalid status files (src/integrations/content-check.ts).
export const statusContent: StatusContent = parsed.content;

/**
 * The status page's days and times are the help center's: the desk's zone in content/support/sla.yaml,
 * so a ticket's deadline and an incident's times are never shown in two different zones.
 */
export const statusTimeZone = slaPolicy.timeZone;

/** The status at the server's clock (CAIRN_NOW when pinned): what every status route shows. */
export function currentStatus(): StatusSnapshot {
  return statusAt(statusContent, now(), { timeZone: statusTimeZone });
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

/** Changes whenever the status content changes; bundled content changes only with a new build. */
export function statusVersion(): string { return 'bundled'; }

/** Short caching: state changes with the clock, so a page is never frozen for long. */
export const statusCacheHeaders = { 'Cache-Control': 'public, max-age=30, stale-while-revalidate=30' };
