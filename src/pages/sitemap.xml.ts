// /sitemap.xml: every public page, with each article's last update, and the status pages as they
// are now. Rendered on demand: incidents are published while the site runs, without a build.
import type { APIRoute } from 'astro';
import { siteUrl } from '../config';
import { loadKb } from '../data/kb';
import { escapeHtml } from '../lib/html';
import { statusPaths } from '../lib/status';
import { currentStatus, statusCacheHeaders } from '../server/status';

export const prerender = false;

interface Entry { loc: string; lastmod?: string }

const line = (e: Entry) => `  <url><loc>${escapeHtml(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`;
/** An ISO instant as the sitemap's W3C date-time, to the second in UTC. */
const w3c = (iso: string | null) => (iso ? `${new Date(iso).toISOString().slice(0, 19)}Z` : undefined);

// The knowledge base changes only with a build, so its part of the file is written once per server.
let articleLines: Promise<string> | undefined;
function knowledgeBase(url: (path: string) => string): Promise<string> {
  articleLines ??= loadKb().then(({ categories, articles }) =>
    [
      { loc: url('/') },
      { loc: url('/articles/') },
      { loc: url('/support/') },
      ...categories.map((c) => ({ loc: url(`/articles/${c.id}/`) })),
      ...articles.map((a) => ({ loc: url(a.url), lastmod: a.entry.data.updated.toISOString().slice(0, 10) })),
    ].map(line).join('\n'));
  return articleLines;
}

export const GET: APIRoute = async () => {
  // SITE_URL, like every absolute URL the status routes write: never the request's Host.
  const url = (path: string) => new URL(path, siteUrl).href;
  const { incidents, maintenances, updatedAt } = currentStatus();
  const status: Entry[] = [
    { loc: url('/status/'), lastmod: w3c(updatedAt) },
    { loc: url('/status/history/'), lastmod: w3c(updatedAt) },
    ...incidents.map((i) => ({ loc: url(statusPaths.incident(i.id)), lastmod: w3c(i.updatedAt) })),
    ...maintenances.map((m) => ({ loc: url(statusPaths.maintenance(m.id)), lastmod: w3c(m.updatedAt) })),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${await knowledgeBase(url)}\n${status
    .map(line)
    .join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { ...statusCacheHeaders, 'Content-Type': 'application/xml; charset=utf-8' } });
};
