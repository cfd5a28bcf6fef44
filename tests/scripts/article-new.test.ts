// Runs scripts/cli/article-new.ts as an author would, against a small copy of content/ (CONTENT_DIR):
// the draft it writes passes the corpus check, and it never writes over an article.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/integrations/content-check';
import { main } from '../../scripts/cli/article-new';
import { root, runMain, spawnCli, type Result } from './run-cli';


let content: string;
beforeEach(() => {
  content = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-content-'));
  fs.copyFileSync(path.join(root, 'content/categories.yaml'), path.join(content, 'categories.yaml'));
  fs.mkdirSync(path.join(content, 'articles/domains-dns'), { recursive: true });
  // Two articles that link to each other; related lists point outside the copy, so they go.
  for (const slug of ['dns-records-explained', 'point-domain-to-another-host']) {
    const source = fs.readFileSync(path.join(root, `content/articles/domains-dns/${slug}.mdx`), 'utf8');
    fs.writeFileSync(path.join(content, `articles/domains-dns/${slug}.mdx`), source.replace(/^related: .*$/m, 'related: []'));
  }
  expect(corpus().errors).toEqual([]);
});
afterEach(() => fs.rmSync(content, { recursive: true, force: true }));

const corpus = () => readCorpus(content, path.join(root, 'public'));
const listing = () => fs.readdirSync(path.join(content, 'articles'), { recursive: true, encoding: 'utf8' }).sort();

async function articleNew(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return runMain(main, args, { ...process.env, CONTENT_DIR: content, CAIRN_NOW: '2027-01-15T12:00:00Z', TZ: 'Europe/Zurich', ...env });
}

