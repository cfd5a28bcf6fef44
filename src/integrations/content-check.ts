// Astro integration: runs the corpus checks before the build and fails it with every problem
// listed by file and field, so authors fix them all in one pass.
import fs from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { articleUrl, checkCorpus, type CheckedArticle } from '../lib/content-check.ts';
import { parseStatusFiles } from '../lib/status.ts';
import { slaPolicySchema } from '../lib/sla.ts';
import { formatPath } from '../lib/content-check.ts';
import { parse as parseYaml } from 'yaml';
import { checkSynonyms } from '../lib/search-synonyms-fs.ts';

function listMdx(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => path.join(dir, f))
    .sort();
}

export function readCorpus(contentDir: string, publicDir: string) {
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const categoriesPath = path.join(contentDir, 'categories.yaml');
  const files = listMdx(path.join(contentDir, 'articles'));
  return checkCorpus({
    categoriesFile: rel(categoriesPath),
    categoriesSource: fs.existsSync(categoriesPath) ? fs.readFileSync(categoriesPath, 'utf8') : '',
    articles: files.map((f) => ({ file: rel(f), source: fs.readFileSync(f, 'utf8') })),
    publicFileExists: (p) => fs.existsSync(path.join(publicDir, decodeURIComponent(p))),
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

/** The SLA policy in content/support/sla.yaml, checked against its schema. */
export function checkSlaPolicy(file = 'content/support/sla.yaml'): string[] {
  if (!fs.existsSync(file)) return [`${file}: is missing; it holds the support desk's hours, holidays and response targets`];
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [`${file}: is not valid YAML (${(e as Error).message.split('\n')[0]})`];
  }
  const parsed = slaPolicySchema.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${file}: ${formatPath(i.path) || 'policy'} ${i.message}`);
}

export default function contentCheck(options: { contentDir: string }): AstroIntegration {
  return {
    name: 'cairn:content-check',
    hooks: {
      'astro:config:setup': ({ config, logger, command, updateConfig }) => {
        forgetOtherCorpus(options.contentDir, new URL(config.cacheDir), new URL('.astro/', config.root));
        const started = performance.now();
        const result = readCorpus(options.contentDir, new URL(config.publicDir).pathname);
        result.errors.push(...readStatus().errors, ...checkSlaPolicy(), ...checkSynonyms());
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
        updateConfig({ vite: { plugins: [articleIndexPlugin(result.articles)] } });
        logger.info(
          `${result.articles.length} articles in ${result.categories.length} categories checked (links, anchors, related) in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}
