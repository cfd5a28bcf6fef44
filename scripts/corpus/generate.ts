// Writes a deterministic synthetic knowledge-base corpus (categories.yaml + articles/**.mdx) for load tests and build benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import GithubSlugger from 'github-slugger';
import YAML from 'yaml';
import { slugFromTitle } from '../../src/lib/article-draft.ts';
import {
  CALLOUT_TITLES,
  cap,
  CATEGORY_POOL,
  CODE,
  DURATIONS,
  EXTRA_QUALS,
  FRAMES,
  GENERIC_TERMS,
  HEADINGS,
  INTRO,
  PLANS,
  SETTINGS,
  STATUSES,
  TABLES,
  type Category,
  type Rng,
} from './words.ts';

const USAGE = `Usage: npm run corpus:generate -- --count <n> --out <dir> [--seed <n>] [--force]

Writes a synthetic help-center corpus the site can build from with CONTENT_DIR=<dir>:
  <dir>/categories.yaml
  <dir>/articles/<category-id>/<slug>.mdx

Options:
  --count <n>   number of articles to write (1-200000, required)
  --out <dir>   output directory, created if missing (required; corpora/ is git-ignored)
  --seed <n>    integer seed, 0-4294967295 (default 42); the same seed gives the same corpus
  --force       empty <dir> first if it already has content
  -h, --help    show this help

Example:
  npm run corpus:generate -- --count 1500 --out corpora/1500 --seed 42`;

const MAX_COUNT = 200_000;

// ---------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every article gets its own streams (keyed by seed, index and purpose) so that
// planning and writing can happen in separate passes, and adding a field to one
// pass does not shift the random numbers of the other.
function mix(seed: number, index: number, salt: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x7f4a7c15), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ Math.imul(salt, 0x27d4eb2f), 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const zipfCache = new WeakMap<readonly unknown[], number[]>();

function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  const r: Rng = {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(arr: readonly T[]) => arr[Math.floor(next() * arr.length)],
    // Real help-center text reuses a few words constantly and most words rarely;
    // rank-weighted picks give search indexes that kind of term distribution.
    zipf: <T>(arr: readonly T[]) => {
      let cum = zipfCache.get(arr);
      if (!cum) {
        cum = [];
        let total = 0;
        for (let i = 0; i < arr.length; i++) cum.push((total += 1 / Math.pow(i + 1, 0.9)));
        zipfCache.set(arr, cum);
      }
      const x = next() * cum[cum.length - 1];
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      return arr[lo];
    },
    sample: <T>(arr: readonly T[], k: number) => {
      const copy = arr.slice();
      const n = Math.min(k, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
  };
  return r;
}

// ---------------------------------------------------------------------------
// What the planning pass decides

type ArticleType = 'faq' | 'tutorial' | 'video';
type Topic = ReturnType<typeof makeTopic>;
interface Heading { depth: number; text: string; anchor: string }
/** One article as planned before any body is written: what other articles may link to. */
interface Plan {
  index: number;
  cat: Category;
  type: ArticleType;
  topic: Topic;
  slug: string;
  focusTerms: string[];
  targetWords: number;
  headings: Heading[];
  draft: boolean;
  popular: boolean;
}
/** What sentences are filled from: the article's category and topic, and a category to borrow facts from. */
interface Context {
  cat: Category;
  topic: Topic;
  focusTerms: string[];
  borrow?: Category | null;
  usedFacts?: Set<string>;
}
interface Link { target: Plan; heading: Heading | null }

// ---------------------------------------------------------------------------
// Text helpers

// Code-like words (file names, versions) read better as inline code in prose.
function fmtTerm(t: string): string {
  return /^[\w-]*[._/][\w./-]*$/.test(t) && !/^\d/.test(t) ? `\`${t}\`` : t;
}

// Generated titles run longer than hand-written ones; allow 80 characters.
const slugify = (s: string) => slugFromTitle(s, 80);

function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const ws = s.charCodeAt(i) <= 32;
    if (!ws && !inWord) n++;
    inWord = !ws;
  }
  return n;
}

