// `npm run feedback:report`: the articles that most need work, by the lower Wilson bound of
// their "helpful" share, with reasons, the revision comparison and recent comments.
// Options: --min-votes N (default 5), --limit N (default 15), --days N (only recent votes), --json.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, databaseConfig, dbReady } from '../../db/client.ts';
import { listVotes } from '../../db/queries/feedback-votes.ts';
import { readCorpus } from '../../src/integrations/content-check.ts';
import { needsWork, reasonLabels } from '../../src/lib/helpfulness.ts';
import { cliTools, Exit, exitCode, runIfEntry, type Env, type Io } from './command-line.ts';

export async function main(argv: string[], env: Env, io: Io): Promise<number> {
  const { say, warn } = cliTools(env, io);
  return exitCode(async () => {
    const usage = 'Usage: npm run feedback:report -- [--min-votes 5] [--limit 15] [--days 90] [--json]';
    let args;
    try {
      args = parseArgs({
        args: argv,
        options: { 'min-votes': { type: 'string', default: '5' }, limit: { type: 'string', default: '15' }, days: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      }).values;
    } catch (e) {
      warn(`feedback:report: ${(e as Error).message}\n${usage}`);
      throw new Exit(1);
    }
    if (args.help) { say(usage); throw new Exit(0); }
    const number = (name: string, value: string | undefined) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) { warn(`feedback:report: --${name} must be a whole number\n${usage}`); throw new Exit(1); }
      return n;
    };
    const minVotes = number('min-votes', args['min-votes']);
    const limit = number('limit', args.limit);
    const since = args.days ? new Date(Date.now() - number('days', args.days) * 86_400_000) : undefined;

    const corpus = readCorpus(path.resolve(env.CONTENT_DIR ?? 'content'), path.resolve('public'));
    const bySlug = new Map(corpus.articles.map((a) => [a.slug, a]));
    const db = createDb(databaseConfig({ ...env }));
    await dbReady(db);
    const rows = await listVotes(db, { since });
    const summaries = needsWork(rows, { minVotes, currentRevisions: new Map(corpus.articles.map((a) => [a.slug, a.revision])) }).slice(0, limit);

    // Comments come from the public; strip control characters so they cannot drive the terminal.
    const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').replace(/\s+/g, ' ').trim();
    const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);

    if (args.json) {
      say(JSON.stringify({
        generatedAt: new Date().toISOString(), minVotes, totalVotes: rows.length,
        articles: summaries.map((s) => ({ ...s, title: bySlug.get(s.article)?.data.title ?? null, file: bySlug.get(s.article)?.file ?? null })),
      }, null, 2));
    } else {
      say(`Articles that most need work (${rows.length} votes${since ? ` since ${since.toISOString().slice(0, 10)}` : ''}; at least ${minVotes} votes each)\n`);
      if (!summaries.length) say(`No article has ${minVotes} or more votes yet. Try --min-votes 1.`);
      summaries.forEach((s, i) => {
        const a = bySlug.get(s.article);
        say(`${i + 1}. ${a?.data.title ?? s.article}  (${a?.file ?? 'not in the corpus any more'})`);
        say(`   ${s.votes} votes, ${pct(s.share)} helpful, Wilson lower bound ${s.wilson.toFixed(3)}`);
        if (s.reasons.length) say(`   Reasons: ${s.reasons.map((r) => `${reasonLabels[r.reason]} ×${r.count}`).join(', ')}`);
        if (s.previous && s.current) say(`   This revision: ${pct(s.current.share)} of ${s.current.votes}; previous: ${pct(s.previous.share)} of ${s.previous.votes}`);
        for (const c of s.recentComments.slice(0, 3)) say(`   “${clean(c.comment).slice(0, 160)}” (${c.at.toISOString().slice(0, 10)})`);
        say('');
      });
    }
    db.$client.close();
  });
}

await runIfEntry(import.meta, main);
