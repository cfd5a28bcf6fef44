// Every route under src/pages/console/, found on disk, is closed to strangers: a new console page
// or endpoint cannot ship open by forgetting a check. The sign-in
// page is the one exception, and it is named here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const base = inject('baseUrl');

/** Routes a stranger may use, by file. Adding one here needs a reason in review. */
const publicRoutes = ['src/pages/console/login.astro'];

/** Sample values for dynamic segments: a well-formed ticket reference, else a plain word. */
const samples: Record<string, string> = { reference: 'T-0000-0000-0000-0000' };
const routeExtensions = /\.(astro|md|mdx|html|ts|js|mjs)$/;

interface Route { file: string; url: string }

function routesUnder(dir: string): Route[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    .map((relative) => relative.split(path.sep).join('/'))
    // Astro ignores files and folders starting with an underscore.
    .filter((relative) => routeExtensions.test(relative) && !relative.split('/').some((part) => part.startsWith('_')))
    .sort()
    .map((relative) => {
      const file = `${dir}/${relative}`;
      const endpoint = /\.(ts|js|mjs)$/.test(relative);
      const segments = relative.replace(routeExtensions, '').split('/').filter((s) => s !== 'index');
      const filled = segments.map((s) => s.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_m, name: string) => samples[name] ?? 'x'));
      const joined = ['/console', ...filled].join('/');
      return { file, url: endpoint ? joined : `${joined}/` };
    });
}

const all = routesUnder('src/pages/console');
const guarded = all.filter((r) => !publicRoutes.includes(r.file));

it('finds the console routes on disk, including the public sign-in page', () => {
  expect(all.map((r) => r.file)).toEqual(expect.arrayContaining([...publicRoutes, 'src/pages/console/index.astro', 'src/pages/console/logout.ts']));
  expect(guarded.length).toBe(all.length - publicRoutes.length);
});

describe.each(guarded)('$file ($url)', ({ url }) => {
  it('sends a stranger\'s GET to sign in, remembering the page', async () => {
    const response = await fetch(`${base}${url}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/console/login/?next=${encodeURIComponent(url)}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a stranger\'s same-site POST', async () => {
    const response = await fetch(`${base}${url}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=close',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/login/');
  });

  it('refuses a cross-site POST with 403', async () => {
    const response = await fetch(`${base}${url}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=close',
    });
    expect(response.status).toBe(403);
  });
});

describe('the public sign-in page', () => {
  it('shows the form to a stranger', async () => {
    const response = await fetch(`${base}/console/login/`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('name="password"');
  });
});