function fill(rng: Rng, tpl: string, ctx: Context): string {
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => {
    const c = ctx.cat;
    switch (k) {
      case 't':
        return fmtTerm(rng.chance(0.25) ? rng.pick(ctx.focusTerms) : rng.zipf(c.terms));
      case 't2':
        return fmtTerm(rng.chance(0.15) ? rng.zipf(GENERIC_TERMS) : rng.zipf(c.terms));
      case 'task':
        return rng.chance(0.3) ? ctx.topic.task : rng.pick(c.tasks);
      case 'Task':
        return cap(ctx.topic.task);
      case 'thing':
        return rng.chance(0.3) ? ctx.topic.thing : rng.pick(c.things);
      case 'problem':
        return rng.chance(0.3) ? ctx.topic.problem : rng.pick(c.problems);
      case 'topic':
        return ctx.topic.phrase;
      case 'show':
        return ctx.topic.kind === 'task' ? `show how to ${ctx.topic.phrase}` : `explain ${ctx.topic.phrase}`;
      case 'menu':
        return rng.pick(c.menus);
      case 'dur':
        return rng.pick(DURATIONS);
      case 'status':
        return rng.pick(STATUSES);
      case 'plan':
        return PLANS[rng.int(0, 2)];
      case 'plan2':
        return PLANS[rng.int(3, 5)];
      case 'num':
        return String(rng.pick([2, 3, 5, 10, 15, 20, 30]));
      case 'Fact':
        return rng.pick(c.facts);
      default:
        return k;
    }
  });
}

function sentence(rng: Rng, ctx: Context): string {
  const r = rng.next();
  // Each fact appears at most once per article; small categories have few.
  const facts = r < 0.22 ? ctx.cat.facts : r < 0.3 && ctx.borrow ? ctx.borrow.facts : null;
  if (facts) {
    const f = rng.pick(facts);
    if (!ctx.usedFacts?.has(f)) {
      ctx.usedFacts?.add(f);
      return f;
    }
  }
  return fill(rng, rng.pick(FRAMES), ctx);
}

function paragraph(rng: Rng, ctx: Context, min = 2, max = 5): string {
  const n = rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = sentence(rng, ctx);
    if (!out.includes(s)) out.push(s);
  }
  return out.join(' ');
}

// ---------------------------------------------------------------------------
// Planning pass: everything another article may point at (slug, title,
// headings) is decided before any body is written.

function pickCategories(count: number): Category[] {
  const n = Math.max(10, Math.min(16, 10 + Math.floor(Math.log2(Math.max(count, 1) / 250))));
  return CATEGORY_POOL.slice(0, n);
}

function pickType(rng: Rng): ArticleType {
  const r = rng.next();
  return r < 0.5 ? 'faq' : r < 0.85 ? 'tutorial' : 'video';
}

