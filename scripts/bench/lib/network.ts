// What the browser benchmarks share: bytes on the wire per request, waiting for the network to
// go quiet, and the few number formats their reports use.
import type { Page, Request } from 'playwright-core';

export interface Fetched { path: string; bytes: number }

/** Bytes on the wire: headers plus the encoded body (Content-Length where Chromium reports 0, as for a worker script). */
export async function transferred(request: Request): Promise<number> {
  const sizes = await request.sizes();
  const response = await request.response();
  const body = sizes.responseBodySize || Number(response?.headers()['content-length'] ?? 0);
  return sizes.responseHeadersSize + body;
}

/**
 * Records every finished request whose path `counts` accepts (Playwright reports a web worker's
 * requests too), and `quiet()` waits until none is pending and none has finished for 500 ms
 * (10 s at most), so late fetches belong to the step that caused them.
 */
export function watchRequests(page: Page, counts: (pathname: string) => boolean) {
  const log: Fetched[] = [];
  let pending = 0;
  let lastActivity = performance.now();
  const counted = (r: Request) => counts(new URL(r.url()).pathname);
  page.on('request', (r) => { if (counted(r)) { pending++; lastActivity = performance.now(); } });
  page.on('requestfinished', async (r) => {
    if (!counted(r)) return;
    log.push({ path: new URL(r.url()).pathname, bytes: await transferred(r) });
    pending--;
    lastActivity = performance.now();
  });
  page.on('requestfailed', (r) => { if (counted(r)) { pending--; lastActivity = performance.now(); } });
  const quiet = async () => {
    const deadline = performance.now() + 10_000;
    while ((pending > 0 || performance.now() - lastActivity < 500) && performance.now() < deadline) await page.waitForTimeout(50);
  };
  return { log, quiet };
}

export const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
