// An agent's day in the console: the queue in deadline order with SLA flags, recording a first
// response, helpfulness and search gaps, CSV exports, axe-core; and hostile text sent through
// feedback and tickets shows as text, with no script run.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { tickets } from '../../db/schema';
import { axeViolations, useBrowser } from './browser';
import { startServer, tempDatabase, type RunningServer } from './server';

const NOW = '2026-12-01T10:00:00+01:00';
const xss = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=1</script>', '"><svg onload=window.__xss=1>'];
let database: Awaited<ReturnType<typeof tempDatabase>>;
let server: RunningServer;
const { browser } = useBrowser();
let context: BrowserContext;
let page: Page;

async function api(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  database = await tempDatabase();
  const env = { ...process.env, DATABASE_URL: database.url, CAIRN_NOW: NOW };
  execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { env });
  execFileSync(process.execPath, ['scripts/cli/staff.ts', 'add', 'agent@alpenhost.example', '--role', 'agent', '--password', 'correct horse battery'], { env });
  execFileSync(process.execPath, ['scripts/cli/staff.ts', 'add', 'admin@alpenhost.example', '--role', 'admin', '--password', 'staple battery horse'], { env });
  server = await startServer({ DATABASE_URL: database.url, CAIRN_NOW: NOW, TICKET_RATE_LIMIT: '1000' });

  const base = { email: 'client@example.com', product: 'email', description: 'Messages bounce since this morning.' };
  await api('/api/tickets', { ...base, name: 'Pro Client', subject: 'Pro: mail delays' }, { authorization: 'Bearer cairn_demo_pro_00000000000000000000000' });
  await api('/api/tickets', { ...base, name: 'Ent Client', subject: 'Enterprise: all mail down', emergency: true }, { authorization: 'Bearer cairn_demo_enterprise_000000000000000' });
  await api('/api/tickets', { ...base, name: 'Std Client', subject: 'Standard: a question' });
  await api('/api/tickets', { ...base, name: xss[0], subject: `Hostile ${xss[1]}`, description: `Look ${xss[2]} and ${xss[0]}` });
  // A Plus ticket received yesterday and never answered: breached.
  await database.db.insert(tickets).values({
    reference: 'T-0000-0000-0000-00AA', plan: 'plus', queue: 'plus', name: 'Late Client', email: 'late@example.com', product: 'other',
    subject: 'Plus: overdue', description: 'Waiting since yesterday.', receivedAt: new Date('2026-11-30T08:00:00+01:00'), firstResponseDueAt: new Date('2026-11-30T12:00:00+01:00'),
  });
  for (let i = 0; i < 3; i++) {
    await api('/api/feedback', { article: 'renew-a-domain', helpful: false, reason: 'outdated', comment: `Prices changed ${xss[i]}` }, { 'user-agent': `reader-${i}` });
  }
  await api('/api/search-events', { event: 'search', query: 'IPv6  DNS records', results: 0 });
  await api('/api/search-events', { event: 'search', query: 'ipv6 dns records', results: 0 });
  await api('/api/search-events', { event: 'search', query: 'smtp port', results: 4 });
  await api('/api/search-events', { event: 'ticket', query: 'smtp port' });

  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(`${server.url}/console/`);
  await page.waitForURL(/\/console\/login\//);
  await page.getByLabel('Email').fill('agent@alpenhost.example');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: /Sign in/ }).click();
  await page.waitForURL(`${server.url}/console/`);
});
afterAll(async () => {
  await server?.stop();
  database?.dispose();
});

describe('the queue', () => {
  it('lists open tickets by deadline, breached first, Standard last, with their flags', async () => {
    const subjects = await page.locator('table.queue tbody tr td:nth-child(2)').allTextContents();
    expect(subjects.map((s) => s.split(' · ')[0])).toEqual(['Plus: overdue', 'Enterprise: all mail down', 'Pro: mail delays', 'Standard: a question', `Hostile ${xss[1]}`]);
    const flags = await page.locator('table.queue tbody tr td:last-child').allTextContents();
    expect(flags).toEqual(['Breached', 'On track', 'On track', 'No target', 'No target']);
  });

  it('filters by queue', async () => {
    await page.goto(`${server.url}/console/?queue=emergency`);
    expect(await page.locator('table.queue tbody tr').count()).toBe(1);
    await page.goto(`${server.url}/console/`);
  });

  it('records a first response, which settles the SLA as met and leaves the queue', async () => {
    await page.getByRole('link', { name: /^T-/ }).nth(1).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Enterprise: all mail down');
    await page.getByRole('button', { name: 'First response sent' }).click();
    await page.getByText('SLA met').waitFor();
    await page.goto(`${server.url}/console/`);
    expect(await page.locator('table.queue').textContent()).not.toContain('Enterprise: all mail down');
    expect(await page.locator('table.compliance').textContent()).toMatch(/enterprise\s*100%/);
  });
});

