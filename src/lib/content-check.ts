// Whole-corpus checks that a per-file schema cannot make: frontmatter validity with file-named
// messages, unknown categories, duplicate slugs, related slugs and every internal link/anchor.
import { createHash } from 'node:crypto';
import { checkYaml, parseFrontmatterFile, readYaml } from './content-files.ts';
import { articleSchema, categorySchema, type ArticleData, type Category } from './article-schema.ts';

export interface SourceFile {
  /** Path shown in messages, e.g. "content/articles/email/imap.mdx". */
  file: string;
  source: string;
}

export interface CheckedArticle {
  file: string;
  category: string;
  slug: string;
  data: ArticleData;
  body: string;
  /** Lines before the body (the frontmatter), to report file line numbers. */
  bodyLine: number;
  anchors: Set<string>;
  revision: string;
}

export interface CorpusCheck {
  errors: string[];
  categories: Category[];
  articles: CheckedArticle[];
}

/** Pages that exist outside the article tree; links to them are always valid. */
export const sitePages = ['/', '/articles/', '/search/', '/support/', '/status/'];

/** Lines of the body outside fenced code blocks, with their 1-based line numbers. */
function proseLines(body: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let fence: string | null = null;
  body.split('\n').forEach((text, i) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker) {
      if (!fence) fence = marker[0];
      else if (marker[0] === fence) fence = null;
      return;
    }
    if (!fence) out.push({ text, line: i + 1 });
  });
  return out;
}

/** Internal links in Markdown (`](…)`) and JSX/HTML (`href="…"`), outside code. */
export function internalLinks(body: string): Array<{ href: string; line: number }> {
  const links: Array<{ href: string; line: number }> = [];
  for (const { text, line } of proseLines(body)) {
    const code = text.replace(/`[^`]*`/g, '');
    for (const m of code.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|href=["']([^"']+)["']/g)) {
      const href = m[1] ?? m[2];
      if ((href.startsWith('/') && !href.startsWith('//')) || href.startsWith('#')) links.push({ href, line });
    }
  }
  return links;
}

/** An article's revision: a short hash of its source file, stored with each feedback vote. */
export function revisionOf(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 16);
}

export function articleUrl(category: string, slug: string): string {
  return `/articles/${category}/${slug}/`;
}

export function checkCorpus(input: {
  categoriesFile: string;
  categoriesSource: string;
  articles: SourceFile[];
  /** True when a path is served from public/ (images, captions...). */
  publicFileExists?: (path: string) => boolean;
  /**
   * The ids the rendered page gives an article's headings (src/loaders/render-article.ts,
   * `articleHeadingIds`): links are checked against the anchors that really exist.
   */
  headingIds: (source: string) => Iterable<string>;
}): CorpusCheck {
  const errors: string[] = [];
  const categories: Category[] = [];

  const yaml = readYaml(input.categoriesFile, input.categoriesSource);
  if (!yaml.ok) errors.push(...yaml.errors);
  else if (yaml.value.value !== undefined && !Array.isArray(yaml.value.value)) {
    errors.push(`${input.categoriesFile}:1: must be a list of categories`);
  } else if (Array.isArray(yaml.value.value)) {
    yaml.value.value.forEach((raw, i) => {
      const parsed = checkYaml(input.categoriesFile, yaml.value, raw, categorySchema, { at: [i] });
      if (!parsed.ok) errors.push(...parsed.errors);
      else if (categories.some((c) => c.id === parsed.value.id)) {
        errors.push(`${input.categoriesFile}:${yaml.value.lineOf([i, 'id'])}: [${i}].id "${parsed.value.id}" is declared twice`);
      } else categories.push(parsed.value);
    });
  }
  const categoryIds = new Set(categories.map((c) => c.id));

  const articles: CheckedArticle[] = [];
  const bySlug = new Map<string, CheckedArticle>();
  for (const { file, source } of input.articles) {
    const parts = file.replace(/\\/g, '/').split('/');
    const slug = parts.at(-1)!.replace(/\.mdx$/, '');
    const category = parts.at(-2) ?? '';
    const parsed = parseFrontmatterFile(file, source, articleSchema, {
      holds: 'title, description, type and updated',
      allowedKeys: (path) => (path.length ? undefined : Object.keys(articleSchema.shape)),
    });
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      continue;
    }
    const { data, body, bodyLine } = parsed.value;
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      errors.push(`${file}: file name must be a lowercase slug such as "renew-a-domain.mdx"`);
      continue;
    }
    if (!categoryIds.has(category)) {
      errors.push(`${file}: folder "${category}" is not a category declared in ${input.categoriesFile}`);
      continue;
    }
    const previous = bySlug.get(slug);
    if (previous) {
      errors.push(`${file}: slug "${slug}" is already used by ${previous.file}; article slugs must be unique`);
      continue;
    }
    const article = { file, category, slug, data, body, bodyLine, anchors: new Set(input.headingIds(source)), revision: revisionOf(source) };
    bySlug.set(slug, article);
    articles.push(article);
  }

  const byUrl = new Map(articles.map((a) => [articleUrl(a.category, a.slug), a]));
  const pages = new Set([...sitePages, ...categories.map((c) => `/articles/${c.id}/`)]);

  for (const article of articles) {
    article.data.related.forEach((slug, i) => {
      const target = bySlug.get(slug);
      if (!target) errors.push(`${article.file}: related[${i}] "${slug}" is not the slug of any article`);
      else if (target.data.draft && !article.data.draft) errors.push(`${article.file}: related[${i}] "${slug}" is a draft and is not published`);
      else if (target === article) errors.push(`${article.file}: related[${i}] lists the article itself`);
    });
    for (const { href, line } of internalLinks(article.body)) {
      const [rawPath, anchor] = href.split('#', 2) as [string, string | undefined];
      const pathOnly = rawPath.split('?')[0];
      const where = `${article.file}:${line + article.bodyLine}: link "${href}"`;
      if (pathOnly === '') {
        if (anchor && !article.anchors.has(anchor)) errors.push(`${where} points to no heading in this article`);
        continue;
      }
      const target = byUrl.get(pathOnly) ?? byUrl.get(`${pathOnly}/`);
      if (target) {
        if (!pathOnly.endsWith('/')) errors.push(`${where} must end with a slash: ${pathOnly}/`);
        else if (target.data.draft && !article.data.draft) errors.push(`${where} points to a draft that is not published`);
        else if (anchor && !target.anchors.has(anchor)) {
          errors.push(`${where} points to no heading "#${anchor}" in ${target.file}`);
        }
        continue;
      }
      if (pages.has(pathOnly)) continue;
      if (input.publicFileExists?.(pathOnly)) continue;
      errors.push(`${where} points to no page (articles are linked as /articles/<category>/<slug>/)`);
    }
  }

  return { errors, categories, articles };
}
