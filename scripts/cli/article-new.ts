// `npm run article:new`: starts a knowledge-base article as a draft in the right folder, with a
// free slug and frontmatter the corpus check accepts. Nothing existing is ever overwritten.
// `npm run article:new -- --help` lists the options.
import fs from 'node:fs';
import path from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { contentPaths } from '../../src/config.ts';
import { draftSource, slugFromTitle, uniqueSlug } from '../../src/lib/article-draft.ts';
import { articleSchema, articleTypeLabels, articleTypes, type ArticleType } from '../../src/lib/article-schema.ts';
import { articleUrl, checkCorpus, type SourceFile } from '../../src/lib/content-check.ts';
import { articleHeadingIds } from '../../src/loaders/render-article.ts';
import { cliTools, exitCode, Exit, runIfEntry, parseLeniently, type Env, type Io } from './command-line.ts';

export async function main(argv: string[], env: Env, io: Io): Promise<number> {
  const { say, loadNow, failWith } = cliTools(env, io);
  return exitCode(async () => {
    const { contentDir, articlesDir, categoriesFile } = contentPaths(env);
    // The server's clock, so CAIRN_NOW pins "today" here as it does for the site.
    const now = await loadNow('article:new');

    const run = 'npm run article:new --';
    const usage = `Usage: ${run} --title "How do I change my DNS TTL?" --category domains-dns [--type ${articleTypes.join('|')}]

Writes articles/<category>/<slug>.mdx under the content folder (CONTENT_DIR, default ./content) as a
draft: it is checked with the rest of the corpus but not published until you remove \`draft: true\`.
--type defaults to faq. The slug comes from the title; a taken one gets -2, -3...`;

    function fail(problems: string[], what = `Fix them and run the command again (\`${run} --help\` shows the options).`): never {
      return failWith('article:new', problems, what);
    }

    /** Paths as the corpus check names them: relative to where the command runs, absolute outside it. */
    function shown(file: string): string {
      const relative = path.relative(process.cwd(), file);
      return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
    }

    /** Every .mdx file under articles/, readable or not: even a broken one holds its slug. */
    function articleFiles(): SourceFile[] {
      if (!fs.existsSync(articlesDir)) return [];
      return fs.readdirSync(articlesDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.mdx'))
        .sort()
        .map((f) => ({ file: shown(path.join(articlesDir, f)), source: fs.readFileSync(path.join(articlesDir, f), 'utf8') }));
    }

    /** Today on the author's calendar (their TZ, else the machine's zone), as frontmatter dates are written. */
    function today(): string {
      return Temporal.Instant.fromEpochMilliseconds(now().getTime()).toZonedDateTimeISO(env.TZ || Temporal.Now.timeZoneId()).toPlainDate().toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Arguments: parsed leniently so that every problem is listed at once, not the first only.

    const options = { title: '"How do I change my DNS TTL?"', category: 'domains-dns', type: 'faq' } as const;
    const problems: string[] = [];
    const needsValue = (flag: string) => `${flag} needs a value, e.g. ${flag} ${options[flag.slice(2) as keyof typeof options]}`;
    // An option followed by another (`--title --category email`) would take it as its value and leave
    // `email` stray; report the empty one and read the rest as written.
    const args = argv.filter((arg, i, all) => {
      const empty = arg.startsWith('--') && Object.hasOwn(options, arg.slice(2)) && (all[i + 1] === undefined || all[i + 1].startsWith('--'));
      if (empty) problems.push(needsValue(arg));
      return !empty;
    });
    const { values, options: optionTokens, words } = parseLeniently(args, Object.keys(options));
    if (values.help === true) {
      say(usage);
      throw new Exit(0);
    }
    for (const token of optionTokens) {
      if (!Object.hasOwn(options, token.name)) {
        problems.push(`${token.rawName} is not an option; the options are ${Object.keys(options).map((o) => `--${o}`).join(', ')}`);
      } else if (token.value === undefined || token.value === '') {
        problems.push(needsValue(`--${token.name}`));
      }
    }
    if (words.length) problems.push(`unexpected "${words.join(' ')}"; put the title in quotes, e.g. --title ${options.title}`);
    const flagged = (name: string) => problems.some((p) => p.startsWith(`--${name} `));
    const given = (name: keyof typeof options) => (typeof values[name] === 'string' && !flagged(name) ? (values[name] as string) : undefined);

    const title = given('title');
    if (title !== undefined) {
      const parsed = articleSchema.shape.title.safeParse(title);
      if (!parsed.success) problems.push(`--title ${parsed.error.issues[0].message}`);
      else if (!slugFromTitle(parsed.data)) problems.push('--title has no Latin letter or digit to make a file name from; write the title in English');
    } else if (!flagged('title')) problems.push(`--title is required: the question or task as a customer would phrase it, e.g. --title ${options.title}`);

    const typeText = given('type') ?? (flagged('type') ? undefined : 'faq');
    if (typeText !== undefined && !(articleTypes as readonly string[]).includes(typeText)) {
      problems.push(`--type "${typeText}" must be one of ${articleTypes.join(', ')}`);
    }
    const type = typeText as ArticleType;

    // The declared categories, checked on their own first (no articles) so that this is cheap.
    const categoriesSource = fs.existsSync(categoriesFile) ? fs.readFileSync(categoriesFile, 'utf8') : null;
    if (categoriesSource === null) {
      fail([...problems, `${shown(categoriesFile)} is missing; CONTENT_DIR (${contentDir}) must hold categories.yaml and articles/`]);
    }
    const declared = checkCorpus({ categoriesFile: shown(categoriesFile), categoriesSource, articles: [], headingIds: articleHeadingIds });
    if (declared.errors.length) fail([...problems, ...declared.errors], `Fix ${shown(categoriesFile)} first; every article belongs to one of its categories.`);
    const categoryIds = declared.categories.map((c) => c.id);
    const category = given('category');
    if (category === undefined) {
      if (!flagged('category')) problems.push(`--category is required: one of ${categoryIds.join(', ')}`);
    } else if (!categoryIds.includes(category)) {
      problems.push(`--category "${category}" is not declared in ${shown(categoriesFile)}; use one of ${categoryIds.join(', ')}`);
    }
    if (problems.length || title === undefined || category === undefined) fail(problems);

    // ---------------------------------------------------------------------------------------------
    // The draft: a free slug, then the whole corpus checked with the draft in it before writing.

    const existing = articleFiles();
    const taken = new Map(existing.map((a) => [path.basename(a.file, '.mdx'), a.file]));
    const wanted = slugFromTitle(title);
    const slug = uniqueSlug(wanted, new Set(taken.keys()));
    const file = path.join(articlesDir, category, `${slug}.mdx`);
    const draft = { file: shown(file), source: draftSource({ title, type, updated: today() }) };

    const publicDir = path.resolve('public');
    const check = checkCorpus({
      categoriesFile: shown(categoriesFile),
      categoriesSource,
      articles: [...existing, draft],
      publicFileExists: (p) => fs.existsSync(path.join(publicDir, decodeURIComponent(p))),
      // Only the draft's own problems are reported, and it holds no <Sla>: no policy needed.
      headingIds: (source) => articleHeadingIds(source),
    });
    const own = check.errors.filter((e) => e.startsWith(`${draft.file}:`));
    if (own.length) {
      fail(own, 'This is a bug in article:new (the draft it made does not pass the corpus check); please report it with the title you used.');
    }

    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // 'wx' fails if the file appeared since the slug was chosen: an article is never overwritten.
      fs.writeFileSync(file, draft.source, { flag: 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      fail([code === 'EEXIST' ? `${draft.file} already exists and is left as it is` : `${draft.file} could not be written: ${(e as Error).message}`], 'Run the command again to pick the next free slug.');
    }

    const others = check.errors.length - own.length;
    say(`Created ${draft.file} (${articleTypeLabels[type]}, a draft: checked with the corpus but not published).`);
    if (slug !== wanted) say(`The slug "${wanted}" is taken by ${taken.get(wanted)}, so this one is "${slug}".`);
    say(`
Next: open it, write the description and the body, fill in products, tags, aliases and related,
then delete the line \`draft: true\` to publish it at ${articleUrl(category, slug)}.`);
    if (others) say(`\nNote: the rest of the corpus has ${others} problem(s) of its own; \`npm run build\` lists them.`);
  });
}

await runIfEntry(import.meta, main);
