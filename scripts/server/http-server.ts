// One server process (scripts/server/serve.ts starts one, or several): prerendered files from
// the build's client/, precompressed and cached; on-demand routes through Astro's handler.
// It follows dist/current to each new build (DIST_DIR serves another tree, as the tests and
// benchmarks do).
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import compression from 'compression';
import sirv from 'sirv';
import { guardRequest } from '../../src/server/request-guard.ts';
import { securityHeaders } from '../../src/server/security-headers.ts';
import { routedTarget } from '../../src/server/status-host.ts';
import { delivery } from '../../src/config.ts';
import { startDeliveryFromEnv } from '../../src/server/delivery-start.ts';
import { followCurrentBuild } from './live-build.ts';

/** What src/server/status-cache.ts offers under each build's client folder once that build's server code loads (offerToServer). */
type StoredStatusAnswer = typeof import('../../src/server/status-cache.ts').storedAnswer;
/** What src/server/search-endpoint.ts offers the same way. */
type SearchEndpoint = typeof import('../../src/server/search-endpoint.ts').searchEndpoint;

function cacheControl(pathname: string): string {
  // Hashed build assets never change under the same name.
  if (pathname.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  // Pagefind's fragment and index files are content-hashed too; its entry script is not.
  if (pathname.startsWith('/pagefind/') && /\.pf_|\/(fragment|index)\//.test(pathname)) return 'public, max-age=31536000, immutable';
  if (pathname.startsWith('/pagefind/')) return 'public, max-age=300';
  // Pages: always revalidate (cheap with ETag) so a rebuild shows at once.
  return 'public, max-age=0, must-revalidate';
}

// On-demand pages (support, console) are compressed as they are sent; prerendered files already
// have .br/.gz copies. An answer that names its exact bytes with an ETag (the status outputs,
// stored with their own brotli and gzip copies by src/server/status-cache.ts) is sent as it is:
// compressing it again would waste the work and break the tag.
const compress = compression({ threshold: 1024, filter: (req, res) => !res.hasHeader('ETag') && compression.filter(req, res) });

/** One build's handlers; the server answers from the current build (scripts/server/builds.ts). */
async function openBuild(dist: string) {
  const client = path.join(dist, 'client');
  const { handler: astro } = (await import(path.join(dist, 'server/entry.mjs'))) as { handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void };
  const notFoundPage = await fs.promises.readFile(path.join(client, '404.html'));

  // sirv indexes the client folder once, so a request for an API route costs no stat() calls.
  const assets = sirv(client, {
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders: (res, pathname) => res.setHeader('Cache-Control', cacheControl(pathname)),
  });

  function notFound(res: ServerResponse) {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(notFoundPage);
  }

  // The status outputs' stored answers (src/server/status-cache.ts), registered by this build's
  // server code once it has loaded; null sends the request on to Astro, which renders and stores.
  const realClient = fs.realpathSync(client);
  /** What this build's server code offered under `key` (src/server/build-state.ts, offerToServer), once loaded. */
  const offered = <T>(key: string) => (globalThis as Record<symbol, Map<string, T> | undefined>)[Symbol.for(key)]?.get(realClient);
  const storedStatus = (req: IncomingMessage) => offered<StoredStatusAnswer>('cairn.storedStatusAnswers')?.(
    // Asked only after guardRequest, which refuses a request without a method, target or valid Host.
    req.method ?? 'GET', req.url ?? '/', req.headers.host ?? '', req.headers['accept-encoding'], req.headers['if-none-match'],
  ) ?? null;

  const ssr = (req: IncomingMessage, res: ServerResponse) => compress(req, res, () => astro(req, res, () => notFound(res)));

  // GET /api/search answered by this build's endpoint (src/server/search-endpoint.ts) without
  // Astro's pipeline, once the build's first search has loaded it. Anything it throws (a
  // database down) goes to Astro, whose middleware answers it as for any route.
  const search = (req: IncomingMessage, res: ServerResponse) => {
    const endpoint = offered<SearchEndpoint>('cairn.searchEndpoints');
    if (!endpoint || req.method !== 'GET') return ssr(req, res);
    const url = req.url ?? '';
    endpoint({
      query: url.slice(url.indexOf('?') + 1),
      socketAddress: req.socket.remoteAddress,
      forwardedFor: req.headers['x-forwarded-for']?.toString(),
      acceptEncoding: req.headers['accept-encoding'],
    }).then(
      ({ status, headers, body }) => res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) }).end(body),
      () => ssr(req, res),
    );
  };
  // Most API answers are a few hundred bytes of JSON: below the threshold, so skip the
  // middleware. Search answers carry excerpts for several articles and are compressed.
  const api = (req: IncomingMessage, res: ServerResponse) => astro(req, res, () => notFound(res));
  return { assets, ssr, api, search, storedStatus, security: securityHeaders(dist), client: realClient };
}

// The build served, named for the code bundled into each build (src/server/build-state.ts): an
// old build stops polling the status store and drops its caches once it is no longer served.
const live = await followCurrentBuild(openBuild, undefined, (build) => {
  (globalThis as Record<symbol, string>)[Symbol.for('cairn.servingClient')] = build.client;
});

export const server = http.createServer((req, res) => {
  const { assets, ssr, api, search, storedStatus, security } = live.current; // a switch mid-request leaves this request where it started
  // On STATUS_HOST the status page answers at / and its other pages at their natural paths.
  if (req.url) req.url = routedTarget(req.headers.host, req.url);
  res.setHeaders(security(req.url ?? '/')); // first, so every answer has them (Astro replaces a page's CSP)
  const refused = guardRequest({ method: req.method, url: req.url, host: req.headers.host });
  if (refused) return res.writeHead(refused.status, refused.headers).end(refused.body);
  if (req.url?.startsWith('/status/') || req.url?.startsWith('/api/v2/')) {
    const stored = storedStatus(req);
    if (stored) return res.writeHead(stored.status, stored.headers).end(stored.body ?? undefined);
  }
  if (req.url?.startsWith('/api/search?')) return search(req, res);
  // The Statuspage JSON (8 KB for summary.json, more for incidents) is compressed as under /status/.
  if (req.url?.startsWith('/api/v2/')) return ssr(req, res);
  if (req.url?.startsWith('/api/')) return api(req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') return ssr(req, res);
  assets(req, res, () => ssr(req, res));
});

const host = process.env.HOST ?? 'localhost';
const port = Number(process.env.PORT ?? 4321);
server.listen(port, host, () => console.log(`Cairn is serving on http://${host}:${port}/`));

// The delivery worker (outbox mail, webhooks, SLA alerts) runs beside the server unless
// DELIVERY_WORKER=0 says `npm run worker` runs it apart. A database that does not answer yet
// only delays it: its passes retry.
const worker = delivery.inServer ? await startDeliveryFromEnv() : null;

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    let pending = 2;
    const done = () => { if (--pending === 0) process.exit(0); };
    server.close(done);
    (worker ? worker.stop() : Promise.resolve()).then(done, done);
  });
}
