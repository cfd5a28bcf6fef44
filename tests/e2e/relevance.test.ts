// Search quality: customer-phrased questions from tests/relevance/*.json must find the expected
// article in the top 3 of the real search page; prints top-1 and top-3 hit rates.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';

interface Case { query: string; expect: string }
const dir = 'tests/relevance';
const cases: Case[] = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Case[]);

const base = inject('baseUrl');
let browser: Browser;
let page: Page;
const ranks: Array<{ query: string; rank: number }> = [];

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  if (!ranks.length) return;
  const top1 = ranks.filter((r) => r.rank === 1).length;
  const top3 = ranks.filter((r) => r.rank >= 1 && r.rank <= 3).length;
  console.log(`Search relevance: ${ranks.length} questions, top-1 ${top1}/${ranks.length} (${(100 * top1 / ranks.length).toFixed(0)}%), top-3 ${top3}/${ranks.length} (${(100 * top3 / ranks.length).toFixed(0)}%)`);
});

describe('search relevance suite', () => {
  it('has at least 25 questions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('"$query" finds $expect in the top 3', async ({ query, expect: slug }) => {
    await page.goto(`${base}/search/?q=${encodeURIComponent(query)}`);
    await page.locator('.hit, [data-empty]:not([hidden])').first().waitFor();
    const urls = await page.locator('.hit-title').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const rank = urls.findIndex((u) => u.replace(/\/$/, '').endsWith(`/${slug}`)) + 1;
    ranks.push({ query, rank });
    expect(rank, `top results: ${urls.slice(0, 3).join(', ')}`).toBeGreaterThanOrEqual(1);
    expect(rank).toBeLessThanOrEqual(3);
  });
});
