// Content loader for the knowledge base: reads articles/<category>/<slug>.mdx, validates the
// frontmatter against the collection schema and stores each article with its finished HTML
// (./render-article.ts). `render(entry)` then needs no per-article module, which keeps the
// build's time and memory flat as the corpus grows; in `astro dev` edited files reload.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';
import { splitFrontmatter } from '../lib/content-files.ts';
import { supportDir } from '../config.ts';
import { readSupport } from '../integrations/content-check.ts';
import { createArticleRenderer } from './render-article.ts';

export function articleLoader({ base }: { base: string }): Loader {
  return {
    name: 'cairn-articles',
    async load({ store, parseData, generateDigest, watcher, config, logger }: LoaderContext) {
      // Articles state the desk's facts through <Sla>; an invalid policy is reported by the content check.
      const support = readSupport(supportDir);
      const policy = support.ok ? support.content.policy : undefined;
      const render = await createArticleRenderer(config.markdown.shikiConfig, policy);
      const root = fileURLToPath(config.root);
      const idOf = (file: string) => path.relative(base, file).split(path.sep).join('/').replace(/\.mdx$/, '');

      /** Returns the problems found in the file's body ("file:line: reason"). */
      async function sync(file: string): Promise<string[]> {
        const source = await fs.promises.readFile(file, 'utf8');
        const id = idOf(file);
        const relative = path.relative(root, file).split(path.sep).join('/');
        const { frontmatter, body } = splitFrontmatter(source);
        const raw = (frontmatter ? parseYaml(frontmatter) : {}) ?? {};
        const data = await parseData({ id, data: raw, filePath: relative });
        const { html, headings, problems } = await render(source, relative);
        store.set({ id, data, body, filePath: relative, digest: generateDigest(source + JSON.stringify(policy ?? null)), rendered: { html, metadata: { headings, frontmatter: raw } } });
        return problems;
      }

      const files = fs.readdirSync(base, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => path.join(base, f));
      const ids = new Set(files.map(idOf));
      for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
      const problems: string[] = [];
      for (const file of files) problems.push(...await sync(file));
      if (problems.length) {
        const message = `The articles have ${problems.length} problem(s) in their text:\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix them and build again.`;
        if (!watcher) {
          logger.error(message);
          // A thrown error would bury the list under Astro's generic stack trace, as in
          // src/integrations/content-check.ts.
          process.exit(1);
        }
        logger.warn(message);
      }

      if (!watcher) return;
      watcher.add(base);
      const inBase = (file: string) => file.startsWith(base + path.sep) && file.endsWith('.mdx');
      const reload = async (file: string) => {
        if (!inBase(file)) return;
        try {
          const problems = await sync(file);
          if (problems.length) logger.warn(problems.join('\n'));
          else logger.info(`Reloaded ${idOf(file)}`);
        } catch (error) {
          logger.error(String(error instanceof Error ? error.message : error));
        }
      };
      watcher.on('change', reload);
      watcher.on('add', reload);
      watcher.on('unlink', (file) => { if (inBase(file)) store.delete(idOf(file)); });
    },
  };
}
