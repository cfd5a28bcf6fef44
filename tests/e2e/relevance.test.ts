// Search quality: customer-phrased questions from tests/relevance/*.json (keywords, whole
// sentences, typos, their own words) must find the expected article in the top 3 of the real
// search page for at least 95 % of them, and none may find nothing; the nonsense in
// tests/relevance/nonsense/ must find nothing. Prints top-1 and top-3 rates per file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser';

interface Case { query: string; expect: string; file: string }
const dir = 'tests/relevance';
const cases: Case[] = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .flatMap((file) => (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Case[]).map((c) => ({ ...c, file })));
const nonsense = JSON.parse(fs.readFileSync(path.join(dir, 'nonsense/queries.json'), 'utf8')) as string[];

const base = inject('baseUrl');
const { page } = useBrowser();
const ranks: Array<Case & { rank: number; empty: boolean }> = [];
const rate = (rows: typeof ranks, top: number) => rows.filter((r) => r.rank >= 1 && r.rank <= top).length;

/** The article addresses the search page lists for a query, best first. */
async function resultsFor(query: string): Promise<string[]> {
  await page.goto(`${base}/search/?q=${encodeURIComponent(query)}`);
  await page.locator('.hit, [data-empty]:not([hidden])').first().waitFor();
  return page.locator('.hit-title').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

describe('search relevance suite', () => {
  it('has at least 25 keyword questions and 40 in customers\' own phrasing', () => {
    expect(cases.filter((c) => c.file.startsWith('part-')).length).toBeGreaterThanOrEqual(25);
    expect(cases.filter((c) => !c.file.startsWith('part-')).length).toBeGreaterThanOrEqual(40);
  });

  it('finds the answer in the top 3 for at least 95 % of the questions, and finds something for every one', async () => {
    for (const c of cases) {
      const urls = await resultsFor(c.query);
      ranks.push({ ...c, rank: urls.findIndex((u) => u.replace(/\/$/, '').endsWith(`/${c.expect}`)) + 1, empty: urls.length === 0 });
    }
    for (const file of [...new Set(cases.map((c) => c.file))]) {
      const rows = ranks.filter((r) => r.file === file);
      console.log(`Search relevance ${file}: ${rows.length} questions, top-1 ${rate(rows, 1)}, top-3 ${rate(rows, 3)}, empty ${rows.filter((r) => r.empty).length}`);
    }
    const missed = ranks.filter((r) => r.rank < 1 || r.rank > 3).map((r) => `${r.query} → ${r.expect} (rank ${r.rank || 'none'})`);
    console.log(`Search relevance: ${ranks.length} questions, top-1 ${rate(ranks, 1)}, top-3 ${rate(ranks, 3)} (${(100 * rate(ranks, 3) / ranks.length).toFixed(1)} %); outside the top 3:\n  ${missed.join('\n  ')}`);
    expect(ranks.filter((r) => r.empty).map((r) => r.query)).toEqual([]);
    expect(rate(ranks, 3) / ranks.length, missed.join('; ')).toBeGreaterThanOrEqual(0.95);
  }, 600_000);

  it.each(nonsense)('finds nothing for nonsense: %s', async (query) => {
    expect(await resultsFor(query)).toEqual([]);
    await expect.poll(() => page.locator('[data-empty]').isVisible()).toBe(true);
  });
});
