// Redeploying under load: a served site keeps answering every request while `npm run build`
// makes a new build (with one more article) and the server switches to it, and afterwards the
// new article is served and found by search. The old build is retired, and a rollback serves it
// again with a live status.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activate, buildIsCurrent, currentBuild } from '../../scripts/server/builds.ts';
import { startServer, tempDatabase, type RunningServer } from './server';

const run = promisify(execFile);

// The article the rebuild adds; its made-up word matches nothing else in the corpus.
const newArticle = { url: '/articles/email/quillmoth-relay/', word: 'quillmoth' };
const newArticleSource = `---
title: Why does the Quillmoth relay hold my outgoing mail?
description: The Quillmoth relay holds outgoing mail for a few minutes when a mailbox sends far more than usual.
type: faq
tags: [smtp]
updated: 2026-11-02
---

The Quillmoth relay holds outgoing mail for up to ten minutes when a mailbox suddenly sends many
more messages than usual. Held mail is delivered on its own once the rate is back to normal.
`;

// Prerendered HTML may end with module scripts Astro places after </html>; anything cut short
// fails this.
const completeHtml = /<\/html>(<script[^>]*>[\s\S]*?<\/script>)*\s*$/;

let work: string;
let root: string;
let server: RunningServer;
let database: Awaited<ReturnType<typeof tempDatabase>>;
let serverLog = '';

beforeAll(async () => {
  // The suite's build, copied into a builds tree of this test's own, so the rebuild below
  // changes neither dist/ nor the server the other tests use. Inside the project, so the server
  // bundle finds node_modules.
  root = fs.mkdtempSync(path.resolve('dist/.e2e-redeploy-'));
  const first = path.join(root, 'builds', '0-suite-build');
  fs.cpSync(currentBuild(path.resolve('dist')), first, { recursive: true });
  activate(first, root);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-redeploy-'));
  fs.cpSync('content', path.join(work, 'content'), { recursive: true });
  fs.writeFileSync(path.join(work, 'content/articles/email/quillmoth-relay.mdx'), newArticleSource);

  database = await tempDatabase();
  server = await startServer({ DATABASE_URL: database.url, DIST_DIR: root, SEARCH_RATE_LIMIT: '1000000' });
  server.process.stdout!.on('data', (d) => { serverLog += d; });
});

afterAll(async () => {
  await server?.stop();
  database?.dispose();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

/** One request as a reader would make it; what went wrong with it, or null. */
async function problemWith(pathname: string): Promise<string | null> {
  try {
    const res = await fetch(server.url + pathname);
    const body = await res.text();
    if (res.status !== 200) return `${pathname}: ${res.status}`;
    if (pathname.startsWith('/api/')) {
      JSON.parse(body);
      return null;
    }
    return completeHtml.test(body) ? null : `${pathname}: HTML cut short at ${body.length} characters`;
  } catch (e) {
    return `${pathname}: ${(e as Error).cause ?? e}`;
  }
}

const findsNewArticle = async () => {
  const res = await fetch(`${server.url}/api/search?q=${newArticle.word}&limit=5`);
  return res.ok && ((await res.json()) as { hits: Array<{ url: string }> }).hits.some((h) => h.url === newArticle.url);
};

describe('redeploying while the server answers', () => {
  it('a rebuild and switch fail no request, and then the new article is served and found', async () => {
    const hit = (await (await fetch(`${server.url}/api/search?q=outgoing+mail&limit=1`)).json()) as { hits: Array<{ url: string }> };
    // A prerendered article, on-demand pages, the search endpoint and an article it found.
    const pages = ['/articles/email/mail-client-settings/', '/status/', '/support/', '/api/search?q=mail+password&limit=5', hit.hits[0].url];
    expect(await findsNewArticle()).toBe(false);

    const failures: string[] = [];
    let sent = 0;
    let stop = false;
    const reader = async () => {
      for (let n = 0; !stop; n++) {
        sent++;
        const problem = await problemWith(pages[n % pages.length]);
        if (problem) failures.push(problem);
      }
    };
    const readers = [reader(), reader()];

    const started = performance.now();
    await run('npm', ['run', 'build'], { env: { ...process.env, CONTENT_DIR: path.join(work, 'content'), DIST_DIR: root } });
    const built = performance.now();
    await expect.poll(findsNewArticle, { timeout: 10_000, interval: 50 }).toBe(true);
    const found = performance.now();
    // Keep reading from the new build for a while: its on-demand pages load on first use.
    const sentAtSwitch = sent;
    await expect.poll(() => sent - sentAtSwitch, { timeout: 30_000 }).toBeGreaterThanOrEqual(2 * pages.length);
    stop = true;
    await Promise.all(readers);

    const switchedIn = /switched in (\d+) ms/.exec(serverLog)?.[1];
    console.log(`Redeploy under load: ${sent} requests, ${failures.length} failed; build ${((built - started) / 1000).toFixed(1)} s, ` +
      `new article found ${Math.round(found - built)} ms after the build ended, server switch ${switchedIn} ms.`);
    expect(failures).toEqual([]);
    expect(switchedIn).toBeDefined();
    expect(await problemWith(newArticle.url)).toBeNull();
    expect(await problemWith('/articles/email/mail-client-settings/')).toBeNull();
    // `npm start` after this build serves it as it is instead of building it again.
    vi.stubEnv('CONTENT_DIR', path.join(work, 'content'));
    expect(buildIsCurrent(root)).toBe(true);
    vi.unstubAllEnvs();
  }, 300_000); // a full build of the sample site runs inside this test

  it('retires the old build (no status polling, no caches), and after a rollback serves it with a live status again', async () => {
    // The old build stays loaded in the process; it must not keep polling the store for ever.
    await expect.poll(() => serverLog, { timeout: 10_000 }).toMatch(/Build 0-suite-build retired/);
    await run(process.execPath, ['scripts/server/rollback.ts'], { env: { ...process.env, DIST_DIR: root } });
    await expect.poll(findsNewArticle, { timeout: 10_000, interval: 100 }).toBe(false);
    await expect.poll(() => (serverLog.match(/ retired: /g) ?? []).length, { timeout: 10_000 }).toBe(2);
    // The build served again reads the store again: an incident posted now shows at once.
    const title = `Relay queue delays ${Date.now()}`;
    await run(process.execPath, ['scripts/cli/status.ts', 'incident', 'new', '--title', title, '--impact', 'minor', '--component', 'mail-delivery=degraded_performance', '--message', 'Outgoing mail waits a few minutes.', '--by', 'e2e'], { env: { ...process.env, DATABASE_URL: database.url, CAIRN_NOW: '' } });
    await expect.poll(async () => (await fetch(`${server.url}/api/v2/incidents/unresolved.json`)).text(), { timeout: 10_000 }).toContain(title);
  }, 60_000);
});
