// `npm run feedback:report`: the articles that most need work, by the lower Wilson bound of
// their "helpful" share, with reasons, the revision comparison and recent comments.
// Options: --min-votes N (default 5), --limit N (default 15), --days N (only recent votes), --json.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, databaseConfig, dbReady } from '../../db/client.ts';
import { listVotes } from '../../db/queries/feedback-votes.ts';
import { readCorpus } from '../../src/integrations/content-check.ts';
import { needsWork, reasonLabels } from '../../src/lib/helpfulness.ts';

const usage = 'Usage: npm run feedback:report -- [--min-votes 5] [--limit 15] [--days 90] [--json]';
let args;
try {
  args = parseArgs({
    options: { 'min-votes': { type: 'string', default: '5' }, limit: { type: 'string', default: '15' }, days: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  }).values;
} catch (e) {
  console.error(`feedback:report: ${(e as Error).message}\n${usage}`);
  process.exit(1);
}
if (args.help) { console.log(usage); process.exit(0); }
const number = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) { console.error(`feedback:report: --${name} must be a whole number\n${usage}`); process.exit(1); }
  return n;
};
const minVotes = number('min-votes', args['min-votes']);
const limit = number('limit', args.limit);
const since = args.days ? new Date(Date.now() - number('days', args.days) * 86_400_000) : undefined;

const corpus = readCorpus(path.resolve(process.env.CONTENT_DIR ?? 'content'), path.resolve('public'));
const bySlug = new Map(corpus.articles.map((a) => [a.slug, a]));
const db = createDb(databaseConfig());
await dbReady(db);
const rows = await listVotes(db, { since });
const summaries = needsWork(rows, { minVotes, currentRevisions: new Map(corpus.articles.map((a) => [a.slug, a.revision])) }).slice(0, limit);

// Comments come from the public; strip control characters so they cannot drive the terminal.
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').replace(/\s+/g, ' ').trim();
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);

if (args.json) {
  console.log(JSON.stringify({
    generatedAt: new Date().toISOString(), minVotes, totalVotes: rows.length,
    articles: summaries.map((s) => ({ ...s, title: bySlug.get(s.article)?.data.title ?? null, file: bySlug.get(s.article)?.file ?? null })),
  }, null, 2));
} else {
  console.log(`Articles that most need work (${rows.length} votes${since ? ` since ${since.toISOString().slice(0, 10)}` : ''}; at least ${minVotes} votes each)\n`);
  if (!summaries.length) console.log(`No article has ${minVotes} or more votes yet. Try --min-votes 1.`);
  summaries.forEach((s, i) => {
    const a = bySlug.get(s.article);
    console.log(`${i + 1}. ${a?.data.title ?? s.article}  (${a?.file ?? 'not in the corpus any more'})`);
    console.log(`   ${s.votes} votes, ${pct(s.share)} helpful, Wilson lower bound ${s.wilson.toFixed(3)}`);
    if (s.reasons.length) console.log(`   Reasons: ${s.reasons.map((r) => `${reasonLabels[r.reason]} ×${r.count}`).join(', ')}`);
    if (s.previous && s.current) console.log(`   This revision: ${pct(s.current.share)} of ${s.current.votes}; previous: ${pct(s.previous.share)} of ${s.previous.votes}`);
    for (const c of s.recentComments.slice(0, 3)) console.log(`   “${clean(c.comment).slice(0, 160)}” (${c.at.toISOString().slice(0, 10)})`);
    console.log('');
  });
}
db.$client.close();
