// Astro integration: runs the corpus checks before the build and fails it with every problem
// listed by file and field, so authors fix them all in one pass.
import fs from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { articleUrl, checkCorpus, type CheckedArticle } from '../lib/content-check.ts';
import { articleHeadingIds } from '../loaders/render-article.ts';
import type { SlaPolicy } from '../lib/sla.ts';
import { parseStatusFiles } from '../lib/status.ts';
import { parseSupportFiles, type SupportCheck, type SupportContent } from '../lib/support-content.ts';
import { checkSynonyms } from '../lib/search-synonyms-fs.ts';
import { parseStatusTemplates, type StatusTemplates, type TemplatesCheck } from '../lib/status-templates.ts';

function listMdx(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** The corpus checked as the site renders it; `policy` lets <Sla> in a heading give it its real id. */
export function readCorpus(contentDir: string, publicDir: string, policy?: SlaPolicy) {
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const categoriesPath = path.join(contentDir, 'categories.yaml');
  const files = listMdx(path.join(contentDir, 'articles'));
  return checkCorpus({
    categoriesFile: rel(categoriesPath),
    categoriesSource: fs.existsSync(categoriesPath) ? fs.readFileSync(categoriesPath, 'utf8') : '',
    articles: files.map((f) => ({ file: rel(f), source: fs.readFileSync(f, 'utf8') })),
    publicFileExists: (p) => fs.existsSync(path.join(publicDir, decodeURIComponent(p))),
    headingIds: (source) => articleHeadingIds(source, policy),
  });
}

/**
 * Astro caches the content layer between builds. When CONTENT_DIR points somewhere else, the
 * cached entries and module list still name the old corpus (and break the build if it is gone),
 * so drop them whenever the corpus folder changes.
 */
function forgetOtherCorpus(contentDir: string, cacheDir: URL, dotAstro: URL) {
  const marker = new URL('cairn-content-dir', cacheDir);
  const previous = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : null;
  if (previous === contentDir) return;
  for (const stale of [new URL('data-store.json', cacheDir), new URL('content-modules.mjs', dotAstro), new URL('content-assets.mjs', dotAstro)]) {
    fs.rmSync(stale, { force: true });
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(marker, contentDir);
}

export interface ArticleIndexEntry { url: string; title: string; revision: string; /** Source path, for the console's links. */ file: string }

/**
 * `virtual:cairn/articles`: published articles by slug with their URL, title and revision, so
 * on-demand routes can check an article exists without loading the content collections.
 */
function articleIndexPlugin(articles: CheckedArticle[]) {
  const id = 'virtual:cairn/articles';
  const index: Record<string, ArticleIndexEntry> = {};
  for (const a of articles) {
    if (!a.data.draft) index[a.slug] = { url: articleUrl(a.category, a.slug), title: a.data.title, revision: a.revision, file: a.file };
  }
  return {
    name: 'cairn:article-index',
    resolveId: (source: string) => (source === id ? `\0${id}` : undefined),
    load: (resolved: string) => (resolved === `\0${id}` ? `export default ${JSON.stringify(index)};` : undefined),
  };
}

/** Status files live in ./content/status whatever CONTENT_DIR says (they are not articles). */
export function readStatus(root = 'content/status') {
  const read = (dir: string) => (fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.md')).sort() : [])
    .map((f) => ({ file: path.join(root, dir, f), source: fs.readFileSync(path.join(root, dir, f), 'utf8') }));
  const componentsFile = path.join(root, 'components.yaml');
  return parseStatusFiles({
    componentsFile,
    componentsSource: fs.existsSync(componentsFile) ? fs.readFileSync(componentsFile, 'utf8') : '[]',
    incidents: read('incidents'),
    maintenances: read('maintenance'),
  });
}

/** content/support/ (sla.yaml and plans.yaml) checked against their schemas; the one reader of those files. */
export function readSupport(supportDir: string): SupportCheck {
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
  const slaPath = path.join(supportDir, 'sla.yaml');
  const plansPath = path.join(supportDir, 'plans.yaml');
  return parseSupportFiles({ slaFile: rel(slaPath), slaSource: read(slaPath), plansFile: rel(plansPath), plansSource: read(plansPath) });
}

/** `virtual:cairn/support`: the checked policy and plans, so the server never reads or restates them. */
export function supportPlugin(support: SupportContent) {
  const id = 'virtual:cairn/support';
  return {
    name: 'cairn:support',
    resolveId: (source: string) => (source === id ? `\0${id}` : undefined),
    load: (resolved: string) => (resolved === `\0${id}` ? `export default ${JSON.stringify(support)};` : undefined),
  };
}

/** content/status/templates.yaml, the console composer's message templates, checked against their schema. */
export function readStatusTemplates(file = 'content/status/templates.yaml'): TemplatesCheck {
  return parseStatusTemplates(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null, file);
}

/** `virtual:cairn/status-templates`: the checked templates, for the console's status pages. */
export function statusTemplatesPlugin(templates: StatusTemplates) {
  const id = 'virtual:cairn/status-templates';
  return {
    name: 'cairn:status-templates',
    resolveId: (source: string) => (source === id ? `\0${id}` : undefined),
    load: (resolved: string) => (resolved === `\0${id}` ? `export default ${JSON.stringify(templates)};` : undefined),
  };
}

export default function contentCheck(options: { contentDir: string; supportDir: string }): AstroIntegration {
  return {
    name: 'cairn:content-check',
    hooks: {
      'astro:config:setup': ({ config, logger, command, updateConfig }) => {
        forgetOtherCorpus(options.contentDir, new URL(config.cacheDir), new URL('.astro/', config.root));
        const started = performance.now();
        const support = readSupport(options.supportDir);
        const result = readCorpus(options.contentDir, new URL(config.publicDir).pathname, support.ok ? support.content.policy : undefined);
        const templates = readStatusTemplates();
        result.errors.push(...readStatus().errors, ...(support.ok ? [] : support.errors), ...(templates.ok ? [] : templates.errors), ...checkSynonyms());
        if (result.errors.length) {
          const list = result.errors.map((e) => `  - ${e}`).join('\n');
          const message = `The content has ${result.errors.length} problem(s):\n${list}\nFix them and build again.`;
          if (command !== 'build') {
            logger.warn(message);
            return;
          }
          logger.error(message);
          // A thrown error would bury the list under Astro's generic stack trace and hints.
          process.exit(1);
        }
        if (!support.ok || !templates.ok) return;
        updateConfig({ vite: { plugins: [articleIndexPlugin(result.articles), supportPlugin(support.content), statusTemplatesPlugin(templates.templates)] } });
        logger.info(
          `${result.articles.length} articles in ${result.categories.length} categories checked (links, anchors, related) in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}
