// Two app servers on one sqld, each keeping its stored status outputs (issue #18): a post made
// anywhere (here the CLI) makes the other server render again, since the outputs are stored per
// status version; the ETag a client holds then no longer matches.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server';
import { sqldSupported, startSqld, type RunningSqld } from './sqld';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; etag?: string; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode!, etag: res.headers.etag, body }));
    }).on('error', reject);
  });
}

describe.runIf(sqldSupported)('two app servers on one sqld', () => {
  let sqld: RunningSqld;
  let a: RunningServer;
  let b: RunningServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    sqld = await startSqld();
    env = { DATABASE_URL: sqld.url };
    execFileSync(process.execPath, ['scripts/cli/db-migrate.ts'], { env: { ...process.env, ...env } });
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sqld?.stop();
  });

  it('an incident posted through one server shows on the other, with a new ETag, within 2 s of its poll', { timeout: 60_000 }, async () => {
    const paths = ['/status/', '/status/api/v2/summary.json', '/status/live.json'];
    const before = await Promise.all(paths.map((p) => get(`${b.url}${p}`)));
    for (const [i, res] of before.entries()) {
      expect(res.status).toBe(200);
      expect((await get(`${b.url}${paths[i]}`, { 'if-none-match': res.etag! })).status).toBe(304);
    }
    const title = 'Stored pages meet a new incident';
    execFileSync(process.execPath, ['scripts/cli/status.ts', 'incident', 'new', '--title', title, '--impact', 'major', '--component', 'web-hosting=partial_outage', '--message', 'Some websites answer slowly.', '--by', 'test'], { env: { ...process.env, ...env } });
    const posted = Date.now();
    for (const [i, path] of paths.entries()) {
      for (;;) {
        const res = await get(`${b.url}${path}`, { 'if-none-match': before[i].etag! });
        if (res.status === 200 && res.body.includes(title)) {
          expect(res.etag).not.toBe(before[i].etag);
          break;
        }
        if (Date.now() - posted > 10_000) throw new Error(`${path} on the second server still lacks the incident 10 s after the post`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    console.log(`The second server showed the incident on every output ${Date.now() - posted} ms after the post.`);
    expect(Date.now() - posted).toBeLessThan(2_000 + 2_000); // the poll's 2 s, plus room for a loaded machine
    expect((await get(`${a.url}/status/live.json`)).body).toContain(title);
  });

  it('a stored page gives way to one saying the database is out of reach when it stops answering', { timeout: 60_000 }, async () => {
    const stored = await get(`${b.url}/status/`);
    expect(stored.body).not.toContain('cannot reach the status database');
    await sqld.stop();
    const stopped = Date.now();
    for (;;) {
      const res = await get(`${b.url}/status/`, { 'if-none-match': stored.etag! });
      if (res.status === 200 && res.body.includes('cannot reach the status database')) break;
      if (Date.now() - stopped > 30_000) throw new Error('/status/ still served the stored page 30 s after the database stopped');
      await new Promise((r) => setTimeout(r, 250));
    }
  });
});