function makeTopic(rng: Rng, cat: Category, type: ArticleType, crowded: boolean) {
  const task = rng.pick(cat.tasks);
  const thing = rng.pick(cat.things);
  const problem = rng.pick(cat.problems);
  // "set up email in Outlook on Android" reads wrong: a task that already names
  // its context only takes the generic qualifiers.
  const hasContext = /\b(on|in|with|from|for)\b/.test(task);
  let q = '';
  if (crowded) q = ' ' + rng.pick(hasContext || rng.chance(0.5) ? EXTRA_QUALS : cat.quals);
  else if (!hasContext && rng.chance(0.55)) q = ' ' + rng.pick(cat.quals);
  let title: string;
  let phrase = task + q;
  let kind = 'task';
  if (type === 'faq') {
    const r = rng.int(0, 9);
    if (r <= 2) title = `How do I ${task}${q}?`;
    else if (r === 3) title = `Can I ${task}${q}?`;
    else if (r === 4) { title = `What is ${thing}?`; kind = 'thing'; phrase = thing; }
    else if (r === 5) { title = `Where do I find ${thing}?`; kind = 'thing'; phrase = thing; }
    else if (r === 6) { title = `How does ${thing} work?`; kind = 'thing'; phrase = thing; }
    else if (r === 7) { title = `What can I do if ${problem}?`; kind = 'problem'; phrase = problem; }
    else if (r === 8) { title = `Why ${problemQuestion(problem)}?`; kind = 'problem'; phrase = problem; }
    else title = `How long does it take to ${task}${q}?`;
  } else if (type === 'tutorial') {
    const r = rng.int(0, 5);
    if (r <= 2) title = cap(task) + q;
    else if (r === 3) title = `How to ${task}${q}`;
    else if (r === 4) title = `Step by step: ${task}${q}`;
    else title = `${cap(task)}${q}: a complete guide`;
  } else {
    const r = rng.int(0, 3);
    if (r <= 1) title = `Video: ${task}${q}`;
    else if (r === 2) title = `Watch how to ${task}${q}`;
    else { title = `Video: ${thing.replace(/^(the|a|an) /, '')} explained`; kind = 'thing'; phrase = thing; }
  }
  return { title: cap(title), type, task, thing, problem, q, kind, phrase };
}

// "my domain does not resolve" -> "does my domain not resolve"; falls back to a
// neutral frame for phrasings the simple inversion does not cover.
function problemQuestion(p: string): string {
  let m = p.match(/^(.+?) (does|do) not (.+)$/);
  if (m) return `${m[2]} ${m[1]} not ${m[3]}`;
  m = p.match(/^(.+?) (is|are) (.+)$/);
  if (m && !/^I\b/.test(m[1])) return `${m[2]} ${m[1]} ${m[3]}`;
  return `does this happen when ${p}`;
}

function planArticles(count: number, seed: number) {
  const cats = pickCategories(count);
  const weights: number[] = [];
  let total = 0;
  for (const c of cats) weights.push((total += c.weight));
  const usedSlugs = new Set<string>();
  const usedTitles = new Set<string>();
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    const rng = makeRng(mix(seed, i, 1));
    // The first articles go round-robin so no declared category stays empty.
    let cat;
    if (i < cats.length) cat = cats[i];
    else {
      const x = rng.next() * total;
      cat = cats[weights.findIndex((w) => w > x)];
    }
    const firstType = pickType(rng);
    let topic: Topic | undefined;
    let slug: string | null = null;
    for (let attempt = 0; attempt < 40; attempt++) {
      // Small categories run out of faq titles first; other types add variety.
      topic = makeTopic(rng, cat, attempt < 25 ? firstType : pickType(rng), attempt >= 15);
      slug = slugify(topic.title);
      if (!usedSlugs.has(slug) && !usedTitles.has(topic.title)) break;
      slug = null;
    }
    if (!topic) throw new Error('no topic after 40 attempts'); // the loop always runs
    // Very large corpora exhaust the title combinations of small categories;
    // a numbered slug keeps URLs unique while the title stays natural.
    if (!slug) {
      const base = slugify(topic.title);
      let n = 2;
      while (usedSlugs.has(`${base}-${n}`)) n++;
      slug = `${base}-${n}`;
    }
    usedSlugs.add(slug);
    usedTitles.add(topic.title);
    const type = topic.type;
    const ctx = { cat, topic, focusTerms: rng.sample(cat.terms, 3) };
    const targetWords = pickLength(rng);
    const headings = planHeadings(rng, ctx, type, targetWords);
    plans.push({
      index: i,
      cat,
      type,
      topic,
      slug,
      focusTerms: ctx.focusTerms,
      targetWords,
      headings,
      draft: rng.chance(0.01),
      popular: rng.chance(0.03),
    });
  }
  for (const p of plans) if (p.draft) p.popular = false;
  return { cats, plans };
}

// Most articles 300-700 words, a tail of short answers and long guides.
function pickLength(rng: Rng): number {
  const r = rng.next();
  if (r < 0.15) return rng.int(180, 300);
  if (r < 0.8) return rng.int(300, 650);
  if (r < 0.95) return rng.int(650, 1000);
  return rng.int(1000, 1350);
}

