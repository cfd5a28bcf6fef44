import { describe, expect, it } from 'vitest';
import { checkCorpus, internalLinks } from '../../src/lib/content-check';
import { articleHeadingIds } from '../../src/loaders/render-article';

const categories = `- { id: email, title: Email setup, description: Mailboxes and mail apps., order: 1 }
- { id: domains, title: Domains, description: Names and DNS zones., order: 2 }`;

function article(fields: Record<string, unknown>, body = 'Short answer.\n\n## First step\n\nText.\n') {
  const fm = { title: 'A question customers ask', description: 'What this article answers, briefly.', type: 'faq', updated: '2026-10-01', ...fields };
  const yaml = Object.entries(fm).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n');
  return `---\n${yaml}\n---\n${body}`;
}

function check(files: Record<string, string>, categoriesSource = categories) {
  return checkCorpus({
    categoriesFile: 'content/categories.yaml',
    categoriesSource,
    articles: Object.entries(files).map(([file, source]) => ({ file: `content/articles/${file}`, source })),
    headingIds: (source) => articleHeadingIds(source),
  });
}

// The link check takes anchors from the renderer (src/loaders/render-article.ts), so these are
// the ids the article's page really has.
const headingAnchors = (body: string) => articleHeadingIds(body);

describe('heading anchors', () => {
  it.each([
    ['## Restore during redemption', 'restore-during-redemption'],
    ['### Port 587 (STARTTLS) vs. 465?', 'port-587-starttls-vs-465'],
    ['## Use **IMAP**, not `POP`', 'use-imap-not-pop'],
  ])('"%s" gets the id #%s', (heading, id) => {
    expect([...headingAnchors(`${heading}\n`)]).toEqual([id]);
  });

  it('numbers repeated headings the way the rendered page does', () => {
    expect([...headingAnchors('## Steps\n\n## Steps\n')]).toEqual(['steps', 'steps-1']);
  });

  it('ignores lines that only look like headings inside code blocks', () => {
    expect([...headingAnchors('```bash\n# not a heading\n```\n## Real\n')]).toEqual(['real']);
  });

  it.each([
    // The old regex kept the straight quote, both dashes and the dots; the page shows "Don’t – panic…".
    ["## Don't -- panic...", 'dont--panic'],
    // The old regex dropped underscores, which GitHub's slugger keeps.
    ['## The smtp_port setting', 'the-smtp_port-setting'],
  ])('"%s" gets the page\'s id #%s, where the old link check computed another', (heading, id) => {
    expect(headingAnchors(`${heading}\n`)).toEqual([id]);
  });
});

describe('internal links', () => {
  it('finds Markdown and JSX links to site paths and same-page anchors, not external or code', () => {
    const body = [
      'See [renewal](/articles/domains/renew/#before-expiry) and [top](#intro).',
      '<a href="/support/">support</a> or [the web](https://example.com/) and `[x](/not/a/link/)`.',
      '```md',
      '[inside](/code/)',
      '```',
    ].join('\n');
    expect(internalLinks(body).map((l) => l.href)).toEqual(['/articles/domains/renew/#before-expiry', '#intro', '/support/']);
  });
});

describe('corpus check', () => {
  it('accepts a valid corpus and links between its articles, anchors included', () => {
    const result = check({
      'email/imap.mdx': article({ related: ['renew'] }, 'See [renewing](/articles/domains/renew/#before-expiry).\n'),
      'domains/renew.mdx': article({}, '## Before expiry\n\nRenew early. Back to [mail](/articles/email/imap/) or [search](/search/).\n'),
    });
    expect(result.errors).toEqual([]);
    expect(result.articles.map((a) => a.slug)).toEqual(['imap', 'renew']);
  });

  it.each([
    [{ title: 'x' }, 'content/articles/email/a.mdx:2: title must be at least 3 characters'],
    [{ type: 'guide' }, 'content/articles/email/a.mdx:4: type must be one of faq, tutorial, video'],
    [{ updated: 'yesterday' }, 'content/articles/email/a.mdx:5: updated must be a date such as 2026-11-30'],
    [{ tier: 'gold' }, 'content/articles/email/a.mdx:6: frontmatter has unknown field(s) "tier"; allowed: title'],
    [{ related: ['Not A Slug'] }, 'content/articles/email/a.mdx:6: related[0] must be a lowercase slug'],
  ])('names the file, line and field when frontmatter is wrong (%o)', (fields, message) => {
    const { errors } = check({ 'email/a.mdx': article(fields) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it('accepts a link to a heading by the id the rendered page gives it, and refuses the one a regex would guess', () => {
    const { errors } = check({
      'email/a.mdx': article({}, "## Don't -- panic...\n\nSee [calm](#dont--panic) and [guess](#dont----panic).\n"),
    });
    expect(errors).toEqual(['content/articles/email/a.mdx:9: link "#dont----panic" points to no heading in this article']);
  });

  it('reports broken links with file, line and the link, and missing anchors with the target file', () => {
    const { errors } = check({
      'email/a.mdx': article({}, 'Intro.\n\nSee [gone](/articles/email/missing/).\nAnd [b](/articles/email/b/#nowhere).\n'),
      'email/b.mdx': article({}),
    });
    expect(errors).toEqual([
      'content/articles/email/a.mdx:9: link "/articles/email/missing/" points to no page (articles are linked as /articles/<category>/<slug>/)',
      'content/articles/email/a.mdx:10: link "/articles/email/b/#nowhere" points to no heading "#nowhere" in content/articles/email/b.mdx',
    ]);
  });

  it('refuses unknown related slugs, unknown category folders and duplicate slugs', () => {
    const { errors } = check({
      'email/a.mdx': article({ related: ['nope'] }),
      'billing/pay.mdx': article({}),
      'domains/a.mdx': article({}),
    });
    expect(errors).toEqual([
      'content/articles/billing/pay.mdx: folder "billing" is not a category declared in content/categories.yaml',
      'content/articles/domains/a.mdx: slug "a" is already used by content/articles/email/a.mdx; article slugs must be unique',
      'content/articles/email/a.mdx: related[0] "nope" is not the slug of any article',
    ]);
  });

  it('treats a link to a draft as broken, since drafts are not published', () => {
    const { errors } = check({
      'email/a.mdx': article({}, 'See [soon](/articles/email/b/).\n'),
      'email/b.mdx': article({ draft: true }),
    });
    expect(errors).toEqual(['content/articles/email/a.mdx:7: link "/articles/email/b/" points to a draft that is not published']);
  });

  it('names the category entry and field when categories.yaml is wrong', () => {
    const { errors } = check({}, '- { id: Email, title: E, description: short, order: one }');
    expect(errors).toEqual([
      'content/categories.yaml:1: [0].id must be a lowercase slug such as "renew-a-domain"',
      'content/categories.yaml:1: [0].title Too small: expected string to have >=2 characters',
      'content/categories.yaml:1: [0].description Too small: expected string to have >=10 characters',
      'content/categories.yaml:1: [0].order Invalid input: expected number, received string',
    ]);
  });
});
