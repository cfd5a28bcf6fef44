// A seeded, bounded fuzz run over every route of the built server: odd methods, malformed Host
// headers, hostile query strings, bodies of every type and encoding, forged cookies and keys,
// signed in and not. While the database is healthy no request may get a 5xx or a broken
// connection, and the server must still answer afterwards. FUZZ_REQUESTS raises the count
// (the closing note's figure comes from FUZZ_REQUESTS=12000); FUZZ_SEED replays a run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { startServer, tempDatabase, type RunningServer } from './server';

const requests = Number(process.env.FUZZ_REQUESTS ?? 3000);
const seed = Number(process.env.FUZZ_SEED ?? 20261202);
const concurrency = 8;

let database: Awaited<ReturnType<typeof tempDatabase>>;
let server: RunningServer;
let port: number;
let sessionCookie = '';

/** Every route file under src/pages, as concrete paths: each [param] filled with a real value. */
function routePaths(): string[] {
  const samples: Record<string, string> = {
    category: 'email', slug: 'renew-a-domain', reference: 'T-0000-0000-0000-00AA', id: '2026-10-07-dns-timeouts', '...endpoint': 'summary.json',
  };
  const pagesDir = path.resolve('src/pages');
  const files = fs.readdirSync(pagesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return files.map((e) => {
    const rel = path.relative(pagesDir, path.join(e.parentPath, e.name)).replace(/\\/g, '/');
    const route = rel.replace(/\.(astro|ts|mdx?)$/, '').replace(/(^|\/)index$/, '').replace(/\[([^\]]+)\]/g, (_, p: string) => samples[p] ?? 'x');
    return `/${route}${/\.[a-z]+$/.test(route) || rel.startsWith('api/') || route === '' ? '' : '/'}`.replace(/\/+/g, '/');
  });
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '%', '%E0%A4%A', '%00', '..%2F..%2Fetc%2Fpasswd', '<script>alert(1)</script>', "' OR 1=1 --", '\u202e', '😀'.repeat(50), 'a'.repeat(5000), '__proto__', 'constructor'),
);
const jsonValue = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.constantFrom('{"__proto__":{"x":1}}', '[]', 'null', '{"email":"a@b.c","name":"x","subject":"s","description":"d","product":"email"}', '{"article":"renew-a-domain","helpful":false,"reason":"outdated","comment":"x"}', '{"event":"search","query":"x","results":-1}', '['.repeat(5000)),
  fc.dictionary(fc.constantFrom('email', 'name', 'subject', 'description', 'product', 'emergency', 'contractKey', 'article', 'helpful', 'reason', 'comment', 'event', 'query', 'results', 'rank', 'password', 'next', 'plan'), fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }))).map((o) => JSON.stringify(o)),
);
const formBody = fc.dictionary(fc.constantFrom('email', 'name', 'subject', 'description', 'product', 'emergency', 'contractKey', 'article', 'helpful', 'reason', 'comment', 'password', 'next', 'q', '_'), text).map((o) => new URLSearchParams(o).toString());

interface Fuzzed { method: string; path: string; headers: Record<string, string>; body: Buffer | null; signedIn: boolean }

