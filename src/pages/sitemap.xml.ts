// /sitemap.xml: every public page, with each article's last update.
import type { APIRoute } from 'astro';
import { loadKb } from '../data/kb';

export const GET: APIRoute = async ({ site }) => {
  const { categories, articles } = await loadKb();
  const url = (path: string) => new URL(path, site).href;
  const entries = [
    { loc: url('/') },
    { loc: url('/articles/') },
    { loc: url('/support/') },
    ...categories.map((c) => ({ loc: url(`/articles/${c.id}/`) })),
    ...articles.map((a) => ({ loc: url(a.url), lastmod: a.entry.data.updated.toISOString().slice(0, 10) })),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries
    .map((e) => `  <url><loc>${e.loc}</loc>${'lastmod' in e ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`)
    .join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
