// The status host (STATUS_HOST) in request glue: scripts/server/serve.ts routes its requests to the
// status pages, and the pages print links that work on whichever host served them.
import { siteUrl, statusHost } from '../config.ts';
import { isStatusHost, statusHostTarget, statusPageHref } from '../lib/status-host.ts';

/** The request target to serve: on the status host its natural paths map to /status/…; elsewhere the target as sent. */
export function routedTarget(hostHeader: string | undefined, target: string): string {
  return isStatusHost(hostHeader, statusHost) ? statusHostTarget(target) : target;
}

/**
 * How a page rendered for `url` (Astro.url) links: on the status host, `/status/…` paths at the
 * root and the help center's pages at SITE_URL; elsewhere every path as written.
 */
export function statusLinks(url: URL): (path: string) => string {
  const onStatusHost = isStatusHost(url.host, statusHost);
  return (path) => statusPageHref(path, onStatusHost, siteUrl);
}
