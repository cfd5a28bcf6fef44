// The status page on a host of its own (STATUS_HOST): which requests are for that host, where
// its natural paths (/, /history/, /incidents/<id>/, /history.atom…) live inside the site
// (/status/…), and the way back for the links its pages print. Pure: hosts are arguments.

/** `Status.Example.COM.:8080` → `status.example.com:8080`: a trailing dot names the same host. */
function normalise(host: string): string {
  return host.trim().toLowerCase().replace(/\.(?=:\d+$|$)/, '');
}

const withPort = /:\d+$/;

/**
 * Whether a request's Host header names the status host. A STATUS_HOST without a port matches
 * that host on any port (behind a proxy the port is the proxy's business); with one, only it.
 */
export function isStatusHost(hostHeader: string | null | undefined, statusHost: string | null): boolean {
  if (!statusHost || !hostHeader) return false;
  const host = normalise(hostHeader);
  const wanted = normalise(statusHost);
  return withPort.test(wanted) ? host === wanted : host.replace(withPort, '') === wanted;
}

/**
 * The status pages' own paths at the root of the status host. `/api/v2/…` is not here: the site
 * serves the Statuspage API at the root of every host. Anything else (assets, articles, search)
 * passes through unchanged, so the shared page chrome keeps working on the status host.
 */
const rootPaths = [
  /^\/history\/?$/,
  /^\/incidents\/[^/]+\/?$/,
  /^\/maintenance\/[^/]+\/?$/,
  /^\/subscribe(?:\/(?:confirm|manage|unsubscribe))?\/?$/,
  /^\/(?:history\.atom|history\.rss|maintenance\.ics|badge\.svg|live\.json)$/,
];

/**
 * Where a request target on the status host is served inside the site: `/` → `/status/`,
 * `/incidents/x/?a=1` → `/status/incidents/x/?a=1`; every other target is returned as it came
 * (so `/status/…` links from before keep working there too).
 */
export function statusHostTarget(target: string): string {
  const cut = target.search(/[?#]/);
  const pathname = cut < 0 ? target : target.slice(0, cut);
  const rest = cut < 0 ? '' : target.slice(cut);
  if (pathname === '/') return `/status/${rest}`;
  if (rootPaths.some((p) => p.test(pathname))) return `/status${pathname}${rest}`;
  return target;
}

/**
 * A link printed on a status page, for the host the page is served on. On the status host,
 * `/status/…` paths lose their prefix (`/status/` → `/`, `/status/api/v2/summary.json` →
 * `/api/v2/summary.json`) and the help center's own pages point at `siteUrl`, where they live;
 * elsewhere a path is returned as it is.
 */
export function statusPageHref(path: string, onStatusHost: boolean, siteUrl: string): string {
  if (!onStatusHost || !path.startsWith('/')) return path;
  if (path === '/status' || path.startsWith('/status/')) return path.slice('/status'.length) || '/';
  return `${siteUrl.replace(/\/+$/, '')}${path}`;
}
