// Excerpts made from a page's indexed text: every searched word marked, the window showing the
// most different words, headed sections that hold them, and the page's text escaped.
import { describe, expect, it } from 'vitest';
import { excerptWords, pageHit, wordStems, type PageText } from '../../src/lib/search-excerpt';

const filler = (n: number, word = 'lorem') => Array.from({ length: n }, () => word).join(' ');
const page = (content: string, anchors: PageText['anchors'] = []): PageText => ({
  url: '/articles/email/outgoing/', content, meta: { title: 'Outgoing mail', category: 'Email setup', type: 'FAQ' }, anchors,
});
const marked = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);

describe('wordStems', () => {
  it('matches plural, past and -ing forms of a word as the index stems them', () => {
    expect(wordStems(['configure'])).toEqual(['configur']);
    expect(wordStems(['ports', 'ssl'])).toEqual(['port', 'ssl']);
  });
});

describe('pageHit', () => {
  it('shows the window holding the most different searched words, each marked', () => {
    const content = `${filler(40)} mail mail mail mail ${filler(40)} the outgoing mail server uses port 587 ${filler(40)}`;
    const hit = pageHit(page(content), ['outgoing', 'mail', 'port']);
    expect(marked(hit.excerpt)).toEqual(['outgoing', 'mail', 'port']);
    expect(hit.excerpt.split(' ').length).toBe(excerptWords);
    expect(hit).toMatchObject({ url: '/articles/email/outgoing/', title: 'Outgoing mail', category: 'Email setup', type: 'FAQ' });
  });

  it('marks other forms of a word and leaves words that only contain it alone', () => {
    const hit = pageHit(page('Open the Ports you need; configuring a firewall or passport checks'), ['port', 'configure']);
    expect(marked(hit.excerpt)).toEqual(['Ports', 'configuring']);
  });

  it('matches words written with typographic apostrophes, ligatures or accents as the index does', () => {
    const hit = pageHit(page('Don’t upload the ﬁle twice; Straße names and Ärger work, but \u2028 spacing\tand\u00a0breaks  too'), ['dont', 'file', 'ärger', 'spacing', 'breaks']);
    expect(marked(hit.excerpt)).toEqual(['Don’t', 'ﬁle', 'Ärger', 'spacing', 'breaks']);
    expect(hit.excerpt).toContain('<mark>spacing</mark> and <mark>breaks</mark> too');
  });

  it('escapes the page text, so markup in an article is shown, never run', () => {
    const hit = pageHit(page('Paste <script>alert(1)</script> & check the mail header'), ['mail']);
    expect(hit.excerpt).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; check the <mark>mail</mark> header');
  });

  it('lists up to three headed sections holding the words, those holding the most different words first', () => {
    const content = [
      'Intro text about mail.', filler(20), // 0..23
      'Incoming server', 'imap uses port 993', filler(20),
      'Outgoing server', 'smtp sends mail on port 587', filler(20),
      'Webmail', filler(10, 'mail'),
      'Billing', filler(20),
    ].join(' ');
    const words = content.split(' ');
    const at = (text: string) => words.indexOf(text.split(' ')[0], 1);
    const anchors = [
      { element: 'h2', id: 'incoming', text: 'Incoming server', location: at('Incoming') },
      { element: 'h2', id: 'outgoing', text: 'Outgoing server', location: at('Outgoing') },
      { element: 'h2', id: 'webmail', text: 'Webmail', location: at('Webmail') },
      { element: 'h2', id: 'billing', text: 'Billing', location: at('Billing') },
      { element: 'div', id: 'box', text: 'Not a heading', location: 1 },
    ];
    const hit = pageHit(page(content, anchors), ['mail', 'port']);
    expect(hit.subResults.map((s) => s.url)).toEqual(['/articles/email/outgoing/#outgoing', '/articles/email/outgoing/#webmail', '/articles/email/outgoing/#incoming']);
    expect(marked(hit.subResults[0].excerpt)).toEqual(['mail', 'port']);
    expect(hit.subResults[0].title).toBe('Outgoing server');
  });

  it('shows the start of the page when no word is found in its text (a match on its title only)', () => {
    const hit = pageHit(page(`First words here ${filler(50)}`), ['renewal']);
    expect(hit.excerpt.startsWith('First words here')).toBe(true);
    expect(hit.subResults).toEqual([]);
  });
});