describe('hostile text', () => {
  it('is shown as text in the queue, the ticket and the helpfulness page, and never runs', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.goto(`${server.url}/console/`);
    expect(await page.locator('table.queue').textContent()).toContain(`Hostile ${xss[1]}`);
    await page.getByRole('link', { name: /^T-/ }).last().click();
    expect(await page.locator('.description').textContent()).toBe(`Look ${xss[2]} and ${xss[0]}`);
    expect(await page.locator('.facts').textContent()).toContain(xss[0]);
    await page.goto(`${server.url}/console/helpfulness/`);
    for (const payload of xss) expect(await page.locator('.comments').textContent()).toContain(payload);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main svg[onload]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});

describe('helpfulness and search gaps', () => {
  it('ranks the article readers said No to, with its reason', async () => {
    await page.goto(`${server.url}/console/helpfulness/`);
    expect(await page.locator('.articles > li').first().textContent()).toContain('How do I renew a domain before it expires?');
    expect(await page.locator('.reasons').first().textContent()).toContain('Outdated ×3');
  });

  it('lists zero-result queries (normalised) with the command that starts an article, and searches followed by a ticket', async () => {
    await page.goto(`${server.url}/console/search/`);
    const zero = page.getByRole('region', { name: 'Searches that found nothing' });
    expect(await zero.locator('tbody tr').first().textContent()).toContain('ipv6 dns records');
    expect(await zero.locator('code').first().textContent()).toBe('npm run article:new -- --title "ipv6 dns records" --category <category>');
    expect(await page.getByRole('region', { name: 'Searches followed by a ticket' }).textContent()).toContain('smtp port');
  });
});

describe('exports (admins only)', () => {
  it('downloads tickets and feedback as CSV, with formula-looking cells neutralised', async () => {
    const signIn = await fetch(`${server.url}/console/login/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({ email: 'admin@alpenhost.example', password: 'staple battery horse' }),
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('cairn_session='))!.split(';')[0];
    const ticketsCsv = await (await fetch(`${server.url}/console/export/tickets.csv`, { headers: { cookie } })).text();
    expect(ticketsCsv).toContain('Pro: mail delays');
    const feedbackCsv = await (await fetch(`${server.url}/console/export/feedback.csv`, { headers: { cookie } })).text();
    expect(feedbackCsv).toContain('renew-a-domain');
    expect(feedbackCsv).not.toMatch(/voter/i);
  });
});

describe('accessibility (axe-core)', () => {
  /** Runs `check` with the system asking for a light, then a dark theme. */
  async function inBothThemes(check: (scheme: 'light' | 'dark') => Promise<void>) {
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await check(colorScheme);
      }
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }

  it.each(['/console/', '/console/helpfulness/', '/console/search/'])('%s has no violations, in light and dark themes', async (path) => {
    await inBothThemes(async (scheme) => {
      await page.goto(`${server.url}${path}`);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
      expect(await axeViolations(page), `${path} (${scheme})`).toEqual([]);
    });
  });

  it('a ticket page has no violations, in light and dark themes', async () => {
    await inBothThemes(async (scheme) => {
      await page.goto(`${server.url}/console/`);
      await page.getByRole('link', { name: /^T-/ }).first().click();
      expect(await axeViolations(page), scheme).toEqual([]);
    });
  });

  it('switches the console to the dark theme and keeps it on the next page', async () => {
    await page.goto(`${server.url}/console/`);
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.goto(`${server.url}/console/search/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
    await page.evaluate(() => localStorage.removeItem('cairn-theme'));
  });

  it('the page refusing an agent the exports has no violations, and leads back to the queue', async () => {
    const response = await page.goto(`${server.url}/console/export/tickets.csv`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not available to your role');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Go to your start page' }).click();
    await page.waitForURL(`${server.url}/console/`);
  });
});
