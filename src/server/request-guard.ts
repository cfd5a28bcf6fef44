// The first look at every request, before a static file or Astro sees it (scripts/server/serve.ts):
// methods the site does not serve, malformed Host headers and CORS preflights are answered here,
// so that no request anyone can send reaches Astro in a shape it throws on (a 500).

/** Methods that reach the site. TRACE, TRACK, CONNECT and the WebDAV verbs never do. */
const servedMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** What `Allow` names for a resource that gives no narrower answer itself. */
const defaultAllow = 'GET, HEAD, POST, OPTIONS';

/**
 * Read-only answers any site may fetch from a browser (the status widget, badges, feeds): their
 * preflight is granted to every origin. Everything else is same-origin only, as browsers do
 * without a CORS answer, so its preflight names the methods and grants no origin.
 */
const publicReadPaths = [/^\/status\/api\//, /^\/api\/v2\//, /^\/status\/(badge\.svg|live\.json|history\.(atom|rss)|maintenance\.ics)$/];

/**
 * A Host header that a URL can be built from: a DNS name or IPv4 address, or a bracketed IPv6
 * address, with an optional port. `a@b` (credentials), spaces, slashes and the like are refused:
 * the WHATWG URL parser would otherwise turn them into a URL that Request refuses.
 */
const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

export interface GuardAnswer { status: number; headers: Record<string, string>; body: string }

function answer(status: number, error: string, message: string, headers: Record<string, string> = {}): GuardAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
    body: JSON.stringify({ error, message }),
  };
}

/** The answer for a request that must not go further, or null to serve it. */
export function guardRequest(request: { method?: string; url?: string; host?: string | string[] }): GuardAnswer | null {
  const method = request.method ?? '';
  if (!(servedMethods as readonly string[]).includes(method)) {
    return answer(405, 'method_not_allowed', `The ${method.slice(0, 20)} method is not served here.`, { Allow: defaultAllow });
  }
  const host = request.host;
  if (typeof host !== 'string' || host.length > 300 || !hostPattern.test(host)) {
    return answer(400, 'bad_host', 'The Host header is not a valid host name.');
  }
  const url = request.url ?? '';
  // Node passes the request target through as sent: only origin-form ("/path?query") is served.
  if (!url.startsWith('/') || url.startsWith('//')) return answer(400, 'bad_request_target', 'The request target must be a path.');
  if (method === 'OPTIONS') {
    const pathname = url.split('?')[0];
    const headers: Record<string, string> = { Allow: defaultAllow, 'Cache-Control': 'no-store' };
    if (publicReadPaths.some((p) => p.test(pathname))) {
      Object.assign(headers, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, HEAD',
        'Access-Control-Max-Age': '86400',
        Allow: 'GET, HEAD, OPTIONS',
      });
    }
    return { status: 204, headers, body: '' };
  }
  return null;
}
