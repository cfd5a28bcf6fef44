// The production server (`npm start` runs it after building and migrating): prerendered files
// from the build's client/, precompressed and cached; on-demand routes through Astro's handler.
// It follows dist/current to each new build (DIST_DIR serves another tree, as the tests and
// benchmarks do).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import compression from 'compression';
import sirv from 'sirv';
import { guardRequest } from '../src/server/request-guard.ts';
import { securityHeaders } from '../src/server/security-headers.ts';
import { delivery } from '../src/config.ts';
import { startDeliveryFromEnv } from '../src/server/delivery-start.ts';
import { followCurrentBuild } from './lib/live-build.mjs';

function cacheControl(pathname) {
  // Hashed build assets never change under the same name.
  if (pathname.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  // Pagefind's fragment and index files are content-hashed too; its entry script is not.
  if (pathname.startsWith('/pagefind/') && /\.pf_|\/(fragment|index)\//.test(pathname)) return 'public, max-age=31536000, immutable';
  if (pathname.startsWith('/pagefind/')) return 'public, max-age=300';
  // Pages: always revalidate (cheap with ETag) so a rebuild shows at once.
  return 'public, max-age=0, must-revalidate';
}

// On-demand pages (status, support, console) are compressed as they are sent; prerendered files
// already have .br/.gz copies.
const compress = compression({ threshold: 1024 });

/** One build's handlers; the server answers from the current build (scripts/lib/builds.mjs). */
async function openBuild(dist) {
  const client = path.join(dist, 'client');
  const { handler: astro } = await import(path.join(dist, 'server/entry.mjs'));
  const notFoundPage = await fs.promises.readFile(path.join(client, '404.html'));

  // sirv indexes the client folder once, so a request for an API route costs no stat() calls.
  const assets = sirv(client, {
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders: (res, pathname) => res.setHeader('Cache-Control', cacheControl(pathname)),
  });

  function notFound(res) {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(notFoundPage);
  }

  const ssr = (req, res) => compress(req, res, () => astro(req, res, () => notFound(res)));
  // Most API answers are a few hundred bytes of JSON: below the threshold, so skip the
  // middleware. Search answers carry excerpts for several articles and are compressed.
  const api = (req, res) => astro(req, res, () => notFound(res));
  return { assets, ssr, api, security: securityHeaders(dist) };
}

const live = await followCurrentBuild(openBuild);

export const server = http.createServer((req, res) => {
  const { assets, ssr, api, security } = live.current; // a switch mid-request leaves this request where it started
  res.setHeaders(security(req.url ?? '/')); // first, so every answer has them (Astro replaces a page's CSP)
  const refused = guardRequest({ method: req.method, url: req.url, host: req.headers.host });
  if (refused) return res.writeHead(refused.status, refused.headers).end(refused.body);
  if (req.url?.startsWith('/api/search?')) return ssr(req, res);
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
