// Checks that scripts/corpus/generate.ts writes a corpus the site can build from: valid content, resolvable links, stable output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleSchema, categorySchema } from '../../src/lib/article-schema';
import { readCorpus } from '../../src/integrations/content-check';
import { articleHeadingIds } from '../../src/loaders/render-article';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/corpus/generate.ts');
const ICONS = ['globe', 'mail', 'server', 'cloud', 'card', 'ticket', 'shield', 'lifebuoy', 'book'];
const COMPONENT_LINE = /^(<Callout |<\/Callout>|<Steps>|<\/Steps>|<SettingsTable |<Video |<\/Video>)/;

let tmp: string;

function run(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
}

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

interface Article {
  category: string;
  slug: string;
  data: Record<string, unknown>;
  body: string;
  anchors: string[];
}

function withoutFences(body: string) {
  return body.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

function parseArticle(rel: string, src: string): Article {
  const m = src.match(/^---\n([\s\S]*?)\n---\n/);
  if (!m) throw new Error(`${rel}: no frontmatter`);
  const [, category, file] = rel.split(path.sep);
  const body = src.slice(m[0].length);
  const anchors = articleHeadingIds(src);
  return { category, slug: file.replace(/\.mdx$/, ''), data: YAML.parse(m[1]), body, anchors };
}

describe('corpus:generate', () => {
  let out: string;
  let result: ReturnType<typeof run>;
  let files: Map<string, string>;
  let articles: Article[];
  let bySlug: Map<string, Article>;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-generate-'));
    out = path.join(tmp, 'corpus');
    result = run('--count', '60', '--out', out, '--seed', '42');
    files = readTree(out);
    articles = [...files].filter(([rel]) => rel.endsWith('.mdx')).map(([rel, src]) => parseArticle(rel, src));
    bySlug = new Map(articles.map((a) => [a.slug, a]));
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes 60 articles and tells the user how to build them', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(articles).toHaveLength(60);
    for (const rel of files.keys()) expect(rel === 'categories.yaml' || /^articles\/[^/]+\/[^/]+\.mdx$/.test(rel), rel).toBe(true);
    expect(result.stdout).toContain('60 articles');
    expect(result.stdout).toContain(`CONTENT_DIR=${out}`);
  });

  it('declares every category folder in a valid categories.yaml', () => {
    const categories = YAML.parse(files.get('categories.yaml')!);
    expect(Array.isArray(categories)).toBe(true);
    expect(categories.length).toBeGreaterThanOrEqual(10);
    expect(categories.length).toBeLessThanOrEqual(16);
    const ids = new Set<string>();
    for (const c of categories) {
      const parsed = categorySchema.safeParse(c);
      expect(parsed.success, `${c.id}: ${parsed.error?.message}`).toBe(true);
      expect(ICONS).toContain(c.icon);
      ids.add(c.id);
    }
    expect(ids.size).toBe(categories.length);
    for (const a of articles) expect(ids, a.category).toContain(a.category);
  });

  it('writes frontmatter that passes the article schema, with unique slugs', () => {
    for (const a of articles) {
      const parsed = articleSchema.safeParse(a.data);
      expect(parsed.success, `${a.slug}: ${parsed.error?.message}`).toBe(true);
      expect(a.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(String(a.data.updated)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(bySlug.size).toBe(articles.length);
    expect(new Set(articles.map((a) => a.data.type))).toEqual(new Set(['faq', 'tutorial', 'video']));
  });

  it('writes bodies with headings and the components each article type needs', () => {
    for (const a of articles) {
      expect(a.anchors.length, a.slug).toBeGreaterThanOrEqual(2);
      expect(a.anchors.length, a.slug).toBeLessThanOrEqual(8);
      expect(a.body).not.toMatch(/^import /m);
      if (a.data.type === 'tutorial') expect(a.body, a.slug).toMatch(/<Steps>\n\n1\. [\s\S]*\n\n<\/Steps>/);
      if (a.data.type === 'video') {
        expect(a.body, a.slug).toMatch(/<Video provider="youtube" id="[A-Za-z0-9_-]{11}" title="[^"]+" duration="\d+:[0-5]\d">/);
      }
    }
    const all = articles.map((a) => a.body).join('\n');
    for (const marker of ['<Callout type="', '<SettingsTable caption="', '```', '\n| ', '\n- ']) expect(all).toContain(marker);
  });

  it('keeps prose free of characters MDX would read as JSX, so every article compiles', () => {
    for (const a of articles) {
      for (const line of withoutFences(a.body).split('\n')) {
        if (COMPONENT_LINE.test(line)) continue;
        expect(line.replace(/`[^`]*`/g, ''), a.slug).not.toMatch(/[{}<]/);
      }
    }
  });

  it('passes the same corpus check as the site build: links, anchors, related slugs, drafts', () => {
    const check = readCorpus(out, path.join(root, 'public'));
    expect(check.errors).toEqual([]);
    expect(check.articles).toHaveLength(60);
    const hrefs = articles.flatMap((a) => [...a.body.matchAll(/\]\((\/articles\/[^)\s]+)\)/g)].map((m) => m[1]));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.some((h) => h.includes('#'))).toBe(true);
  });

  it('gives the same corpus for the same seed and a different one for another seed', () => {
    const again = path.join(tmp, 'again');
    const other = path.join(tmp, 'other');
    expect(run('--count', '60', '--out', again, '--seed', '42').status).toBe(0);
    expect(run('--count', '60', '--out', other, '--seed', '43').status).toBe(0);
    expect(readTree(again)).toEqual(files);
    const otherFiles = readTree(other);
    expect([...otherFiles.keys()].filter((k) => k.endsWith('.mdx'))).toHaveLength(60);
    expect(otherFiles).not.toEqual(files);
  });

  it('refuses a non-empty output directory unless --force is given', () => {
    const dir = path.join(tmp, 'occupied');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    const refused = run('--count', '5', '--out', dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/not empty.*--force/);
    expect(fs.readdirSync(dir)).toEqual(['keep.txt']);

    const forced = run('--count', '5', '--out', dir, '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'keep.txt'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'categories.yaml'))).toBe(true);
  });

  it('explains bad arguments and exits 1', () => {
    for (const args of [[], ['--count', 'many', '--out', path.join(tmp, 'x')], ['--count', '5'], ['--count', '5', '--out', path.join(tmp, 'x'), '--colour']]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/corpus-generate: .+/);
    }
    expect(fs.existsSync(path.join(tmp, 'x'))).toBe(false);
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--count');
  });
});