function requestArbitrary(paths: string[]): fc.Arbitrary<Fuzzed> {
  const method = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('GET', 'POST') },
    { weight: 2, arbitrary: fc.constantFrom('HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
    // Methods Node's parser knows but the site does not serve (an unknown token is Node's own 400).
    { weight: 1, arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'SEARCH', 'PURGE', 'QUERY') },
  );
  const pathArb = fc.tuple(fc.constantFrom(...paths), fc.oneof(
    fc.constant(''),
    fc.dictionary(fc.constantFrom('q', 'limit', 'category', 'type', 'plan', 'next', 'queue', 'article', 'at', 'page', 'signed-out', 'emergency'), text).map((o) => `?${new URLSearchParams(o)}`),
    fc.constantFrom('?q=%', '?q=%zz&q=a&q=b', '?limit=-1', '?limit=1e309', '?next=//evil.example', '/..%2f..%2fetc/passwd', '/%2e%2e/%2e%2e/', 'x/y/z', '/%C0%AE%C0%AE/', '?' + 'a=1&'.repeat(500), ';jsessionid=x', '/index.html', '.br', '.gz'),
  )).map(([p, tail]) => p + tail);
  const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', 'multipart/form-data', 'text/plain', 'application/xml', '', 'application/json;;;', 'x'.repeat(300));
  const body = fc.oneof(
    { weight: 3, arbitrary: jsonValue.map((s) => Buffer.from(s)) },
    { weight: 3, arbitrary: formBody.map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.alloc(200_000, 'a'), Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n')) },
  );
  const host = fc.oneof({ weight: 8, arbitrary: fc.constant('own') }, { weight: 1, arbitrary: fc.constantFrom('a@b', 'evil.example', 'x y', '[::1', 'localhost:0', '') });
  const origin = fc.constantFrom(undefined, 'own', 'https://evil.example', 'null');
  const extra = fc.dictionary(
    fc.constantFrom('accept-encoding', 'accept', 'cookie', 'authorization', 'x-forwarded-for', 'if-none-match', 'range', 'accept-language', 'user-agent', 'sec-fetch-site', 'content-encoding', 'if-modified-since'),
    fc.oneof(text.map((t) => t.replace(/[^\t\x20-\x7e]/g, '')), fc.constantFrom('gzip', 'br, gzip;q=0', 'deflate', 'bytes=0-0,5-', 'bytes=99999999-', 'Bearer cairn_demo_pro_00000000000000000000000', 'Bearer ' + 'x'.repeat(2000), 'cairn_session=' + 'A'.repeat(43), 'cairn_session=%%%', '*', 'cross-site', 'W/"x"')),
    { maxKeys: 4 },
  );
  return fc.record({ method, path: pathArb, contentType, body: fc.option(body, { freq: 3 }), host, origin, extra, signedIn: fc.boolean(), gzipBody: fc.boolean() }).map((r) => {
    const headers: Record<string, string> = { ...r.extra };
    if (r.body) headers['content-type'] = r.contentType;
    let bytes = r.body;
    if (bytes && r.gzipBody) { bytes = zlib.gzipSync(bytes); headers['content-encoding'] = 'gzip'; }
    // Node's client frames no body for GET, HEAD or DELETE unless told its length.
    if (bytes) headers['content-length'] = String(bytes.length);
    if (r.host !== 'own') headers.host = r.host;
    if (r.origin) headers.origin = r.origin === 'own' ? `http://127.0.0.1:${port}` : r.origin;
    return { method: r.method, path: r.path, headers, body: bytes, signedIn: r.signedIn };
  });
}

type Outcome = { status: number } | { error: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function send(r: Fuzzed): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers = { ...r.headers };
    if (r.signedIn && sessionCookie) headers.cookie = [headers.cookie, sessionCookie].filter(Boolean).join('; ');
    const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers, agent, setHost: !('host' in headers), timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (e) => resolve({ error: `response: ${e.message}` }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (e) => resolve({ error: e.message }));
    req.end(r.body ?? undefined);
  });
}

/** Raw bytes no HTTP client would send: Node's parser must answer them, never the app. */
function rawExchange(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => { answer += d; });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.setTimeout(10_000, () => socket.destroy());
    socket.end(bytes);
  });
}

beforeAll(async () => {
  database = await tempDatabase();
  const env = { ...process.env, DATABASE_URL: database.url };
  execFileSync(process.execPath, ['scripts/cli/contracts.ts', 'demo'], { env });
  execFileSync(process.execPath, ['scripts/cli/staff.ts', 'add', 'admin@alpenhost.example', '--role', 'admin', '--password', 'staple battery horse'], { env });
  const generous = '1000000';
  server = await startServer({
    DATABASE_URL: database.url, FEEDBACK_RATE_LIMIT: generous, TICKET_RATE_LIMIT: generous, TICKET_KEY_RATE_LIMIT: generous,
    SEARCH_RATE_LIMIT: generous, KEY_FAILURE_LIMIT: generous, CONSOLE_LOGIN_RATE_LIMIT: generous,
  });
  port = Number(new URL(server.url).port);
  const login = await fetch(`${server.url}/console/login/`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ email: 'admin@alpenhost.example', password: 'staple battery horse' }),
  });
  sessionCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
});
afterAll(async () => {
  agent.destroy();
  await server?.stop();
  database?.dispose();
});

