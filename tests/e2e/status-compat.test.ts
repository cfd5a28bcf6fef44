// The status page as real Statuspage clients and other hosts see it: Atlassian's own
// <statuspage-widget> embedded on another origin, the API at /api/v2/ as well as /status/api/v2/,
// the status page at the root of STATUS_HOST with links that work there, absolute URLs from
// SITE_URL whatever the Host header says, maintenance in the feeds as a feed reader reads them,
// and the status pages in the sitemap.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statuspageEndpoints } from '../../src/lib/statuspage';
import { axeViolations, useBrowser } from './browser';
import { freePort, startServer, tempDatabase, type RunningServer } from './server';

const siteUrl = 'https://help.example.com';
// *.localhost resolves to the loopback address in Chromium itself, so a browser can reach the
// server under the status host's name without touching the machine's resolver.
const statusHost = 'status.localhost';
const helpHost = 'help.example.com';
// During the ticket-shop outage, after the November database maintenance was announced.
const duringIncident = '2026-11-24T18:30:00+01:00';

let server: RunningServer;
let database: { url: string; dispose: () => void } | undefined;
let port: number;
const { browser } = useBrowser();
let widgetSite: http.Server;
let widgetOrigin: string;

/** The widget's page on a customer's site: another origin, the widget pointed at Cairn. */
function customerPage(srcs: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer site</title></head><body>
<main><h1>Our shop</h1>${srcs.map((src) => `<p><statuspage-widget src="${src}"></statuspage-widget></p>`).join('')}</main>
<script src="/status-widget.js"></script></body></html>`;
}

beforeAll(async () => {
  // The status lives in the database: a temporary one, seeded with content/status as db:migrate does.
  database = await tempDatabase();
  server = await startServer({ CAIRN_NOW: duringIncident, SITE_URL: siteUrl, STATUS_HOST: statusHost, DATABASE_URL: database.url });
  port = Number(new URL(server.url).port);
  const widgetScript = fs.readFileSync(path.resolve('node_modules/@statuspage/status-widget/dist/index.js'));
  const widgetPort = await freePort();
  widgetOrigin = `http://127.0.0.1:${widgetPort}`;
  widgetSite = http.createServer((req, res) => {
    if (req.url === '/status-widget.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(widgetScript);
    if (req.url === '/') {
      // One widget on the status host, as Atlassian documents it, one on the help center's own host.
      const page = customerPage([`http://${statusHost}:${port}`, `http://127.0.0.1:${port}/status/`]);
      return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => widgetSite.listen(widgetPort, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => (widgetSite ? widgetSite.close(resolve) : resolve(undefined)));
  await server?.stop();
  database?.dispose();
});

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: string }

/** A request with the Host header a client sends (fetch cannot set Host). */
function request(target: string, host: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: target, method: options.method ?? 'GET', headers: { Host: host, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => { body += chunk; });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The page's main heading, to compare instead of whole pages (a failure then says what was served). */
const h1Of = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? null;
const hrefsOf = (html: string) => [...new Set([...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&')))];
const endpoints = Object.keys(statuspageEndpoints);

describe('the Statuspage API at the root of the host', () => {
  it.each(endpoints)('answers /api/v2/%s as /status/api/v2/ does, readable from any origin', async (endpoint) => {
    const [root, nested] = await Promise.all([request(`/api/v2/${endpoint}`, helpHost), request(`/status/api/v2/${endpoint}`, helpHost)]);
    expect(root.status).toBe(200);
    expect(root.headers['content-type']).toContain('application/json');
    expect(root.headers['access-control-allow-origin']).toBe('*');
    expect(root.headers['cache-control']).toBe(nested.headers['cache-control']);
    expect(JSON.parse(root.body)).toEqual(JSON.parse(nested.body));
    expect(JSON.parse(root.body).page.url).toBe(`${siteUrl}/status/`);
  });

  it('compresses the JSON for clients that accept it, as under /status/', async () => {
    for (const target of ['/api/v2/summary.json', '/status/api/v2/summary.json']) {
      const res = await fetch(`${server.url}${target}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers.get('content-encoding'), target).toBe('gzip');
      expect((await res.json()).page.url).toBe(`${siteUrl}/status/`);
    }
  });

  it('answers a cross-site GET and grants the preflight, as a widget on another site needs', async () => {
    const crossSite = { Origin: 'https://shop.customer.example', 'Sec-Fetch-Site': 'cross-site' };
    const get = await request('/api/v2/summary.json', statusHost, { headers: crossSite });
    expect(get.status).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe('*');
    const preflight = await request('/api/v2/summary.json', statusHost, {
      method: 'OPTIONS',
      headers: { ...crossSite, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'accept' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toContain('GET');
  });

  it('answers HEAD, and refuses a write or an unknown endpoint with a clear 4xx, never a 500', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const write = await request('/api/v2/summary.json', helpHost, { method, headers: { 'Content-Type': 'application/json', Origin: `http://${helpHost}` } });
      expect(write.status, method).toBe(405);
      expect(write.headers.allow).toBe('GET, HEAD, OPTIONS');
      expect(JSON.parse(write.body).error).toBe('method_not_allowed');
    }
    const head = await request('/api/v2/summary.json', helpHost, { method: 'HEAD' });
    expect([head.status, head.headers['content-type']]).toEqual([200, 'application/json']);
    const unknown = await request('/api/v2/pages.json', helpHost);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(unknown.body)).toMatchObject({ error: 'unknown_endpoint', fields: { endpoint: [expect.stringContaining('summary.json')] } });
  });
});

describe('absolute URLs come from SITE_URL, never from the Host header', () => {
  const answers = [
    ...endpoints.map((e) => `/api/v2/${e}`),
    ...endpoints.map((e) => `/status/api/v2/${e}`),
    '/status/history.atom',
    '/status/history.rss',
    '/status/maintenance.ics',
    '/sitemap.xml',
  ];

  it.each(answers)('%s says nothing of a forged Host', async (target) => {
    const forged = await request(target, 'evil.example');
    expect(forged.status).toBe(200);
    expect(forged.body.includes('evil.example'), 'the forged host is in the answer').toBe(false);
    expect(forged.body.includes(siteUrl), 'SITE_URL is in the answer').toBe(true);
    // Byte for byte what the real host gets: nothing in it depends on the Host.
    expect(forged.body === (await request(target, helpHost)).body, 'the answer differs from the real host’s').toBe(true);
  });

  it.each(['/status/', '/status/history/', '/status/incidents/2026-11-24-ticketing-checkout/', '/status/maintenance/2026-11-17-hosting-databases/', '/status/live.json', '/status/badge.svg'])(
    'the page %s says nothing of a forged Host either',
    async (target) => {
      const forged = await request(target, 'evil.example');
      expect(forged.status).toBe(200);
      expect(forged.body.includes('evil.example'), 'the forged host is in the answer').toBe(false);
    },
  );

  it('keeps feed ids and calendar UIDs the same whichever host served them', async () => {
    for (const feedPath of ['/status/history.atom', '/status/history.rss']) {
      const ids = await Promise.all([helpHost, statusHost, `127.0.0.1:${port}`, 'evil.example'].map(async (host) =>
        parseFeed((await request(feedPath, host)).body).items.map((item) => item.id)));
      expect(ids[0].length).toBeGreaterThan(0);
      for (const id of ids[0]) expect(id).toMatch(new RegExp(`^${siteUrl}/status/(incidents|maintenance)/`));
      for (const other of ids.slice(1)) expect(other).toEqual(ids[0]);
    }
    const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1]);
    const calendar = uids((await request('/maintenance.ics', statusHost)).body);
    expect(calendar).toEqual(uids((await request('/status/maintenance.ics', 'evil.example')).body));
    expect(calendar).toContain('2026-11-17-hosting-databases@help.example.com');
  });
});

describe('the feeds, read by a feed reader', () => {
  it.each(['/status/history.atom', '/status/history.rss'])('%s lists maintenance as entries of their own beside the incidents', async (feedPath) => {
    const feed = parseFeed((await request(feedPath, helpHost)).body);
    const maintenance = feed.items.find((item) => item.url === `${siteUrl}/status/maintenance/2026-11-17-hosting-databases/`)!;
    expect(maintenance).toBeDefined();
    expect(maintenance.id).toBe(maintenance.url);
    expect(maintenance.categories.map((c) => c.label ?? c.term)).toEqual(['Maintenance']);
    expect(maintenance.content).toContain('Affects');
    const incident = feed.items.find((item) => item.url === `${siteUrl}/status/incidents/2026-11-24-ticketing-checkout/`)!;
    expect(incident.categories.map((c) => c.label ?? c.term)).toEqual(['Incident']);
    // Newest first: the ongoing outage leads, the maintenance of the 17th sits among November's incidents.
    expect(feed.items[0].url).toBe(incident.url);
    const published = feed.items.map((item) => item.published!.getTime());
    expect(published).toEqual([...published].sort((a, b) => b - a));
    // A maintenance announced for later (published 28 Nov) is not in the feed before it is announced.
    expect(feed.items.map((item) => item.url).join()).not.toContain('2026-12-08-mail-storage');
  });
});

describe('the sitemap', () => {
  it('lists the status page, its history and every incident and maintenance permalink, each one answering', async () => {
    const sitemap = (await request('/sitemap.xml', helpHost)).body;
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const incidents = JSON.parse((await request('/api/v2/incidents.json', helpHost)).body).incidents as Array<{ id: string }>;
    const maintenances = JSON.parse((await request('/api/v2/scheduled-maintenances.json', helpHost)).body).scheduled_maintenances as Array<{ id: string }>;
    const expected = [
      `${siteUrl}/status/`,
      `${siteUrl}/status/history/`,
      ...incidents.map((i) => `${siteUrl}/status/incidents/${i.id}/`),
      ...maintenances.map((m) => `${siteUrl}/status/maintenance/${m.id}/`),
    ];
    expect(incidents.length).toBeGreaterThan(0);
    expect(maintenances.length).toBeGreaterThan(0);
    expect(locs).toEqual(expect.arrayContaining(expected));
    expect(locs).toContain(`${siteUrl}/articles/email/mail-client-settings/`);
    for (const loc of expected) expect((await request(new URL(loc).pathname, helpHost)).status, loc).toBe(200);
  });
});

describe('STATUS_HOST', () => {
  it('serves the status page at the status host’s root, and the help center everywhere else', async () => {
    const status = await request('/', statusHost);
    expect(status.status).toBe(200);
    expect(h1Of(status.body)).toBe('System status');
    expect(h1Of((await request('/', `${statusHost}:${port}`)).body)).toBe('System status');
    for (const host of [helpHost, `127.0.0.1:${port}`, `evil${statusHost}`]) {
      const home = await request('/', host);
      expect(home.status).toBe(200);
      expect(h1Of(home.body)).not.toBe('System status');
    }
  });

  it.each([
    ['/history/', 'text/html', 'Incident history'],
    ['/incidents/2026-11-24-ticketing-checkout/', 'text/html', 'Card payments failing in ticket shops'],
    ['/maintenance/2026-11-17-hosting-databases/', 'text/html', 'Maintenance is announced in advance'],
    ['/history.atom', 'application/atom+xml', '<feed'],
    ['/history.rss', 'application/rss+xml', '<rss'],
    ['/maintenance.ics', 'text/calendar', 'BEGIN:VCALENDAR'],
    ['/badge.svg', 'image/svg+xml', '<svg'],
    ['/live.json', 'application/json', '"indicator"'],
    ['/api/v2/summary.json', 'application/json', '"page"'],
    ['/status/incidents/2026-11-24-ticketing-checkout/', 'text/html', 'Card payments failing in ticket shops'],
  ])('answers %s on the status host', async (target, type, text) => {
    const answer = await request(target, statusHost);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain(type);
    expect(answer.body.includes(text), `${target} shows “${text}”`).toBe(true);
  });

  it('leaves /history/ and the permalinks of the help host alone', async () => {
    expect((await request('/history/', helpHost)).status).toBe(404);
    expect((await request('/incidents/2026-11-24-ticketing-checkout/', helpHost)).status).toBe(404);
  });

  it('prints links on the status host that work there, and sends help-center links to SITE_URL', async () => {
    const pages = ['/', '/history/', '/incidents/2026-11-24-ticketing-checkout/', '/maintenance/2026-11-17-hosting-databases/'];
    const links = new Set<string>();
    for (const page of pages) for (const href of hrefsOf((await request(page, statusHost)).body)) links.add(href);
    const local = [...links].filter((href) => href.startsWith('/'));
    expect(local).toEqual(expect.arrayContaining(['/', '/history/', '/history.atom', '/api/v2/summary.json', '/incidents/2026-11-24-ticketing-checkout/']));
    expect(local.filter((href) => href.startsWith('/status/'))).toEqual([]);
    for (const href of local) expect((await request(href, statusHost)).status, href).toBe(200);
    const help = [...links].filter((href) => href.startsWith(siteUrl));
    expect(help).toEqual(expect.arrayContaining([`${siteUrl}/`, `${siteUrl}/articles/`, `${siteUrl}/support/`]));
    for (const href of help) expect((await request(new URL(href).pathname, helpHost)).status, href).toBe(200);
    // The same page on the help host keeps its /status/ links.
    expect(hrefsOf((await request('/status/', helpHost)).body)).toContain('/status/history/');
  });

  it('is a working status site in Chromium: root, a permalink and back, no axe violations', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const root = `http://${statusHost}:${port}/`;
    await page.goto(root);
    await page.getByRole('heading', { name: 'System status', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(os.tmpdir(), 'cairn-status-host-390.png'), fullPage: true }).catch(() => undefined);
    await page.getByRole('region', { name: 'Active incidents' }).getByRole('link', { name: 'Card payments failing in ticket shops' }).click();
    await page.getByRole('heading', { name: 'Card payments failing in ticket shops', level: 1 }).waitFor();
    expect(page.url()).toBe(`${root}incidents/2026-11-24-ticketing-checkout/`);
    await page.getByRole('link', { name: 'Back to the current status' }).click();
    await page.getByRole('heading', { name: 'System status', level: 1 }).waitFor();
    expect(page.url()).toBe(root);
    await context.close();
  });
});

describe('Atlassian’s <statuspage-widget> on another site', () => {
  it('shows the status Cairn serves, fetched across origins from /api/v2/summary.json', async () => {
    const summary = JSON.parse((await request('/api/v2/summary.json', statusHost)).body);
    // The widget shows status.description; during the outage it is not the all-clear.
    expect(summary.status.indicator).not.toBe('none');
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${widgetOrigin}/`);
    const widgets = page.locator('statuspage-widget');
    await expect.poll(() => widgets.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      // The widget renders into its shadow root once the summary arrived; wait for the text.
      const text = widgets.nth(i).locator('.status-text');
      await text.waitFor({ timeout: 20_000 });
      expect((await text.textContent())?.trim()).toBe(summary.status.description);
      expect(await widgets.nth(i).locator('.status-indicator').getAttribute('class')).toContain(summary.status.indicator);
    }
    expect(requested).toContain(`http://${statusHost}:${port}/api/v2/summary.json`);
    expect(requested).toContain(`http://127.0.0.1:${port}/api/v2/summary.json`);
    await page.screenshot({ path: path.join(os.tmpdir(), 'cairn-statuspage-widget.png') }).catch(() => undefined);
    await page.close();
  });
});
