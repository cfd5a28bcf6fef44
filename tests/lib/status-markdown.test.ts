import { describe, expect, it } from 'vitest';
import { statusMarkdown } from '../../src/lib/status-markdown';

// The page's side of the one engine; the feeds' side (shifted headings, absolute links) is in
// status-feeds.test.ts.
describe.each([
  ['renders bold, code and a list', '**Fixed**: run `dig`\n\n- one\n- two', '<p><strong>Fixed</strong>: run <code>dig</code></p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n'],
  ['keeps headings at the level written', '## Cause\nA filter.', '<h2>Cause</h2>\n<p>A filter.</p>\n'],
  ['keeps a root-relative link on this site', '[guide](/articles/mail/imap/)', '<p><a href="/articles/mail/imap/">guide</a></p>\n'],
  ['keeps an https link with its title', '[log](https://x.ch/?a=1&b=2 "Log")', '<p><a href="https://x.ch/?a=1&amp;b=2" title="Log">log</a></p>\n'],
  ['leaves a javascript: link as text', '[click](javascript:alert(1))', '<p>[click](javascript:alert(1))</p>\n'],
  ['leaves a VBScript link as text, whatever its case', '[x](VBScript:msgbox)', '<p>[x](VBScript:msgbox)</p>\n'],
  ['escapes a raw HTML block', '<div onclick="x()">hi</div>', '<p>&lt;div onclick=&quot;x()&quot;&gt;hi&lt;/div&gt;</p>\n'],
  ['escapes inline HTML', 'a <b onmouseover="x()">b</b>', '<p>a &lt;b onmouseover=&quot;x()&quot;&gt;b&lt;/b&gt;</p>\n'],
])('status Markdown on the page', (behaviour, markdown, html) => {
  it(behaviour, () => {
    expect(statusMarkdown(markdown)).toBe(html);
  });
});
