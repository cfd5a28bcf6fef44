// A plain static host for builds that are not Cairn's (the Starlight comparison): text responses
// compressed with brotli on the fly, as common hosts do; files that are not text (Pagefind's own
// gzip files) sent as they are.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import sirv from 'sirv';

/** Serves `dir` on a free loopback port; resolves to its base URL and a close function. */
export async function serveStatic(dir: string) {
  const compress = compression({ brotli: { params: {} } });
  const files = sirv(dir, { dev: false, etag: true });
  const server = http.createServer((req, res) => compress(req, res, () => files(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
