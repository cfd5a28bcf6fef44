// The status outputs as an outage's crowd gets them (issue #18): stored renderings with an ETag and
// a 304 for a client that holds them, brotli and gzip copies that decode to the same bytes, and a
// new rendering by itself when the clock crosses a maintenance boundary.
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDatabase, type RunningServer } from './server';

// Every status output, at a moment with an incident going on.
const outputs = [
  '/status/',
  '/status/history/',
  '/status/incidents/2026-11-24-ticketing-checkout/',
  '/status/maintenance/2026-11-17-hosting-databases/',
  '/status/api/v2/summary.json',
  '/api/v2/summary.json',
  '/status/api/v2/status.json',
  '/status/api/v2/incidents/unresolved.json',
  '/status/live.json',
  '/status/history.atom',
  '/status/history.rss',
  '/status/maintenance.ics',
  '/status/badge.svg',
];

/** One raw exchange: the bytes as sent (no decoding, unlike fetch) and the headers. */
function raw(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };

describe('stored status outputs', () => {
  let server: RunningServer;
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  beforeAll(async () => {
    database = await tempDatabase();
    server = await startServer({ CAIRN_NOW: '2026-11-24T18:30:00+01:00', DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    database?.dispose();
  });

  it('the incident permalink used here exists', async () => {
    expect((await raw(`${server.url}${outputs[2]}`, browser)).status).toBe(200);
  });

  it.each(outputs)('%s has an ETag and costs a 304 to a client holding it', async (path) => {
    const first = await raw(`${server.url}${path}`, browser);
    expect(first.status).toBe(200);
    const tag = first.headers.etag!;
    expect(tag).toMatch(/^"[\w-]+-br"$/);
    expect(first.headers.vary).toBe('Accept-Encoding');
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['cache-control']).toMatch(/max-age=30\b/);

    const again = await raw(`${server.url}${path}`, { ...browser, 'if-none-match': tag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(tag);
    expect(again.headers['cache-control']).toMatch(/max-age=30\b/);
    // A proxy may weaken the tag; If-None-Match compares weakly.
    expect((await raw(`${server.url}${path}`, { ...browser, 'if-none-match': `"other", W/${tag}` })).status).toBe(304);
    // Someone else's tag, or the brotli tag from a client that now asks for gzip: the full answer.
    expect((await raw(`${server.url}${path}`, { ...browser, 'if-none-match': '"other"' })).status).toBe(200);
    const gzip = await raw(`${server.url}${path}`, { 'accept-encoding': 'gzip', 'if-none-match': tag });
    expect(gzip.status).toBe(200);
    expect(gzip.headers.etag).toBe(tag.replace(/-br"$/, '-gzip"'));
  });

  it.each(outputs)('%s: brotli and gzip bytes decode to the identity bytes, each with its own tag', async (path) => {
    const identity = await raw(`${server.url}${path}`, {});
    const br = await raw(`${server.url}${path}`, { 'accept-encoding': 'br' });
    const gzip = await raw(`${server.url}${path}`, { 'accept-encoding': 'gzip, deflate' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(Number(identity.headers['content-length'])).toBe(identity.body.length);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
    expect(zlib.gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    expect(new Set([identity.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
  });

  it('a HEAD gets the headers of the stored page and no body', async () => {
    const get = await raw(`${server.url}/status/`, browser);
    const head = await raw(`${server.url}/status/`, browser, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-length']).toBe(String(get.body.length));
  });

  it('a missing permalink is a 404, not stored', async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await raw(`${server.url}/status/incidents/no-such-incident/`, browser);
      expect(missing.status).toBe(404);
      expect(missing.headers.etag).toBeUndefined();
    }
  });

  it('the page shows the same state whatever the encoding, and is still the page people read', async () => {
    const res = await fetch(`${server.url}/status/`, { headers: browser });
    const html = await res.text();
    expect(html).toContain('Card payments failing in ticket shops');
    expect(html).toMatch(/Last updated <time datetime="2026-11-24T17:21:00.000Z"/);
  });
});

// libfaketime starts the server's clock a little before the mail maintenance opens (02:00 CET on
// 8 December) and lets it run: the page kept in memory must give way to a new one by itself.
const libfaketime = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
describe.skipIf(!fs.existsSync(libfaketime))('a running clock crossing a maintenance boundary (needs libfaketime)', () => {
  const leadSeconds = 20;
  let server: RunningServer;
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  beforeAll(async () => {
    database = await tempDatabase();
    const start = new Date(Date.parse('2026-12-08T01:00:00Z') - leadSeconds * 1000).toISOString().replace('T', ' ').slice(0, 19);
    server = await startServer({
      TZ: 'UTC',
      LD_PRELOAD: libfaketime,
      FAKETIME: `@${start}`,
      FAKETIME_DONT_FAKE_MONOTONIC: '1', // timers keep real time
      DATABASE_URL: database.url,
    });
  });
  afterAll(async () => {
    await server?.stop();
    database?.dispose();
  });

  const heading = (html: string) => /<h2 id="overall"[^>]*>([^<]+)</.exec(html)?.[1];

  it('serves the stored page until the window opens, then the page with the maintenance in progress', { timeout: 120_000 }, async () => {
    const before = await raw(`${server.url}/status/`, {});
    expect(heading(before.body.toString())).toBe('All systems operational');
    const tag = before.headers.etag!;
    expect((await raw(`${server.url}/status/`, { 'if-none-match': tag })).status).toBe(304);

    const deadline = Date.now() + (leadSeconds + 60) * 1000;
    let after = before;
    while (heading(after.body.toString()) === 'All systems operational') {
      if (Date.now() > deadline) throw new Error('The page still says "All systems operational" a minute after the window opened.');
      await new Promise((r) => setTimeout(r, 250));
      after = await raw(`${server.url}/status/`, { 'if-none-match': tag });
      if (after.status === 304) after = before;
    }
    expect(heading(after.body.toString())).toBe('Maintenance in progress');
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(tag);
    const live = await (await fetch(`${server.url}/status/live.json`)).json();
    expect(live.items).toEqual([expect.objectContaining({ kind: 'maintenance', title: 'Mail storage migration to new servers' })]);
  });
});
