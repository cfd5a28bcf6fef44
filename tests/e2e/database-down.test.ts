// When the database does not answer: articles, search and status keep working, every write path
// answers 503 with a message that says nothing was saved (a form keeps what was typed, an
// emergency gets the phone line), and `npm start` serves anyway and migrates once the database
// comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSupport } from '../../src/integrations/content-check';
import { axeViolations, useBrowser } from './browser';
import { freePort, startServer, type RunningServer } from './server';
import { sqldSupported, startSqld, type RunningSqld } from './sqld';

const support = readSupport('content/support');
if (!support.ok) throw new Error(support.errors.join('\n'));
const emergencyPhone = support.content.policy.emergencyPhone!;
const ticket = { name: 'Ana Client', email: 'ana@example.com', product: 'email', subject: 'Mail is down', description: 'No mail arrives since 08:00 this morning.' };

let server: RunningServer;

function post(path: string, body: Record<string, unknown>, kind: 'json' | 'form' = 'json') {
  return fetch(`${server.url}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', origin: server.url },
    body: kind === 'json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>),
  });
}

describe('a server whose database does not answer', () => {
  const { browser } = useBrowser();
  beforeAll(async () => {
    // Nothing listens on the port: every query fails to connect, as when sqld or Turso is down.
    server = await startServer({ DATABASE_URL: `http://127.0.0.1:${await freePort()}` });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('still serves articles, search and the status page', async () => {
    for (const path of ['/', '/articles/domains-dns/renew-a-domain/', '/status/', '/status/api/v2/summary.json', '/api/search?q=domain', '/search/?q=domain']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });

  it('answers a ticket over the API with 503, Retry-After and a message that nothing was saved', async () => {
    const res = await post('/api/tickets', ticket);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    const body = await res.json();
    expect(body.error).toBe('database_unavailable');
    expect(body.fields._[0]).toMatch(/this one was not sent/);
    expect(body.fields._[0]).not.toContain(emergencyPhone);
  });

  it('gives an emergency that cannot be stored the emergency phone line', async () => {
    const res = await post('/api/tickets', { ...ticket, emergency: true, contractKey: 'cairn_demo_pro_00000000000000000000000' });
    expect(res.status).toBe(503);
    expect((await res.json()).fields._[0]).toContain(`call the emergency line now: ${emergencyPhone}`);
  });

  it('shows the form without JavaScript again with everything typed and the phone line for an emergency', async () => {
    const res = await post('/support/', { ...ticket, emergency: 'on', contractKey: 'cairn_demo_pro_00000000000000000000000' }, 'form');
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('No mail arrives since 08:00 this morning.');
    expect(html).toContain('value="Ana Client"');
    expect(html).toContain(emergencyPhone);
  });

  it('keeps the text in the browser form and says the request was not sent', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/support/`);
    await page.getByLabel('Your name').fill(ticket.name);
    await page.getByLabel('Email', { exact: true }).fill(ticket.email);
    await page.getByLabel('Product', { exact: true }).selectOption(ticket.product);
    await page.getByLabel('Subject').fill(ticket.subject);
    await page.getByLabel('What happened, and what did you try?').fill(ticket.description);
    await page.getByRole('button', { name: /Send/ }).click();
    await expect.poll(() => page.locator('.form-error').textContent()).toMatch(/cannot store requests right now/);
    expect(await page.getByLabel('What happened, and what did you try?').inputValue()).toBe(ticket.description);
    await page.close();
  });

  it('shows a page that needs the database as a styled, accessible 503 page within its CSP', async () => {
    const context = await browser.newContext();
    const blocked: string[] = [];
    context.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) blocked.push(message.text()); });
    const page = await context.newPage();
    const res = await page.goto(`${server.url}/support/tickets/T-0000-0000-0000-00AA/`);
    expect(res?.status()).toBe(503);
    await page.getByRole('heading', { level: 1, name: 'We can’t take requests right now' }).waitFor();
    expect(await page.getByRole('link', { name: emergencyPhone }).getAttribute('href')).toBe('tel:+41215550100');
    // The page's own stylesheet applied: the code above the heading is large, not body text.
    expect(await page.locator('.error-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(40);
    expect(blocked).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('answers a vote, a search event and a sign-in with 503, never 500', async () => {
    expect((await post('/api/feedback', { article: 'renew-a-domain', helpful: true })).status).toBe(503);
    expect((await post('/api/search-events', { event: 'search', query: 'dns', results: 0 })).status).toBe(503);
    const signIn = await post('/console/login/', { email: 'agent@alpenhost.example', password: 'correct horse battery' }, 'form');
    expect(signIn.status).toBe(503);
    expect(await signIn.text()).toContain('We can’t take requests right now');
  });
});

describe.runIf(sqldSupported)('npm start while the database is down', () => {
  let sqld: RunningSqld | undefined;
  let started: RunningServer;
  afterAll(async () => {
    await started?.stop();
    await sqld?.stop();
  });

  it('serves at once, answers writes with 503, and migrates, seeds the status and takes tickets once the database is back', async () => {
    const port = await freePort();
    started = await startServer({ DATABASE_URL: `http://127.0.0.1:${port}` }, ['scripts/server/start.ts', '--no-build']);
    expect((await fetch(`${started.url}/status/`)).status).toBe(200);
    const before = await fetch(`${started.url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ticket) });
    expect(before.status).toBe(503);

    sqld = await startSqld({ port });
    // start.ts retries the migration with a growing pause (at most 30 s); the first tickets after
    // the database is back may still meet a database without tables, which is a 503 too.
    await expect.poll(async () => (await fetch(`${started.url}/api/tickets`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ticket),
    })).status, { timeout: 45_000, interval: 500 }).toBe(201);
    // Once migrated, the sample status history is seeded and every status page shows it.
    await expect.poll(async () => (await (await fetch(`${started.url}/status/api/v2/summary.json`)).json()).components.length, { timeout: 15_000, interval: 250 }).toBeGreaterThan(0);
  }, 90_000);
});
