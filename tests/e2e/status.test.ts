// The status page at pinned moments (before, during and after a maintenance; during an
// incident), its permalinks and archive, the Statuspage-compatible JSON, the help-center
// banner, readability without JavaScript, and axe-core. The status comes from the database
// (seeded from content/status); tests/e2e/live-status.test.ts covers posting and the database down.
import ICAL from 'ical.js';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, useBrowser } from './browser';
import { startServer, tempDatabase, type RunningServer } from './server';

const moments = {
  beforeMaintenance: '2026-12-01T12:00:00+01:00',
  duringMaintenance: '2026-12-08T02:30:00+01:00',
  afterMaintenance: '2026-12-08T05:00:00+01:00',
  duringIncident: '2026-11-24T18:30:00+01:00',
};
const servers: Partial<Record<keyof typeof moments, RunningServer>> = {};
const { browser } = useBrowser();
let database: Awaited<ReturnType<typeof tempDatabase>>;

beforeAll(async () => {
  // One database seeded with content/status (as npm run db:migrate does), shared by every moment.
  database = await tempDatabase();
  await Promise.all(Object.entries(moments).map(async ([name, at]) => {
    servers[name as keyof typeof moments] = await startServer({ CAIRN_NOW: at, DATABASE_URL: database.url });
  }));
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s?.stop()));
  database?.dispose();
});

const url = (name: keyof typeof moments, path: string) => `${servers[name]!.url}${path}`;
const json = async (name: keyof typeof moments, path: string) => (await fetch(url(name, path))).json();

