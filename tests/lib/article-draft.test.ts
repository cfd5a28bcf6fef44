import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { draftSource, maxSlugLength, placeholderDescription, slugFromTitle, uniqueSlug } from '../../src/lib/article-draft';
import { articleSchema, articleTypes } from '../../src/lib/article-schema';
import { articleHeadingIds } from '../../src/loaders/render-article';
import { splitFrontmatter } from '../../src/lib/content-files';

describe.each<[behaviour: string, title: string, slug: string]>([
  ['a question loses its punctuation', 'How do I change my DNS TTL?', 'how-do-i-change-my-dns-ttl'],
  ['accents fold to plain letters', 'Réseau privé: configurer le pare-feu', 'reseau-prive-configurer-le-pare-feu'],
  ['apostrophes join the word', "What's the difference between A and AAAA?", 'whats-the-difference-between-a-and-aaaa'],
  ['a typographic apostrophe too', 'Can’t receive mail', 'cant-receive-mail'],
  ['runs of symbols become one hyphen', 'PHP 8.3 -> 8.4 / upgrade', 'php-8-3-8-4-upgrade'],
  ['a long title is cut at a word boundary',
    'How do I move a WordPress site with a large database and many plugins to a new server without downtime?',
    'how-do-i-move-a-wordpress-site-with-a-large-database-and'],
  ['a single overlong word is cut where it is', 'x'.repeat(80), 'x'.repeat(maxSlugLength)],
  ['no Latin letter or digit gives nothing', 'Как сменить пароль?', ''],
])('slugFromTitle: %s', (_behaviour, title, slug) => {
  it(`${JSON.stringify(title)} → ${JSON.stringify(slug)}`, () => {
    expect(slugFromTitle(title)).toBe(slug);
    expect(slug.length).toBeLessThanOrEqual(maxSlugLength);
  });
});

describe.each<[behaviour: string, slug: string, taken: string[], unique: string]>([
  ['a free slug is kept', 'renew-a-domain', ['register-a-domain'], 'renew-a-domain'],
  ['a taken slug gets -2', 'renew-a-domain', ['renew-a-domain'], 'renew-a-domain-2'],
  ['and -3 when -2 is taken too', 'renew-a-domain', ['renew-a-domain', 'renew-a-domain-2'], 'renew-a-domain-3'],
  ['a full-length slug is shortened to fit its suffix', 'a'.repeat(55) + '-bcde', ['a'.repeat(55) + '-bcde'], 'a'.repeat(55) + '-bc-2'],
  ['without leaving a hyphen before the suffix', 'a'.repeat(57) + '-bc', ['a'.repeat(57) + '-bc'], 'a'.repeat(57) + '-2'],
])('uniqueSlug: %s', (_behaviour, slug, taken, unique) => {
  it(`${slug} → ${unique}`, () => {
    expect(uniqueSlug(slug, new Set(taken))).toBe(unique);
    expect(unique.length).toBeLessThanOrEqual(maxSlugLength);
  });
});

describe('draftSource', () => {
  const read = (source: string) => {
    const { frontmatter, body } = splitFrontmatter(source);
    return { data: articleSchema.parse(parseYaml(frontmatter!)), body };
  };

  it.each(articleTypes)('a %s draft passes the article schema, is a draft, and has an opening and two headings', (type) => {
    const { data, body } = read(draftSource({ title: 'How do I change my DNS TTL?', type, updated: '2027-01-15' }));
    expect(data).toMatchObject({
      title: 'How do I change my DNS TTL?', description: placeholderDescription, type, draft: true,
      aliases: ['how do i change my dns ttl?'], related: [], products: [], tags: [], popular: false,
    });
    expect(data.updated).toEqual(new Date('2027-01-15'));
    expect(body.trim().split('\n')[0]).not.toMatch(/^#/);
    expect(articleHeadingIds(body).length).toBe(2);
  });

  it.each([
    ['a colon', 'Video: set up your mailbox'],
    ['quotes and a hash', 'Why does "#" break my "SPF" record?'],
    ['a number alone', '2026'],
    ['a leading dash and brackets', '- [Draft] what is {this}?'],
    ['the longest title allowed', 'Why '.repeat(30).trim()],
  ])('keeps a title with %s exactly, on one line', (_what, title) => {
    const source = draftSource({ title, type: 'faq', updated: '2027-01-15' });
    const { data } = read(source);
    expect(data.title).toBe(title);
    expect(data.aliases).toEqual([title.toLowerCase()]);
    expect(source.split('\n')[1]).toMatch(/^title: /);
  });
});