describe('hostile and malformed requests', () => {
  it('covers every route file, signed in as staff and not', () => {
    expect(routePaths().length).toBeGreaterThan(25);
    expect(sessionCookie).toMatch(/^cairn_session=/);
  });

  it(`never answer 5xx or drop the connection (${requests} seeded requests)`, async () => {
    const cases = fc.sample(requestArbitrary(routePaths()), { seed, numRuns: requests });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const r = cases[next++];
        const outcome = await send(r);
        if ('error' in outcome || outcome.status >= 500) {
          failures.push(`${'error' in outcome ? outcome.error : outcome.status} ← ${r.method} ${r.path.slice(0, 120)} ${JSON.stringify(r.headers).slice(0, 300)} body=${r.body?.subarray(0, 80).toString('latin1') ?? ''}`);
        } else {
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        }
      }
    }));
    expect(failures.slice(0, 20)).toEqual([]);
    // The run reached real handlers, not only the guard: successes, redirects and field errors.
    expect(statuses.get(200)).toBeGreaterThan(requests / 20);
    expect(statuses.get(400)).toBeGreaterThan(requests / 50);
    expect(server.process.exitCode).toBeNull();
    expect((await fetch(`${server.url}/api/sla?plan=pro`)).status).toBe(200);
  }, 600_000);

  it.each([
    ['a request line with no version', 'GET /\r\n\r\n'],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nnonsense\r\n\r\n'],
    ['a header block of 100 KB', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
    ['two Content-Length headers that disagree', 'POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef'],
    ['a chunked body with a bad chunk size', 'POST /api/tickets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'],
    ['TRACE', 'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['TRACK, which Node does not parse', 'TRACK / HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a Host with credentials on an on-demand route', 'GET /api/sla?plan=pro HTTP/1.1\r\nHost: a@b\r\nConnection: close\r\n\r\n'],
    ['an absolute-form target for another host', 'GET http://evil.example/status/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'],
  ])('answers %s with a 4xx', async (_, bytes) => {
    const answer = await rawExchange(bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
  });
});

describe('body limits', () => {
  const fields = { name: 'Ana Client', email: 'ana@example.com', product: 'email', subject: 'A very long report' };

  it.each([['/support/', 'the form page'], ['/api/tickets', 'the API']])('%s (%s) refuses a 2 MB form with 413 and files nothing', async (path) => {
    const before = (await database.db.select().from(tickets)).length;
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({ ...fields, description: 'x'.repeat(2_000_000) }),
    });
    expect(res.status).toBe(413);
    const text = await res.text();
    if (path === '/support/') {
      // The fields that arrived before the limit are shown again; the rest of the text is not lost
      // in the browser, which keeps what was typed in the form it came from.
      expect(text).toContain('value="Ana Client"');
      expect(text).toMatch(/larger than 256 KB/);
    }
    expect((await database.db.select().from(tickets)).length).toBe(before);
  });

  it('answers a 40 MB form with 413 and the fields that arrived, then closes the connection', async () => {
    const res = await fetch(`${server.url}/support/`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({ ...fields, description: 'x'.repeat(40_000_000) }),
    }).catch((e: Error) => e);
    // Closing while the client still sends may reach it as a reset instead of the answer; curl and
    // browsers read the answer first. Either way nothing is filed and the server keeps serving.
    if (!(res instanceof Error)) {
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.text()).toContain('value="Ana Client"');
    }
    expect((await fetch(`${server.url}/api/sla?plan=pro`)).status).toBe(200);
  });

  it('takes a description at its 20,000-character limit in another script through the form', async () => {
    const res = await fetch(`${server.url}/support/`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({ ...fields, description: 'ж'.repeat(19_990) + ' — the end' }),
    });
    expect(res.status).toBe(303);
    const stored = await database.db.select().from(tickets);
    expect(stored.at(-1)?.description.endsWith('— the end')).toBe(true);
  });
});