describe('the status page over time', () => {
  it('before a maintenance: all operational, the maintenance announced as upcoming', async () => {
    const page = await browser.newPage();
    await page.goto(url('beforeMaintenance', '/status/'));
    await page.getByRole('heading', { name: 'All systems operational' }).waitFor();
    const upcoming = page.getByRole('region', { name: 'Upcoming maintenance' });
    await upcoming.getByRole('link', { name: 'Mail storage migration to new servers' }).waitFor();
    expect(await upcoming.textContent()).toContain('8 Dec 2026, 02:00 CET');
    await page.close();
  });

  it('during the maintenance: the banner says so and the affected services show it', async () => {
    const page = await browser.newPage();
    await page.goto(url('duringMaintenance', '/status/'));
    await page.getByRole('heading', { name: 'Maintenance in progress' }).waitFor();
    const mail = page.locator('.components li', { hasText: 'Mailboxes and webmail' });
    expect(await mail.textContent()).toContain('Under maintenance');
    await page.close();
  });

  it('after the maintenance: nothing upcoming, and the maintenance does not count as downtime', async () => {
    const page = await browser.newPage();
    await page.goto(url('afterMaintenance', '/status/'));
    await page.getByRole('heading', { name: 'All systems operational' }).waitFor();
    expect(await page.getByRole('region', { name: /maintenance/i }).count()).toBe(0);
    const summary = await json('afterMaintenance', '/status/api/v2/scheduled-maintenances.json');
    const done = summary.scheduled_maintenances.find((m: { name: string }) => m.name === 'Mail storage migration to new servers');
    expect(done.status).toBe('completed');
    await page.close();
  });

  it('during an incident: the incident and its timeline so far, the component in outage', async () => {
    const page = await browser.newPage();
    await page.goto(url('duringIncident', '/status/'));
    await page.getByRole('heading', { name: 'Major outage', level: 2 }).waitFor();
    const active = page.getByRole('region', { name: 'Active incidents' });
    await active.getByRole('link', { name: 'Card payments failing in ticket shops' }).waitFor();
    const timeline = await active.locator('.timeline li').allTextContents();
    expect(timeline).toHaveLength(2);
    expect(timeline[0]).toContain('Identified');
    expect(await page.locator('.components li', { hasText: 'Ticket sales and entry' }).textContent()).toContain('Major outage');
    await page.close();
  });

  it('is readable without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('duringIncident', '/status/'));
    await page.getByRole('heading', { name: 'Active incidents' }).waitFor();
    expect(await page.locator('.bars').count()).toBeGreaterThan(5);
    await context.close();
  });

  // Paint timing on a loaded machine varies from run to run; a real regression fails every try.
  it('adds the reader’s own time after each time when their zone differs, without moving the page', { retry: 2 }, async () => {
    const context = await browser.newContext({ timezoneId: 'America/New_York', viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    // A slow phone: the parser yields often, so anything added after a paint would shift lines.
    await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await page.addInitScript(() => {
      const shifts: Array<{ value: number; moved: string[] }> = [];
      (window as unknown as { shifts: typeof shifts }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as Array<{ value: number; sources: Array<{ node?: Node }> }>) {
          shifts.push({ value: e.value, moved: e.sources.map((s) => (s.node?.parentElement?.outerHTML ?? s.node?.nodeName ?? '?').slice(0, 80)) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(url('beforeMaintenance', '/status/'), { waitUntil: 'load' });
    const localTimes = await page.locator('.local-time').allTextContents();
    expect(localTimes.length).toBeGreaterThanOrEqual(3);
    for (const text of localTimes) expect(text).toMatch(/^ \(.+ your time\)$/);
    // Lighthouse scores a layout shift of 0.1 as poor. Writing the local times after a paint
    // measured 0.09 here, a header row growing after a paint 0.002; parsing alone stays far below.
    const shifts = await page.evaluate(() => (window as unknown as { shifts: Array<{ value: number; moved: string[] }> }).shifts);
    expect(shifts.reduce((sum, s) => sum + s.value, 0), JSON.stringify(shifts)).toBeLessThan(0.001);
    await context.close();
  });

  it('sends short cache headers, since the state changes with the clock', async () => {
    const res = await fetch(url('beforeMaintenance', '/status/'));
    expect(res.headers.get('cache-control')).toMatch(/max-age=30\b/);
  });
});

describe('help-center banner', () => {
  it('appears on an article while a maintenance is in progress, linking to it, and not otherwise', async () => {
    const page = await browser.newPage();
    await page.goto(url('duringMaintenance', '/articles/email/mail-client-settings/'));
    const banner = page.getByRole('status').filter({ hasText: 'Maintenance in progress' });
    await banner.waitFor();
    expect(await banner.getByRole('link').getAttribute('href')).toBe('/status/maintenance/2026-12-08-mail-storage/');
    await page.goto(url('beforeMaintenance', '/articles/email/mail-client-settings/'));
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('[data-status-banner]').isHidden()).toBe(true);
    await page.close();
  });
});

describe('permalinks and history', () => {
  it('gives each incident a page with its timeline and postmortem', async () => {
    const page = await browser.newPage();
    await page.goto(url('afterMaintenance', '/status/incidents/2026-10-07-dns-timeouts/'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('DNS');
    await page.getByRole('heading', { name: 'Postmortem' }).waitFor();
    expect(await page.locator('.timeline li').count()).toBe(5);
    const missing = await fetch(url('afterMaintenance', '/status/incidents/no-such-incident/'));
    expect(missing.status).toBe(404);
    await page.close();
  });

  it('archives every incident by month', async () => {
    const page = await browser.newPage();
    await page.goto(url('afterMaintenance', '/status/history/'));
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['December 2026', 'November 2026', 'October 2026']);
    const all = await json('afterMaintenance', '/status/api/v2/incidents.json');
    for (const incident of all.incidents) expect(await page.getByRole('link', { name: incident.name }).count()).toBe(1);
    await page.close();
  });
});

describe('Statuspage v2 JSON', () => {
  it.each([
    ['summary.json', ['page', 'components', 'incidents', 'scheduled_maintenances', 'status']],
    ['status.json', ['page', 'status']],
    ['components.json', ['page', 'components']],
    ['incidents.json', ['page', 'incidents']],
    ['incidents/unresolved.json', ['page', 'incidents']],
    ['scheduled-maintenances.json', ['page', 'scheduled_maintenances']],
    ['scheduled-maintenances/upcoming.json', ['page', 'scheduled_maintenances']],
    ['scheduled-maintenances/active.json', ['page', 'scheduled_maintenances']],
  ])('/status/api/v2/%s has Statuspage’s top-level fields', async (endpoint, keys) => {
    const res = await fetch(url('duringIncident', `/status/api/v2/${endpoint}`));
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(Object.keys(await res.json()).sort()).toEqual([...keys].sort());
  });

  it('reports the incident as unresolved with Statuspage enum values while it runs', async () => {
    const body = await json('duringIncident', '/status/api/v2/incidents/unresolved.json');
    expect(body.incidents).toHaveLength(1);
    expect(body.incidents[0]).toMatchObject({ status: 'identified', impact: 'critical' });
    expect((await json('duringIncident', '/status/api/v2/status.json')).status.indicator).toBe('critical');
  });

  it('answers an unknown endpoint with 404 and the list of endpoints', async () => {
    const res = await fetch(url('duringIncident', '/status/api/v2/everything.json'));
    expect(res.status).toBe(404);
    expect((await res.json()).fields.endpoint[0]).toContain('summary.json');
  });
});

describe('feeds and badge', () => {
  it('serves the history as Atom and RSS that parse, one entry per incident and per maintenance, no cap', async () => {
    const incidents = (await json('afterMaintenance', '/status/api/v2/incidents.json')).incidents;
    const maintenances = (await json('afterMaintenance', '/status/api/v2/scheduled-maintenances.json')).scheduled_maintenances;
    const parser = new XMLParser({ ignoreAttributes: false });
    const atomRes = await fetch(url('afterMaintenance', '/status/history.atom'));
    expect(atomRes.headers.get('content-type')).toContain('application/atom+xml');
    const atom = parser.parse(await atomRes.text());
    expect(atom.feed.entry).toHaveLength(incidents.length + maintenances.length);
    const rss = parser.parse(await (await fetch(url('afterMaintenance', '/status/history.rss'))).text());
    expect(rss.rss.channel.item).toHaveLength(incidents.length + maintenances.length);
  });

  it('serves maintenance as iCalendar with stable UIDs and the window as UTC instants', async () => {
    const events = async (moment: keyof typeof moments) => {
      const res = await fetch(url(moment, '/status/maintenance.ics'));
      expect(res.headers.get('content-type')).toContain('text/calendar');
      const vcal = new ICAL.Component(ICAL.parse(await res.text()));
      return vcal.getAllSubcomponents('vevent').map((e) => ({ uid: e.getFirstPropertyValue('uid'), sequence: Number(e.getFirstPropertyValue('sequence') ?? 0), start: (e.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate() }));
    };
    const before = await events('beforeMaintenance');
    const after = await events('afterMaintenance');
    const uid = (list: typeof before) => list.find((e) => String(e.uid).startsWith('2026-12-08-mail-storage'))!;
    expect(uid(before).uid).toBe(uid(after).uid);
    expect(uid(before).start.toISOString()).toBe('2026-12-08T01:00:00.000Z');
    // One published update before the window: SEQUENCE 0. After it, the automatic "In progress"
    // and "Completed" updates revise the event twice, so calendar clients take the new text.
    expect([uid(before).sequence, uid(after).sequence]).toEqual([0, 2]);
    expect(after.length).toBeGreaterThanOrEqual(2);
  });

  it('serves an SVG badge naming the overall status', async () => {
    const res = await fetch(url('duringIncident', '/status/badge.svg'));
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(await res.text()).toContain('Major outage');
  });
});

describe('accessibility (axe-core)', () => {
  it.each([
    ['status during an incident', 'duringIncident', '/status/'],
    ['status during maintenance', 'duringMaintenance', '/status/'],
    ['incident permalink', 'afterMaintenance', '/status/incidents/2026-10-07-dns-timeouts/'],
    ['history', 'afterMaintenance', '/status/history/'],
  ] as const)('%s has no violations in light and dark themes', async (_name, moment, path) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(url(moment, path));
      expect(await axeViolations(page), `${path} (${colorScheme})`).toEqual([]);
      await context.close();
    }
  });
});