describe('article:new writes a draft', () => {
  it('in the category folder, named from the title, that the corpus check accepts and does not publish', async () => {
    const result = await articleNew(['--title', 'How do I change my DNS TTL?', '--category', 'domains-dns']);
    expect(result.status, result.stderr).toBe(0);
    const file = path.join(content, 'articles/domains-dns/how-do-i-change-my-dns-ttl.mdx');
    expect(result.stdout).toContain(`Created ${file} (FAQ, a draft`);
    expect(result.stdout).toMatch(/delete the line `draft: true` to publish it at \/articles\/domains-dns\/how-do-i-change-my-dns-ttl\//);
    expect(result.stdout).not.toMatch(/problem/);

    const checked = corpus();
    expect(checked.errors).toEqual([]);
    const draft = checked.articles.find((a) => a.slug === 'how-do-i-change-my-dns-ttl');
    expect(draft?.category).toBe('domains-dns');
    expect(draft?.data).toMatchObject({
      title: 'How do I change my DNS TTL?', type: 'faq', draft: true, related: [], aliases: ['how do i change my dns ttl?'],
      updated: new Date('2027-01-15'),
    });
    expect(draft!.data.description.length).toBeGreaterThanOrEqual(10);
    expect([...draft!.anchors]).toHaveLength(2);
  });

  it('of the type asked for', async () => {
    const result = await articleNew(['--title', 'Set up DNSSEC step by step', '--category=domains-dns', '--type', 'tutorial']);
    expect(result.status, result.stderr).toBe(0);
    expect(corpus().articles.find((a) => a.slug === 'set-up-dnssec-step-by-step')?.data).toMatchObject({ type: 'tutorial', draft: true });
  });

  it('dated today on the author\'s calendar', async () => {
    // 23:30 UTC on 14 January is already 15 January in Zurich.
    await articleNew(['--title', 'Late night article', '--category', 'email'], { CAIRN_NOW: '2027-01-14T23:30:00Z' });
    expect(corpus().articles.find((a) => a.slug === 'late-night-article')?.data.updated).toEqual(new Date('2027-01-15'));
  });

  it('with -2, then -3, when the slug is taken, in any category, and leaves the others untouched', async () => {
    const original = fs.readFileSync(path.join(content, 'articles/domains-dns/dns-records-explained.mdx'), 'utf8');
    const second = await articleNew(['--title', 'DNS records explained', '--category', 'email']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/The slug "dns-records-explained" is taken by .*dns-records-explained\.mdx, so this one is "dns-records-explained-2"/);
    const third = await articleNew(['--title', 'DNS records explained!', '--category', 'domains-dns', '--type', 'video']);
    expect(third.status, third.stderr).toBe(0);

    expect(listing()).toEqual([
      'domains-dns', 'domains-dns/dns-records-explained-3.mdx', 'domains-dns/dns-records-explained.mdx', 'domains-dns/point-domain-to-another-host.mdx',
      'email', 'email/dns-records-explained-2.mdx',
    ]);
    expect(fs.readFileSync(path.join(content, 'articles/domains-dns/dns-records-explained.mdx'), 'utf8')).toBe(original);
    expect(corpus().errors).toEqual([]);
  });

  it('counts a broken article\'s file name as taken', async () => {
    fs.writeFileSync(path.join(content, 'articles/domains-dns/renew-a-domain.mdx'), 'no frontmatter yet\n');
    const result = await articleNew(['--title', 'Renew a domain', '--category', 'domains-dns']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/so this one is "renew-a-domain-2"/);
    expect(result.stdout).toMatch(/the rest of the corpus has 1 problem\(s\) of its own/);
    expect(fs.readFileSync(path.join(content, 'articles/domains-dns/renew-a-domain.mdx'), 'utf8')).toBe('no frontmatter yet\n');
  });
});

describe('article:new refuses bad arguments, exits 1 and writes nothing', () => {
  it.each<[behaviour: string, args: string[], problems: RegExp[]]>([
    ['a missing title', ['--category', 'domains-dns'], [/--title is required/]],
    ['a title without a value', ['--title', '--category', 'domains-dns'], [/--title needs a value/]],
    ['a title too short for the schema', ['--title', 'Hi', '--category', 'domains-dns'], [/--title must be at least 3 characters/]],
    ['a title with nothing to make a slug from', ['--title', 'Как сменить пароль?', '--category', 'domains-dns'], [/--title has no Latin letter or digit/]],
    ['an unknown category, listing the valid ones', ['--title', 'How do I change my DNS TTL?', '--category', 'dns'],
      [/--category "dns" is not declared in .*categories\.yaml; use one of domains-dns, email, web-hosting, vps-cloud, billing-account, events-ticketing, security-privacy, support-plans/]],
    ['a missing category', ['--title', 'How do I change my DNS TTL?'], [/--category is required: one of domains-dns, email,/]],
    ['an unknown type', ['--title', 'How do I change my DNS TTL?', '--category', 'email', '--type', 'blog'], [/--type "blog" must be one of faq, tutorial, video/]],
    ['every problem at once', ['How', 'do', 'I', '--category', 'nope', '--type', 'howto', '--slug', 'x'],
      [/--slug is not an option/, /unexpected "How do I"; put the title in quotes/, /--title is required/, /--type "howto"/, /--category "nope"/]],
  ])('%s', async (_behaviour, args, problems) => {
    const before = listing();
    const result = await articleNew(args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`found ${problems.length} problem\\(s\\); nothing was written`));
    for (const problem of problems) expect(result.stderr).toMatch(problem);
    expect(result.stdout).toBe('');
    expect(listing()).toEqual(before);
  });

  it('a content folder without categories.yaml', async () => {
    fs.rmSync(path.join(content, 'categories.yaml'));
    const result = await articleNew(['--title', 'How do I change my DNS TTL?', '--category', 'domains-dns']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/categories\.yaml is missing; CONTENT_DIR .* must hold categories\.yaml and articles\//);
  });
});

describe('node scripts/cli/article-new.ts', () => {
  it('runs as a program: a refused draft reaches the shell as exit code 1 and writes nothing', async () => {
    const before = listing();
    const result = await spawnCli('article-new', ['--title', 'How do I move my DNS?', '--category', 'no-such-category'], { ...process.env, CONTENT_DIR: content, CAIRN_NOW: '2027-01-15T12:00:00Z' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no-such-category');
    expect(listing()).toEqual(before);
  });
});