function planHeadings(rng: Rng, ctx: Context, type: ArticleType, targetWords: number): Heading[] {
  const n = Math.max(2, Math.min(8, Math.round(targetWords / 140) + rng.int(-1, 1)));
  const pool = HEADINGS[type].concat(HEADINGS.common);
  const seen = new Set<string>();
  const out: Array<Omit<Heading, 'anchor'>> = [];
  // Lead with the heading that fits the article type most of the time.
  if (rng.chance(0.7)) {
    const first = { faq: 'Short answer', tutorial: rng.pick(['Before you start', 'What you need']), video: 'Watch the video' }[type];
    out.push({ depth: 2, text: first });
    seen.add(slugify(first));
  }
  let guard = 0;
  while (out.length < n && guard++ < 200) {
    const text = cap(fill(rng, rng.pick(pool), ctx).replace(/`/g, ''));
    const key = slugify(text);
    if (seen.has(key)) continue;
    seen.add(key);
    const depth = out.length > 0 && rng.chance(0.25) ? 3 : 2;
    out.push({ depth, text });
  }
  const slugger = new GithubSlugger();
  return out.map((h) => ({ ...h, anchor: slugger.slug(h.text) }));
}

// ---------------------------------------------------------------------------
// Writing pass

function chooseLinks(rng: Rng, plan: Plan, byCat: Map<string, Plan[]>, published: Plan[]) {
  const pickTarget = (taken: Set<Plan>, sameCategory: number) => {
    for (let tries = 0; tries < 8; tries++) {
      const pool = rng.chance(sameCategory) ? byCat.get(plan.cat.id) ?? [] : published;
      if (!pool.length) continue;
      const t = rng.pick(pool);
      if (t !== plan && !taken.has(t)) return t;
    }
    return null;
  };
  const links: Link[] = [];
  const nLinks = rng.pick([0, 0, 1, 1, 1, 2, 2, 2, 3, 4]);
  const taken = new Set<Plan>();
  for (let k = 0; k < nLinks; k++) {
    const t = pickTarget(taken, 0.7);
    if (!t) break;
    taken.add(t);
    const h = rng.chance(0.4) && t.headings.length ? rng.pick(t.headings) : null;
    links.push({ target: t, heading: h });
  }
  const related: string[] = [];
  const relTaken = new Set<Plan>();
  const nRel = rng.pick([0, 1, 2, 2, 3, 3, 4]);
  for (let k = 0; k < nRel; k++) {
    const t = pickTarget(relTaken, 0.85);
    if (!t) break;
    relTaken.add(t);
    related.push(t.slug);
  }
  return { links, related };
}

function href(p: Plan, anchor?: string): string {
  return `/articles/${p.cat.id}/${p.slug}/${anchor ? '#' + anchor : ''}`;
}

function linkSentence(rng: Rng, link: Link): string {
  const t = link.target;
  if (link.heading) {
    return rng.pick([
      `The section [${link.heading.text}](${href(t, link.heading.anchor)}) in *${t.topic.title}* covers this in more detail.`,
      `See [${link.heading.text.toLowerCase()}](${href(t, link.heading.anchor)}) for the details.`,
      `More on this under [${link.heading.text}](${href(t, link.heading.anchor)}).`,
    ]);
  }
  return rng.pick([
    `For details, see [${t.topic.title}](${href(t)}).`,
    `We explain this in [${t.topic.title}](${href(t)}).`,
    `Related: [${t.topic.title}](${href(t)}).`,
    `If you have not done so yet, read [${t.topic.title}](${href(t)}) first.`,
    `This is also covered in [${t.topic.title}](${href(t)}).`,
  ]);
}

function bulletList(rng: Rng, ctx: Context): string {
  const n = rng.int(3, 6);
  const items = new Set<string>();
  const style = rng.int(0, 2);
  for (let k = 0; k < n * 2 && items.size < n; k++) {
    if (style === 0) items.add(`**${cap(rng.zipf(ctx.cat.terms))}**: ${fill(rng, rng.pick(FRAMES), ctx)}`);
    else if (style === 1) items.add(cap(rng.pick(ctx.cat.tasks)));
    else items.add(sentence(rng, ctx));
  }
  return [...items].map((x) => `- ${x}`).join('\n');
}

function mdTable(rng: Rng, ctx: Context): string {
  const t = rng.pick(TABLES)(rng, ctx.cat);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [row(t.head), row(t.head.map(() => '---')), ...t.rows.map(row)].join('\n');
}

function codeBlock(rng: Rng, ctx: Context): string {
  const name = (rng.chance(0.93) ? rng.pick(ctx.cat.code) : rng.pick(Object.keys(CODE))) as keyof typeof CODE;
  const [lang, code] = CODE[name](rng);
  return '```' + lang + '\n' + code + '\n```';
}

function callout(rng: Rng, ctx: Context): string {
  const type = rng.pick(['note', 'note', 'tip', 'tip', 'warning'] as const);
  return `<Callout type="${type}" title="${rng.pick(CALLOUT_TITLES[type])}">\n${paragraph(rng, ctx, 1, 2)}\n</Callout>`;
}

function settingsTable(rng: Rng, ctx: Context): string {
  const make = ctx.cat.settings && rng.chance(0.8) ? SETTINGS[ctx.cat.settings as keyof typeof SETTINGS] : SETTINGS.generic;
  const s = make(rng, ctx.cat);
  return `<SettingsTable caption="${s.caption}" columns={${JSON.stringify(['Setting', 'Value'])}} rows={${JSON.stringify(s.rows)}} />`;
}

function stepsBlock(rng: Rng, ctx: Context): string {
  const n = rng.int(3, 8);
  const menu = rng.pick(ctx.cat.menus);
  const steps = [`Sign in to the customer area and open **${menu}**.`];
  const verbs = ['Select', 'Choose', 'Find', 'Check'];
  while (steps.length < n - 1) {
    const v = rng.pick(verbs);
    const term = fmtTerm(rng.zipf(ctx.cat.terms));
    const s = rng.pick([
      `${v} the ${term} you want to change.`,
      `Click **${rng.pick(['Edit', 'Add', 'Manage', 'Settings', 'Continue'])}** next to the ${term}.`,
      `${rng.pick(['Select', 'Open', 'Go to'])} **${rng.pick(ctx.cat.menus)}** in the menu on the left.`,
      `Enter the new ${term} and check it twice.`,
      `${cap(ctx.topic.task)}: ${fill(rng, rng.pick(FRAMES), ctx).replace(/^./, (c) => c.toLowerCase())}`,
      fill(rng, rng.pick(FRAMES), ctx),
    ]);
    if (!steps.includes(s)) steps.push(s);
  }
  steps.push(rng.pick(['Click **Save**. The change is applied within ' + rng.pick(DURATIONS) + '.', 'Confirm with **Save changes**.', 'Click **Done** and wait for the confirmation email.']));
  const items = steps.map((s, k) => {
    let item = `${k + 1}. ${s}`;
    if (rng.chance(0.15)) item += `\n\n   ${sentence(rng, ctx)}`;
    return item;
  });
  return `<Steps>\n\n${items.join('\n\n')}\n\n</Steps>`;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function videoBlock(rng: Rng, ctx: Context, title: string) {
  let id = '';
  for (let k = 0; k < 11; k++) id += ID_CHARS[Math.floor(rng.next() * 64)];
  const duration = `${rng.int(1, 14)}:${String(rng.int(0, 59)).padStart(2, '0')}`;
  const paras: string[] = [];
  const n = rng.int(2, 4);
  paras.push(`Hello and welcome. ${fill(rng, 'In this video we {show}.', ctx)} ${paragraph(rng, ctx, 1, 2)}`);
  for (let k = 1; k < n; k++) paras.push(paragraph(rng, ctx, 2, 4));
  paras.push(`That is all for this video. ${rng.pick(['If you have questions, our support team is happy to help.', 'Thanks for watching.', 'You will find the links mentioned in the video below.'])}`);
  return { text: `<Video provider="youtube" id="${id}" title="${title}" duration="${duration}">\n\n${paras.join('\n\n')}\n\n</Video>`, words: wordCount(paras.join(' ')) };
}

function buildBody(rng: Rng, plan: Plan, links: Link[]): string {
  const borrowCat = rng.chance(0.3) ? rng.pick(CATEGORY_POOL) : null;
  const ctx: Context = { cat: plan.cat, topic: plan.topic, focusTerms: plan.focusTerms, borrow: borrowCat, usedFacts: new Set() };
  const blocks: Array<{ kind: string; text: string }> = [];
  let words = 0;
  const push = (kind: string, text: string, counted = true) => {
    blocks.push({ kind, text });
    if (counted) words += wordCount(text);
  };

  // "Short answer: yes" only fits questions about doing something.
  const intros = plan.type === 'faq' && plan.topic.kind !== 'task' ? INTRO.faq.slice(1) : INTRO[plan.type];
  push('p', fill(rng, rng.pick(intros), ctx));
  if (plan.type === 'faq' && rng.chance(0.5)) push('p', paragraph(rng, ctx, 1, 3));

  let videoDone = false;
  let stepsDone = false;
  // Tables, code and component markup add words the budget does not see; aim a bit low.
  const perSection = Math.max(30, (plan.targetWords * 0.7 - words) / plan.headings.length);
  plan.headings.forEach((h, idx) => {
    push('h', `${'#'.repeat(h.depth)} ${h.text}`, false);
    const sectionStart = words;
    const text = h.text.toLowerCase();
    if (plan.type === 'video' && !videoDone && (idx === 0 || text.includes('video'))) {
      const v = videoBlock(rng, ctx, plan.topic.title);
      blocks.push({ kind: 'video', text: v.text });
      words += v.words;
      videoDone = true;
    }
    push('p', paragraph(rng, ctx, 1, 4));
    if (plan.type === 'tutorial' && !stepsDone && (idx >= 1 || plan.headings.length <= 2 || text.includes('step'))) {
      push('steps', stepsBlock(rng, ctx));
      stepsDone = true;
    }
    if (text.includes('api') || text.includes('command line') || text === 'example') push('code', codeBlock(rng, ctx), false);
    if (text.includes('settings') || text.includes('limits') || text.includes('prices')) {
      push(rng.chance(0.5) ? 'table' : 'settings', rng.chance(0.5) ? mdTable(rng, ctx) : settingsTable(rng, ctx), false);
    }
    // Fill the section with a mix of block types until its share of the length is used.
    let guard = 0;
    while (words - sectionStart < perSection && guard++ < 12) {
      const r = rng.next();
      if (r < 0.55) push('p', paragraph(rng, ctx));
      else if (r < 0.72) push('list', bulletList(rng, ctx));
      else if (r < 0.8) push('callout', callout(rng, ctx));
      else if (r < 0.87) push('code', codeBlock(rng, ctx), false);
      else if (r < 0.94) push('table', mdTable(rng, ctx), false);
      else push('settings', settingsTable(rng, ctx), false);
    }
  });
  if (plan.type === 'video' && !videoDone) blocks.splice(1, 0, { kind: 'video', text: videoBlock(rng, ctx, plan.topic.title).text });
  if (plan.type === 'tutorial' && !stepsDone) blocks.push({ kind: 'steps', text: stepsBlock(rng, ctx) });

  const paras = blocks.filter((b) => b.kind === 'p');
  for (const link of links) {
    const b = rng.pick(paras);
    b.text += ' ' + linkSentence(rng, link);
  }
  return blocks.map((b) => b.text).join('\n\n') + '\n';
}

function describe(rng: Rng, plan: Plan): string {
  const { topic, cat } = plan;
  const term = rng.zipf(cat.terms);
  let d;
  if (plan.type === 'tutorial') {
    d = rng.pick([
      `A step-by-step guide to ${topic.phrase}, from the first click in the customer area to checking the result.`,
      `Learn how to ${topic.phrase}. Includes the settings you need and fixes for common problems.`,
      `How to ${topic.phrase} in a few minutes, with each step explained and tips for the ${term}.`,
    ]);
  } else if (plan.type === 'video' && topic.kind === 'thing') {
    d = `A short video that explains ${topic.thing} and how it affects your ${term}, with a full transcript.`;
  } else if (plan.type === 'video') {
    d = rng.pick([
      `A short video that shows how to ${topic.phrase}, with a full transcript.`,
      `Watch how to ${topic.phrase}. The transcript and a written summary are below the video.`,
    ]);
  } else if (topic.kind === 'thing') {
    d = `What ${topic.thing} is, why it matters for your ${term} and where to find it in the customer area.`;
  } else if (topic.kind === 'problem') {
    d = rng.pick([
      `What to do if ${topic.problem}: the usual causes and how to fix them.`,
      `The most common reasons why ${topic.problem}, and the quickest way to solve each one.`,
    ]);
  } else {
    d = rng.pick([
      `Find out how to ${topic.task}${topic.q}, how long it takes and what to check if something goes wrong.`,
      `Yes, you can ${topic.task}${topic.q}. Here is how, and what it means for your ${term}.`,
    ]);
  }
  if (d.length > 240) d = d.slice(0, 237).replace(/\s+\S*$/, '') + '...';
  return d;
}

function aliasesFor(rng: Rng, plan: Plan): string[] {
  const { topic, cat } = plan;
  const candidates = [
    topic.task,
    `how to ${topic.task}`,
    `${topic.thing.replace(/^(the|a|an) /, '')} ${rng.zipf(cat.terms)}`,
    topic.problem,
    `${rng.zipf(cat.terms)} ${rng.pick(['not working', 'settings', 'help', 'problem', 'change'])}`,
  ];
  const n = rng.pick([0, 0, 1, 1, 2, 3]);
  return rng.sample(candidates, n).filter((a) => a.toLowerCase() !== topic.title.toLowerCase());
}

// Fixed window so the output never depends on the day the script runs.
const DATE_START = Date.UTC(2023, 0, 1);
const DATE_SPAN_DAYS = 1400;

function frontmatter(rng: Rng, plan: Plan, related: string[]): string {
  // Skewed towards recent dates, like a maintained help center.
  const day = Math.floor(Math.sqrt(rng.next()) * DATE_SPAN_DAYS);
  const updated = new Date(DATE_START + day * 86400000).toISOString().slice(0, 10);
  const fm: Record<string, unknown> = {
    title: plan.topic.title,
    description: describe(rng, plan),
    type: plan.type,
  };
  const products = rng.sample(plan.cat.products, rng.pick([0, 1, 1, 1, 2]));
  if (products.length || rng.chance(0.3)) fm.products = products;
  fm.tags = rng.sample([...new Set([...plan.focusTerms, ...rng.sample(plan.cat.terms, 3)])], rng.int(1, 5)).map((t) => t.toLowerCase());
  fm.updated = updated;
  const aliases = aliasesFor(rng, plan);
  if (aliases.length) fm.aliases = aliases;
  if (related.length) fm.related = related;
  if (plan.popular) fm.popular = true;
  if (plan.draft) fm.draft = true;
  return `---\n${YAML.stringify(fm, { lineWidth: 0 })}---\n\n`;
}

function categoriesYaml(cats: Category[]): string {
  const data = cats.map((c, i) => ({ id: c.id, title: c.title, description: c.description, order: i + 1, icon: c.icon }));
  return (
    '# Knowledge-base categories of a generated corpus (scripts/corpus/generate.ts).\n' +
    YAML.stringify(data, { lineWidth: 0 })
  );
}

function generate({ count, seed }: { count: number; seed: number }) {
  const { cats, plans } = planArticles(count, seed);
  // Drafts are not published, so nothing may link to them.
  const published = plans.filter((p) => !p.draft);
  const byCat = new Map(cats.map((c) => [c.id, [] as Plan[]]));
  for (const p of published) byCat.get(p.cat.id)?.push(p);
  const files: Array<{ path: string; content: string }> = [];
  let links = 0;
  let words = 0;
  for (const plan of plans) {
    const rng = makeRng(mix(seed, plan.index, 2));
    const chosen = chooseLinks(rng, plan, byCat, published);
    const body = buildBody(rng, plan, chosen.links);
    links += chosen.links.length;
    words += wordCount(body);
    files.push({ path: `articles/${plan.cat.id}/${plan.slug}.mdx`, content: frontmatter(rng, plan, chosen.related) + body });
  }
  files.push({ path: 'categories.yaml', content: categoriesYaml(cats) });
  return { files, stats: { articles: plans.length, categories: cats.length, links, words, drafts: plans.length - published.length } };
}

// ---------------------------------------------------------------------------
// CLI

function fail(msg: string): never {
  process.stderr.write(`corpus-generate: ${msg}\nRun with --help for usage.\n`);
  process.exit(1);
}

function parseCli(argv: string[]) {
  const options = {
    count: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  let values: ReturnType<typeof parseArgs<{ options: typeof options; strict: true; allowPositionals: false }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    return fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  if (values.count === undefined) fail('--count is required');
  if (!/^\d+$/.test(values.count) || +values.count < 1 || +values.count > MAX_COUNT) fail(`--count must be an integer from 1 to ${MAX_COUNT}, got "${values.count}"`);
  if (!values.out) fail('--out is required');
  const seed = values.seed ?? '42';
  if (!/^\d+$/.test(seed) || +seed > 0xffffffff) fail(`--seed must be an integer from 0 to 4294967295, got "${seed}"`);
  return { count: +values.count, out: values.out, seed: +seed, force: !!values.force };
}

function prepareOutDir(out: string, force: boolean): string {
  const abs = path.resolve(out);
  if (fs.existsSync(abs)) {
    if (!fs.statSync(abs).isDirectory()) fail(`${out} exists and is not a directory`);
    const entries = fs.readdirSync(abs);
    if (entries.length) {
      if (!force) fail(`${out} is not empty; pass --force to replace its contents`);
      // --force on a mistyped path could wipe a project or home directory.
      const cwd = process.cwd();
      const home = process.env.HOME ? path.resolve(process.env.HOME) : null;
      if (abs === path.parse(abs).root || abs === home || cwd === abs || cwd.startsWith(abs + path.sep)) {
        fail(`refusing to empty ${abs}: it is the filesystem root, your home directory or contains the current directory`);
      }
      if (entries.includes('.git') || entries.includes('package.json')) fail(`refusing to empty ${abs}: it looks like a project, not a corpus`);
      for (const e of entries) fs.rmSync(path.join(abs, e), { recursive: true, force: true });
    }
  }
  fs.mkdirSync(abs, { recursive: true });
  return abs;
}

function main() {
  const opts = parseCli(process.argv.slice(2));
  const started = performance.now();
  const abs = prepareOutDir(opts.out, opts.force);
  const { files, stats } = generate(opts);
  const dirs = new Set(files.map((f) => path.dirname(path.join(abs, f.path))));
  for (const d of dirs) fs.mkdirSync(d, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(abs, f.path), f.content);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  const rel = path.relative(process.cwd(), abs);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  process.stdout.write(
    `Wrote ${stats.articles} articles (${stats.drafts} drafts, ~${Math.round(stats.words / stats.articles)} words each, ${stats.links} internal links) ` +
      `in ${stats.categories} categories to ${shown}/ in ${secs}s (seed ${opts.seed}).\n` +
      `Next: CONTENT_DIR=${shown} npm run build\n`,
  );
}

main();
