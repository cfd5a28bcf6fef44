// The webhook sender against real sockets on loopback: the private-target refusal (at
// registration and when connecting), the signature a receiver checks, and the time-out.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/lib/webhooks';
import { checkTarget, postWebhook } from '../../src/server/webhooks';

let receiver: http.Server;
let url = '';
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000);
      res.writeHead(req.url === '/broken' ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => { receiver.closeAllConnections(); receiver.close(() => resolve()); }));

const request = (path: string, allowPrivate: boolean, timeoutMs = 5000) =>
  postWebhook({ url: `${url}${path}`, secret: 'whsec_test', event: 'ticket.created', body: '{"a":1}', idempotencyKey: 'cairn-outbox-7', timeoutMs, allowPrivate });

describe('checkTarget', () => {
  it.each([
    ['http://127.0.0.1:9/hook', /127\.0\.0\.1, a private, loopback or link-local address/],
    ['http://localhost:9/hook', /localhost resolves to (127\.0\.0\.1|::1)/],
    ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254/],
    ['http://[::1]:9/', /::1/],
    ['http://[::ffff:10.0.0.1]/', /private/],
  ])('refuses %s', async (target, message) => {
    expect(await checkTarget(target, false)).toMatch(message);
  });
  it('accepts them with WEBHOOK_ALLOW_PRIVATE=1, and refuses a host that does not resolve', async () => {
    expect(await checkTarget('http://127.0.0.1:9/hook', true)).toBeNull();
    expect(await checkTarget('http://no-such-host.invalid/', true)).toMatch(/does not resolve/);
  });
});

describe('postWebhook', () => {
  it('refuses to connect to a private address, so a DNS answer that changed since registration reaches nothing', async () => {
    const before = received.length;
    await expect(request('/hook', false)).rejects.toThrow(/private, loopback or link-local/);
    await expect(postWebhook({ url: `${url.replace('127.0.0.1', 'localhost')}/hook`, secret: 's', event: 'e', body: '{}', idempotencyKey: 'k', timeoutMs: 5000, allowPrivate: false })).rejects.toThrow(/private/);
    expect(received.length).toBe(before);
  });
  it('posts the body signed over "timestamp.body", with the event and the idempotency key', async () => {
    expect(await request('/hook', true)).toBe(204);
    const last = received.at(-1)!;
    expect(last.body).toBe('{"a":1}');
    expect(last.headers['cairn-event']).toBe('ticket.created');
    expect(last.headers['idempotency-key']).toBe('cairn-outbox-7');
    expect(verifySignature('whsec_test', last.body, String(last.headers['cairn-signature']), Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature('whsec_other', last.body, String(last.headers['cairn-signature']), Math.floor(Date.now() / 1000))).toBe(false);
  });
  it('reports the status of a failing target, and gives up on a slow one at the time-out', async () => {
    expect(await request('/broken', true)).toBe(500);
    const started = Date.now();
    await expect(request('/slow', true, 300)).rejects.toThrow(/no answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
