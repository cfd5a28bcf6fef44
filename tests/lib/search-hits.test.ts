// The hit shape and HTML shared by the server and the browser search.
import { describe, expect, it } from 'vitest';
import { activeFilters, correctionHtml, hitHtml, resultsText, summaryText, toHit } from '../../src/lib/search-hits';

const data = {
  url: '/articles/email/mail-client-settings/',
  excerpt: 'use <mark>port</mark> 465',
  content: 'Mail settings. Use port 465.',
  meta: { title: 'Mail settings', category: 'Email setup', type: 'FAQ' },
  sub_results: [
    { title: 'Mail settings', url: '/articles/email/mail-client-settings/', excerpt: 'page itself' },
    { title: 'Incoming', url: '/articles/email/mail-client-settings/#incoming', excerpt: 'a', locations: [1] },
    { title: 'Outgoing', url: '/articles/email/mail-client-settings/#outgoing', excerpt: 'b' },
    { title: 'Ports', url: '/articles/email/mail-client-settings/#ports', excerpt: 'c' },
    { title: 'Errors', url: '/articles/email/mail-client-settings/#errors', excerpt: 'd' },
  ],
};

describe('toHit', () => {
  it('keeps title, category and kind, and at most three sections that are headings of the page', () => {
    const hit = toHit(data);
    expect(hit).toMatchObject({ url: data.url, title: 'Mail settings', category: 'Email setup', type: 'FAQ', excerpt: data.excerpt });
    expect(hit.subResults).toEqual([
      { title: 'Incoming', url: '/articles/email/mail-client-settings/#incoming', excerpt: 'a' },
      { title: 'Outgoing', url: '/articles/email/mail-client-settings/#outgoing', excerpt: 'b' },
      { title: 'Ports', url: '/articles/email/mail-client-settings/#ports', excerpt: 'c' },
    ]);
  });

  it('falls back to the address when a page has no title', () => {
    expect(toHit({ url: '/x/', excerpt: '', content: '', meta: {} })).toMatchObject({ title: '/x/', subResults: [] });
  });
});

describe('hitHtml', () => {
  it('escapes titles and addresses but keeps the marks of the excerpt', () => {
    const html = hitHtml(toHit({ ...data, meta: { title: '<img src=x onerror=alert(1)>', type: 'FAQ' }, url: '/a/"onmouseover="x' }));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('href="/a/&quot;onmouseover=&quot;x"');
    expect(html).not.toContain('<img');
    expect(html).toContain('use <mark>port</mark> 465');
    expect(html).toContain('<p class="hit-meta">FAQ</p>');
  });
});

describe('summaryText and activeFilters', () => {
  it('counts articles in words', () => {
    expect(summaryText('dns', 0)).toBe('No articles for “dns”');
    expect(summaryText('dns', 1)).toBe('1 article for “dns”');
    expect(summaryText('dns', 12)).toBe('12 articles for “dns”');
  });

  it('passes on only the filters that name a value', () => {
    expect(activeFilters({ category: '', type: 'FAQ' })).toEqual({ type: ['FAQ'] });
    expect(activeFilters({})).toEqual({});
  });
});

describe('correctionHtml and resultsText', () => {
  it('says what was searched and links to the typed words exactly, both escaped', () => {
    const html = correctionHtml('dns <b>recrod', { hits: [], total: 2, plan: { correctedTo: 'dns record' } }, { category: 'Domains & DNS' });
    expect(html).toBe('Showing results for <strong>dns record</strong> — <a href="/search/?q=dns+%3Cb%3Erecrod&amp;category=Domains+%26+DNS&amp;exact=1" data-exact>search instead for dns &lt;b&gt;recrod</a>');
  });

  it('says nothing when nothing was corrected or nothing was found', () => {
    expect(correctionHtml('dns', { hits: [], total: 3, plan: { dropped: ['zzqx'] } })).toBe('');
    expect(correctionHtml('dns recrod', { hits: [], total: 0, plan: { correctedTo: 'dns record' } })).toBe('');
  });

  it('counts results in the singular for one', () => {
    expect([resultsText(1), resultsText(2)]).toEqual(['1 result', '2 results']);
  });
});
