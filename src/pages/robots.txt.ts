// /robots.txt: everything public may be crawled except staff pages and APIs. /search/ stays
// crawlable: its results are rendered in the browser, so crawlers only ever see the empty form.
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) =>
  new Response(
    `User-agent: *\nAllow: /\nDisallow: /console/\nDisallow: /api/\n\nSitemap: ${new URL('/sitemap.xml', site).href}\n`,
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );
