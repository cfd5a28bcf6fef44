// "Was this helpful?" end to end: the API's answers to good and bad input, what is stored (and
// what is not), replacing a vote the same day, the widget with and without JavaScript, and
// durability through kill -9.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackVotes } from '../../db/schema';
import { useBrowser } from './browser';
import { startServer, tempDatabase, type RunningServer } from './server';

let server: RunningServer;
let database: Awaited<ReturnType<typeof tempDatabase>>;
const { browser } = useBrowser();

beforeAll(async () => {
  database = await tempDatabase();
  server = await startServer({ DATABASE_URL: database.url, FEEDBACK_RATE_LIMIT: '1000' });
});
afterAll(async () => {
  await server?.stop();
  database?.dispose();
});

const rows = () => database.db.select().from(feedbackVotes);

function post(body: string, headers: Record<string, string> = {}, base = server.url) {
  return fetch(`${base}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'api-test', ...headers }, body, redirect: 'manual' });
}

describe('POST /api/feedback', () => {
  it('stores a No vote with its reason, comment and the article revision, and answers 201', async () => {
    const res = await post(JSON.stringify({ article: 'renew-a-domain', helpful: false, reason: 'outdated', comment: 'The fee table is from last year.' }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true, article: 'renew-a-domain', helpful: false });
    const [row] = (await rows()).filter((r) => r.article === 'renew-a-domain');
    expect(row).toMatchObject({ helpful: false, reason: 'outdated', comment: 'The fee table is from last year.', locale: 'en' });
    expect(row.revision).toMatch(/^[0-9a-f]{16}$/);
  });

  it('stores no IP address or user agent, only a keyed hash', async () => {
    await post(JSON.stringify({ article: 'whois-privacy', helpful: true }), { 'user-agent': 'Mozilla/5.0 (Distinctive UA 42)' });
    const dump = JSON.stringify(await rows());
    expect(dump).not.toContain('127.0.0.1');
    expect(dump).not.toContain('Distinctive UA');
  });

  it('replaces the vote when the same visitor votes again the same day', async () => {
    const ua = { 'user-agent': 'changes-mind' };
    expect((await post(JSON.stringify({ article: 'register-a-domain', helpful: false, reason: 'incomplete' }), ua)).status).toBe(201);
    expect((await post(JSON.stringify({ article: 'register-a-domain', helpful: true }), ua)).status).toBe(201);
    expect((await post(JSON.stringify({ article: 'register-a-domain', helpful: true }), ua)).status).toBe(201);
    const mine = (await rows()).filter((r) => r.article === 'register-a-domain');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ helpful: true, reason: null });
  });

  it('counts another visitor separately', async () => {
    await post(JSON.stringify({ article: 'dns-records-explained', helpful: true }), { 'user-agent': 'visitor-a' });
    await post(JSON.stringify({ article: 'dns-records-explained', helpful: true }), { 'user-agent': 'visitor-b' });
    expect((await rows()).filter((r) => r.article === 'dns-records-explained')).toHaveLength(2);
  });

  it('answers a form post with 303 to the next step of the widget', async () => {
    const form = (body: string) => post(body, { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'user-agent': 'form-user' });
    const yes = await form('article=change-php-version&helpful=yes');
    expect(yes.status).toBe(303);
    expect(yes.headers.get('location')).toBe('/articles/web-hosting/change-php-version/#feedback-thanks');
    expect((await form('article=change-php-version&helpful=no')).headers.get('location')).toBe('/articles/web-hosting/change-php-version/#feedback-why');
    expect((await form('article=change-php-version&helpful=no&reason=hard_to_follow&comment=')).headers.get('location')).toBe('/articles/web-hosting/change-php-version/#feedback-thanks-no');
  });

  it.each([
    ['an unknown article', 404, JSON.stringify({ article: 'no-such-article', helpful: true }), { article: ['is not a published article'] }],
    ['a missing answer', 400, JSON.stringify({ article: 'renew-a-domain' }), { helpful: ['must be yes or no'] }],
    ['an unknown reason', 400, JSON.stringify({ article: 'renew-a-domain', helpful: false, reason: 'boring' }), { reason: ['must be one of outdated, incomplete, hard_to_follow, did_not_solve, other'] }],
    ['a comment over 2,000 characters', 400, JSON.stringify({ article: 'renew-a-domain', helpful: false, comment: 'x'.repeat(2001) }), { comment: ['must be at most 2,000 characters'] }],
    ['a reason on a Yes vote', 400, JSON.stringify({ article: 'renew-a-domain', helpful: true, reason: 'other' }), { reason: ['reason and comment go with a No vote'] }],
    ['an unknown field', 400, JSON.stringify({ article: 'renew-a-domain', helpful: true, email: 'a@b.c' }), { email: ['is not a known field'] }],
    ['malformed JSON', 400, '{"article":', { _: ['The body is not valid JSON.'] }],
  ])('refuses %s with %i and field errors', async (_name, status, body, fields) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect((await res.json()).fields).toEqual(fields);
  });

  it('refuses a body over 8 KB with 413, another content type with 415 and a cross-site origin with 403', async () => {
    expect((await post(JSON.stringify({ article: 'renew-a-domain', helpful: false, comment: 'x'.repeat(9000) }))).status).toBe(413);
    expect((await post('helpful', { 'content-type': 'text/plain', origin: server.url })).status).toBe(415);
    expect((await post(JSON.stringify({ article: 'renew-a-domain', helpful: true }), { origin: 'https://attacker.example' })).status).toBe(403);
  });

  it('never answers 500 to garbage', async () => {
    const samples = ['', 'null', '[]', '"x"', '1e999', '{"article":null}', '{"article":{"$gt":""},"helpful":true}', '{"helpful":[true]}', '\u0000\u0001', '{"article":"a".repeat(5)}', '{"__proto__":{"x":1}}'];
    for (const body of samples) {
      const res = await post(body);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
  });

  it('limits votes per client address with 429 and Retry-After', async () => {
    const db = await tempDatabase();
    const strict = await startServer({ DATABASE_URL: db.url, FEEDBACK_RATE_LIMIT: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await post(JSON.stringify({ article: 'renew-a-domain', helpful: true }), {}, strict.url)).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const limited = await post(JSON.stringify({ article: 'renew-a-domain', helpful: true }), {}, strict.url);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await strict.stop();
      db.dispose();
    }
  });
});

describe('the widget', () => {
  it('with JavaScript: votes No, gives a reason without a reload, then changes the answer to Yes', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/articles/email/smtp-port-blocked/`);
    let loads = 0;
    page.on('load', () => loads++);
    await page.getByRole('button', { name: 'No', exact: true }).click();
    await page.getByRole('heading', { name: /What went wrong/ }).waitFor();
    await page.getByLabel('Hard to follow').check();
    await page.getByLabel('What were you looking for?').fill('Which port works from a hotel network?');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('We will use this to improve the article').waitFor();
    const support = page.getByRole('link', { name: 'Contact support about this article' }).last();
    expect(await support.getAttribute('href')).toBe('/support/?article=smtp-port-blocked&from=feedback');
    expect(loads).toBe(0);
    let mine = (await rows()).filter((r) => r.article === 'smtp-port-blocked');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ helpful: false, reason: 'hard_to_follow', comment: 'Which port works from a hotel network?' });

    await page.getByRole('link', { name: 'Change my answer' }).last().click();
    await page.getByRole('button', { name: 'Yes' }).click();
    await page.getByText('Thanks for letting us know.').waitFor();
    mine = (await rows()).filter((r) => r.article === 'smtp-port-blocked');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ helpful: true, reason: null, comment: null });
    await page.close();
  });

  it('without JavaScript: the same steps work with plain form posts', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/domains-dns/renewal-warranty/`);
    await page.getByRole('button', { name: 'No', exact: true }).click();
    await page.waitForURL(/#feedback-why$/);
    await page.getByRole('heading', { name: /What went wrong/ }).waitFor();
    await page.getByRole('heading', { name: 'Was this article helpful?' }).waitFor({ state: 'hidden' });
    await page.getByLabel('Outdated').check();
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.waitForURL(/#feedback-thanks-no$/);
    await page.getByText('We will use this to improve the article').waitFor();
    const mine = (await rows()).filter((r) => r.article === 'renewal-warranty');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ helpful: false, reason: 'outdated' });
    await context.close();
  });

  it('keeps all JavaScript on an article page, the feedback island included, under 10 KB gzipped', async () => {
    const page = await browser.newPage();
    const bodies: Promise<Buffer>[] = [];
    page.on('response', (r) => { if (r.request().resourceType() === 'script') bodies.push(r.body()); });
    await page.goto(`${server.url}/articles/email/smtp-port-blocked/`);
    await page.waitForLoadState('networkidle');
    const inline = await page.locator('script:not([src]):not([type="application/ld+json"])').evaluateAll((s) => s.map((e) => e.textContent ?? '').join('\n'));
    const external = await Promise.all(bodies);
    const gzipped = gzipSync(inline).length + external.reduce((sum, b) => sum + gzipSync(b).length, 0);
    expect(external.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(10 * 1024);
    await page.close();
  });
});

describe('durability', () => {
  it('keeps every acknowledged vote after the server is killed with SIGKILL', async () => {
    const db = await tempDatabase();
    const victim = await startServer({ DATABASE_URL: db.url, FEEDBACK_RATE_LIMIT: '100000' });
    const articles = ['renew-a-domain', 'whois-privacy', 'smtp-port-blocked', 'change-php-version'];
    const results = await Promise.all(Array.from({ length: 400 }, (_, i) =>
      post(JSON.stringify({ article: articles[i % 4], helpful: i % 3 === 0 }), { 'user-agent': `crash-test-${i}` }, victim.url).then((r) => r.status).catch(() => 0)));
    victim.process.kill('SIGKILL');
    await new Promise((r) => victim.process.once('exit', r));
    const acknowledged = results.filter((s) => s === 201).length;
    expect(acknowledged).toBe(400);
    expect(await db.db.$count(feedbackVotes)).toBe(acknowledged);
    db.dispose();
  });
});
