// The security headers on every kind of answer of the built server: prerendered pages, assets,
// on-demand pages, API answers, redirects and 404s; the console never framed, the public site
// framable; Strict-Transport-Security only when SITE_URL is https.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

const base = inject('baseUrl');

async function asset(): Promise<string> {
  const home = await (await fetch(`${base}/`)).text();
  return /\/_astro\/[^"']+\.js/.exec(home)![0];
}

const answers: Array<[string, string, RequestInit?]> = [
  ['home (prerendered)', '/'],
  ['category (prerendered)', '/articles/email/'],
  ['article (prerendered)', '/articles/email/mail-client-settings/'],
  ['search page (on demand)', '/search/?q=mail'],
  ['support page (on demand)', '/support/'],
  ['status page (on demand)', '/status/'],
  ['status API', '/status/api/v2/summary.json'],
  ['status badge', '/status/badge.svg'],
  ['search API', '/api/search?q=mail'],
  ['favicon', '/favicon.svg'],
  ['pagefind script', '/pagefind/pagefind.js'],
  ['unknown page (404)', '/no-such-page/'],
  ['unknown ticket (404)', '/support/tickets/T-0000-0000-0000-0000/'],
  ['feedback with bad input (400)', '/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
  ['console sign-in page', '/console/login/'],
  ['console page for a stranger (303)', '/console/'],
  ['status management API without a token (401)', '/api/status/incidents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
];

describe('every answer carries the security headers', () => {
  it.each(answers)('%s', async (_name, path, init) => {
    const response = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('permissions-policy')).toMatch(/camera=\(\).*microphone=\(\)/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|;)\s*default-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1];
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).toMatch(/'sha256-/);
    // An http site must not pin browsers to https.
    expect(response.headers.has('strict-transport-security')).toBe(false);
    const console = path.startsWith('/console');
    expect(csp.includes("frame-ancestors 'none'")).toBe(console);
    expect(response.headers.get('x-frame-options')).toBe(console ? 'DENY' : null);
  });

  it('an asset too', async () => {
    const response = await fetch(`${base}${await asset()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });

  it('a page’s CSP lists the hash of each of its inline scripts and styles', async () => {
    for (const path of ['/', '/status/', '/console/login/']) {
      const response = await fetch(`${base}${path}`);
      const csp = response.headers.get('content-security-policy')!;
      const html = await response.text();
      const inline = [...html.matchAll(/<(script|style)(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/\1>/g)];
      expect(inline.length).toBeGreaterThan(2);
      for (const [, , body] of inline) {
        const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body))).toString('base64');
        expect(csp, `${path}: ${body.slice(0, 60)}`).toContain(`'sha256-${digest}'`);
      }
    }
  });
});

describe('framing', () => {
  it('a page can frame an article but not the console', async () => {
    const browser = await launchBrowser();
    const page = await browser.newPage();
    // A page framing both. It stands on the same origin, as Chromium keeps other origins from
    // loading loopback addresses at all; frame-ancestors 'none' refuses even this one.
    const framer = `${base}/framer.html`;
    await page.route(framer, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<iframe name="article" src="${base}/articles/email/mail-client-settings/"></iframe><iframe name="console" src="${base}/console/login/"></iframe>`,
    }));
    await page.goto(framer);
    const article = page.frameLocator('iframe[name="article"]');
    await article.getByRole('heading', { level: 1 }).waitFor();
    // Chromium replaces a refused frame with an error page: the sign-in form never appears in it.
    await expect.poll(() => page.frame({ name: 'console' })?.url()).toMatch(/^chrome-error:/);
    expect(await page.frameLocator('iframe[name="console"]').getByLabel('Password').count()).toBe(0);
    await browser.close();
  });
});

describe('an https site', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // SITE_URL is read when serving as well as when building, so the same build serves it.
    server = await startServer({ SITE_URL: 'https://help.alpenhost.example', DATABASE_URL: 'file::memory:' });
  });
  afterAll(() => server?.stop());

  it.each(['/', '/status/', '/no-such-page/', '/console/login/', '/api/search?q=mail'])('tells browsers to keep to https on %s', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
