// `npm run bench:lighthouse`: Lighthouse's performance, accessibility, best-practices and SEO
// scores for five pages of the built site (home, an article, search, status, support) in the
// system Chromium, and every audit that did not pass, with the elements or files it names, so
// the team can fix them. The target is 100 everywhere; the script reports, it does not assert.
// Options: --mobile (Lighthouse's default mobile run instead of its desktop preset),
// --article <path>, --json <file>, --reports <dir> (full HTML report per page).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { findChromium } from '../../tests/e2e/browser.ts';
import { startServer, tempDatabase } from '../../tests/e2e/server.ts';
import { machine, writeSection } from './lib/benchmarks-doc.ts';
import { mainPages } from './lib/main-pages.ts';

const { values } = parseArgs({
  options: {
    mobile: { type: 'boolean', default: false },
    article: { type: 'string', default: '/articles/email/mail-client-settings/' },
    json: { type: 'string' },
    reports: { type: 'string' },
  },
});
const command = ['npm run bench:lighthouse', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
const formFactor = values.mobile ? 'mobile' : 'desktop';
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const pages = mainPages(values.article!);
// The same flags as the end-to-end tests' Chromium (tests/e2e/browser.ts).
const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

if (!fs.existsSync('dist/server/entry.mjs') || !fs.existsSync('dist/client/index.html')) {
  console.error('No build in dist/ to audit. Run `npm run build` first, then `npm run bench:lighthouse` again.');
  process.exit(1);
}
let chromePath: string;
try {
  chromePath = findChromium();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

type Category = (typeof categories)[number];
interface Failure { id: string; title: string; category: Category; score: number; weight: number; displayValue?: string; items: string[] }
interface PageResult { name: string; path: string; url: string; lighthouseVersion: string; scores: Record<Category, number | null>; failures: Failure[]; runWarnings: string[] }

type Json = Record<string, unknown>;
const oneLine = (s: unknown, max = 160) => String(s).replace(/\s+/g, ' ').trim().slice(0, max);

/** One readable line per item an audit names: the element, the file or the message. */
function describeItem(item: Json): string {
  const node = (Object.values(item).find((v) => (v as Json)?.type === 'node') ?? null) as Json | null;
  if (node) {
    const explanation = typeof node.explanation === 'string' ? ` — ${oneLine(node.explanation.split('\n').slice(0, 2).join(' '), 200)}` : '';
    return `${oneLine(node.selector ?? node.nodeLabel, 80)} ${oneLine(node.snippet, 120)}${explanation}`;
  }
  const source = (Object.values(item).find((v) => (v as Json)?.type === 'source-location') ?? null) as Json | null;
  const parts = [
    item.url ?? (source ? `${source.url}:${source.line}` : undefined),
    item.description ?? item.label ?? item.text ?? item.reason ?? item.issueType,
    typeof item.wastedBytes === 'number' ? `${Math.round(item.wastedBytes / 1024)} KB to save` : undefined,
    typeof item.wastedMs === 'number' ? `${Math.round(item.wastedMs)} ms to save` : undefined,
  ].filter((p) => p !== undefined && p !== '');
  return parts.length ? parts.map((p) => oneLine(p)).join(' — ') : oneLine(JSON.stringify(item));
}

interface ChainNode { url: string; navStartToEndTime: number; children: Record<string, ChainNode> }
/** Each request chain as "document → script → chunk (ms)", paths only (all on one origin). */
function chains(tree: Record<string, ChainNode>, prefix: string[] = []): string[] {
  return Object.values(tree).flatMap((n) => {
    const here = [...prefix, new URL(n.url).pathname];
    const below = chains(n.children, here);
    return below.length ? below : [`chain: ${here.join(' → ')} (ends at ${Math.round(n.navStartToEndTime)} ms)`];
  });
}

/** Readable lines for the shapes of audit details Lighthouse 13 uses (tables, lists, checklists). */
function describeDetails(details: Json | undefined): string[] {
  if (!details) return [];
  if (details.type === 'checklist') {
    return Object.values(details.items as Record<string, { label: string; value: boolean }>).filter((c) => !c.value).map((c) => c.label);
  }
  if (!Array.isArray(details.items)) return [];
  return (details.items as Json[]).flatMap((item) => {
    if (item.type === 'list-section') {
      const value = item.value as Json;
      if (value?.type === 'network-tree') return chains(value.chains as Record<string, ChainNode>);
      if (value?.type === 'text') return [`${item.title ?? 'note'}: ${value.value}`];
      return describeDetails(value);
    }
    if (Array.isArray(item.items)) return describeDetails(item);
    return [describeItem(item)];
  });
}

function failures(lhr: Json): Failure[] {
  const audits = lhr.audits as Record<string, Json>;
  const cats = lhr.categories as Record<Category, { auditRefs: Array<{ id: string; weight: number }> }>;
  const found: Failure[] = [];
  for (const category of categories) {
    for (const ref of cats[category]?.auditRefs ?? []) {
      const audit = audits[ref.id];
      // Not-applicable, manual and informative audits have a null score: nothing to fix.
      if (typeof audit?.score !== 'number' || audit.score >= 1) continue;
      const items = describeDetails(audit.details as Json | undefined).slice(0, 8);
      found.push({
        id: ref.id, title: oneLine(audit.title, 200), category, score: audit.score, weight: ref.weight,
        displayValue: audit.displayValue ? oneLine(audit.displayValue) : undefined, items,
      });
    }
  }
  return found;
}

const database = await tempDatabase();
const server = await startServer({ DATABASE_URL: database.url });
const results: PageResult[] = [];
try {
  for (const page of pages) {
    const url = server.url + page.path;
    const status = (await fetch(url)).status;
    if (status !== 200) throw new Error(`${page.path} answered ${status}; check the path (--article) and the build.`);
    // A fresh browser per page, as Lighthouse advises: no cache or service state carried over.
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
    try {
      const runner = await lighthouse(url, {
        port: chrome.port, logLevel: 'error', onlyCategories: [...categories], output: values.reports ? 'html' : 'json',
      }, values.mobile ? undefined : desktopConfig);
      if (!runner) throw new Error(`Lighthouse returned nothing for ${page.path}.`);
      const lhr = runner.lhr as unknown as Json;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${page.path}: ${(lhr.runtimeError as Json).message}`);
      const cats = lhr.categories as Record<Category, { score: number | null }>;
      results.push({
        name: page.name, path: page.path, url, lighthouseVersion: String(lhr.lighthouseVersion),
        scores: Object.fromEntries(categories.map((c) => [c, cats[c]?.score == null ? null : Math.round(cats[c].score! * 100)])) as PageResult['scores'],
        failures: failures(lhr),
        runWarnings: (lhr.runWarnings as string[]).map((w) => oneLine(w, 300)),
      });
      if (values.reports) {
        fs.mkdirSync(values.reports, { recursive: true });
        const slug = page.name.toLowerCase();
        fs.writeFileSync(path.join(values.reports, `${slug}-${formFactor}.html`), runner.report as string);
      }
    } finally {
      await chrome.kill();
    }
  }
} catch (error) {
  console.error(`Could not measure: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await server.stop();
  database.dispose();
}
if (process.exitCode) process.exit();

const score = (s: number | null) => (s === null ? 'n/a' : s === 100 ? '100' : `**${s}**`);
const label = (c: Category) => ({ performance: 'Performance', accessibility: 'Accessibility', 'best-practices': 'Best practices', seo: 'SEO' })[c];
const failureLines = results.flatMap((r) => {
  if (!r.failures.length) return [`- ${r.name} \`${r.path}\`: every audit passes.`];
  return [
    `- ${r.name} \`${r.path}\`:`,
    ...r.failures.flatMap((f) => [
      `  - ${label(f.category)}: ${f.title} (\`${f.id}\`, score ${f.score.toFixed(2)}${f.weight ? `, weight ${Number(f.weight.toFixed(2))}` : ', no weight in the category score'}${f.displayValue ? `, ${f.displayValue}` : ''})`,
      ...f.items.map((i) => `    - ${i.replaceAll('|', '\\|')}`),
    ]),
    ...r.runWarnings.map((w) => `  - Lighthouse warning: ${w}`),
  ];
});
const allPerfect = results.every((r) => categories.every((c) => r.scores[c] === 100));

const lines = [
  `Machine: ${machine()}. Command: \`${command}\` (Lighthouse ${results[0].lighthouseVersion}, ${formFactor} preset with its simulated throttling, ${chromePath}, one fresh browser per page, server on loopback).`,
  '',
  '| Page | Performance | Accessibility | Best practices | SEO |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...results.map((r) => `| ${r.name} \`${r.path}\` | ${categories.map((c) => score(r.scores[c])).join(' | ')} |`),
  '',
  `Target: 100 in all four on all five pages: ${allPerfect ? 'met' : 'not met'}. Audits that did not pass (score < 1), with up to 8 of the elements or files each names:`,
  '',
  ...failureLines,
];
console.log(lines.join('\n'));
console.log(`Written to ${writeSection(`Lighthouse (${formFactor})`, lines)}.`);
if (values.json) {
  fs.writeFileSync(values.json, `${JSON.stringify({ benchmark: 'lighthouse', date: new Date().toISOString(), machine: machine(), command, formFactor, pages: results }, null, 2)}\n`);
  console.log(`JSON written to ${values.json}.`);
}
if (values.reports) console.log(`Full reports in ${values.reports}/.`);
