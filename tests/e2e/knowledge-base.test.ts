// A customer browsing: home → category → article, what an article offers, the 404 page, the
// sitemap and robots.txt, themes, and accessibility of each page (axe-core).
import { describe, expect, inject, it } from 'vitest';
import { axeViolations, useBrowser } from './browser';

const base = inject('baseUrl');
const { browser, page } = useBrowser();

describe('browsing the knowledge base', () => {
  it('goes from the home page to a category and on to an article', async () => {
    await page.goto(`${base}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('How can we help?');
    const categoryCard = page.getByRole('link', { name: /Email setup/ });
    expect(await categoryCard.textContent()).toMatch(/\d+ articles/);
    await page.getByRole('heading', { name: 'Popular articles' }).waitFor();
    await page.getByRole('heading', { name: 'Recently updated' }).waitFor();

    await categoryCard.click();
    await page.waitForURL(`${base}/articles/email/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Email setup');

    await page.getByRole('link', { name: /Which server settings do I use/ }).click();
    await page.waitForURL(`${base}/articles/email/mail-client-settings/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('server settings');
  });

  it('shows breadcrumbs, a table of contents that jumps to headings, the update date, related articles and a way to support', async () => {
    await page.goto(`${base}/articles/email/mail-client-settings/`);
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    expect(await crumbs.getByRole('link').allTextContents()).toEqual(['Help center', 'Knowledge base', 'Email setup']);
    expect(await page.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const toc = page.getByRole('complementary', { name: 'On this page' });
    const first = toc.getByRole('link').first();
    const target = (await first.getAttribute('href'))!;
    await first.click();
    expect(page.url()).toContain(target);
    expect(await page.locator(target).count()).toBe(1);

    const related = page.getByRole('heading', { name: 'Related articles' });
    await related.waitFor();
    const support = page.getByRole('region', { name: 'More help' }).getByRole('link', { name: 'Contact support' });
    expect(await support.getAttribute('href')).toBe('/support/?article=mail-client-settings');
  });

  it('renders the authoring components: steps, callouts, a settings table with copyable values', async () => {
    await page.goto(`${base}/articles/email/set-up-mail-on-iphone/`);
    const steps = page.locator('.steps > ol > li');
    expect(await steps.count()).toBeGreaterThan(2);
    await page.goto(`${base}/articles/email/mail-client-settings/`);
    const table = page.getByRole('table', { name: 'Incoming mail (IMAP, recommended)' });
    expect(await table.getByRole('rowheader', { name: 'Port' }).count()).toBe(1);
    expect(await table.textContent()).toContain('993');
    await page.getByRole('button', { name: /Copy Server/ }).first().waitFor();
    expect(await page.getByRole('note').count()).toBeGreaterThan(0);
  });

  it('answers an unknown address with a 404 page that offers search', async () => {
    const response = await page.goto(`${base}/articles/email/no-such-article/`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('can’t find that page');
    await page.getByRole('main').getByRole('searchbox').waitFor();
  });

  it('publishes a sitemap with every article and a robots.txt that points to it', async () => {
    const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
    expect(sitemap).toContain('/articles/email/mail-client-settings/</loc>');
    expect(sitemap.match(/<url>/g)!.length).toBeGreaterThan(50);
    const robots = await (await fetch(`${base}/robots.txt`)).text();
    expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/);
  });

  it('serves pages compressed and build assets with a year of immutable caching', async () => {
    const res = await fetch(`${base}/articles/email/mail-client-settings/`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toContain('must-revalidate');
    const html = await res.text();
    const asset = /src="(\/_astro\/[^"]+\.js)"/.exec(html)![1];
    expect((await fetch(`${base}${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('switches to the dark theme and remembers it on the next page', async () => {
    await page.goto(`${base}/`);
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await toggle.click();
    const after = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(after).not.toBe(before);
    await page.goto(`${base}/articles/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(after);
    await page.evaluate(() => localStorage.removeItem('cairn-theme'));
  });
});

describe('privacy-friendly video', () => {
  it('contacts the video host only after the reader presses play, with captions on', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const external: string[] = [];
    await p.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => { external.push(route.request().url()); return route.abort(); });
    await p.goto(`${base}/articles/email/mailbox-setup-video/`);
    await p.waitForLoadState('networkidle');
    expect(external).toEqual([]);
    await p.getByText('Read the transcript').waitFor();
    await p.getByRole('button', { name: /Play video/ }).click();
    const frame = p.locator('iframe');
    expect(await frame.getAttribute('src')).toMatch(/youtube-nocookie\.com\/embed\/.*cc_load_policy=1/);
    await context.close();
  });
});

describe('accessibility (axe-core)', () => {
  it.each([
    ['home', '/'],
    ['knowledge base index', '/articles/'],
    ['category', '/articles/domains-dns/'],
    ['article with settings tables', '/articles/email/mail-client-settings/'],
    ['tutorial with steps and video', '/articles/email/mailbox-setup-video/'],
    ['search with results', '/search/?q=domain'],
    ['404', '/nope/'],
    ['support', '/support/'],
  ])('%s page has no violations in light and dark themes', async (_name, path) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const p = await context.newPage();
      await p.goto(`${base}${path}`);
      if (path.startsWith('/search/')) await p.locator('.hit').first().waitFor();
      expect(await axeViolations(p), `${path} (${colorScheme})`).toEqual([]);
      await context.close();
    }
  });
});
