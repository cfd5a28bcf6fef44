import { describe, expect, it } from 'vitest';
import { guardRequest } from '../../src/server/request-guard';

const get = (extra: Partial<Parameters<typeof guardRequest>[0]> = {}) => guardRequest({ method: 'GET', url: '/', host: 'help.example', ...extra });

describe('methods', () => {
  it.each(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])('lets %s through to the site', (method) => {
    expect(get({ method })).toBeNull();
  });

  it.each(['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'MKCOL', 'BREW'])('answers %s with 405 and the methods the site serves', (method) => {
    const refused = get({ method });
    expect(refused?.status).toBe(405);
    expect(refused?.headers.Allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(JSON.parse(refused!.body).error).toBe('method_not_allowed');
  });
});

describe('Host', () => {
  it.each(['help.example', 'help.example:4321', '127.0.0.1:8080', '[::1]:4321', 'localhost', 'status.help.example.'])('serves %s', (host) => {
    expect(get({ host })).toBeNull();
  });

  it.each([['a@b'], ['user:pass@help.example'], ['help example'], ['help.example/x'], [''], ['-bad.example'], ['a'.repeat(400)], ['help.example:99999999'], [undefined], [['a', 'b']]])(
    'answers 400 to the malformed Host %j',
    (host) => {
      const refused = get({ host: host as string | undefined });
      expect(refused?.status).toBe(400);
      expect(JSON.parse(refused!.body).error).toBe('bad_host');
    },
  );
});

describe('request target', () => {
  it.each(['http://evil.example/', '//evil.example/x', '*'])('refuses %s, which is not a path on this site', (url) => {
    expect(get({ url })?.status).toBe(400);
  });
});

describe('OPTIONS', () => {
  it.each(['/status/api/v2/summary.json', '/api/v2/summary.json', '/api/v2/incidents/unresolved.json?x=1'])(
    'grants any origin a preflight for the read-only status API a widget calls: %s',
    (url) => {
      const answer = get({ method: 'OPTIONS', url });
      expect(answer?.status).toBe(204);
      expect(answer?.headers['Access-Control-Allow-Origin']).toBe('*');
      expect(answer?.headers['Access-Control-Allow-Methods']).toBe('GET, HEAD');
    },
  );

  it('does not mistake the write APIs under /api/ for the Statuspage API', () => {
    for (const url of ['/api/v2', '/api/v20/x', '/api/status/incidents', '/api/console/x']) {
      expect(get({ method: 'OPTIONS', url })?.headers['Access-Control-Allow-Origin'], url).toBeUndefined();
    }
  });

  it('grants no origin for the write APIs, which are same-origin only', () => {
    const answer = get({ method: 'OPTIONS', url: '/api/tickets' });
    expect(answer?.status).toBe(204);
    expect(answer?.headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(answer?.headers.Allow).toContain('POST');
  });
});
