import { describe, expect, it } from 'vitest';
import { statusAt, type StatusContent } from '../../src/lib/status';
import {
  chooseEncoding,
  entityTag,
  isCacheable,
  isCurrent,
  listedTags,
  notModified,
  openIncidentRefreshMs,
  storedUntil,
  variantTag,
} from '../../src/lib/status-cache';
import { components, desk, incident, maintenance } from './status-fixtures';

const at = (iso: string) => new Date(iso);

describe.each([
  { behaviour: 'the status page is cached', method: 'GET', path: '/status/', cached: true },
  { behaviour: 'a permalink is cached', method: 'GET', path: '/status/incidents/2026-11-24-payments/', cached: true },
  { behaviour: 'the Statuspage JSON is cached', method: 'GET', path: '/status/api/v2/summary.json', cached: true },
  { behaviour: 'the root Statuspage JSON is cached', method: 'HEAD', path: '/api/v2/status.json', cached: true },
  { behaviour: 'the badge is cached', method: 'HEAD', path: '/status/badge.svg', cached: true },
  { behaviour: 'a POST is never cached', method: 'POST', path: '/status/', cached: false },
  { behaviour: 'the search API is not a status output', method: 'GET', path: '/api/search', cached: false },
  { behaviour: 'an article is not a status output', method: 'GET', path: '/articles/email/mail-client-settings/', cached: false },
  { behaviour: 'the console is not a status output', method: 'GET', path: '/console/status/', cached: false },
])('isCacheable: $behaviour', ({ method, path, cached }) => {
  it(`${method} ${path}`, () => expect(isCacheable(method, path)).toBe(cached));
});

describe('storedUntil and isCurrent', () => {
  const content: StatusContent = {
    components,
    incidents: [
      incident('2026-11-20-dns', { updates: [{ at: '2026-11-20T10:00:00Z', status: 'investigating', body: 'Looking.' }] }),
    ],
    maintenances: [
      maintenance('2026-12-08-mail', { scheduledFor: '2026-12-08T01:00:00Z', scheduledUntil: '2026-12-08T03:00:00Z', publishedAt: '2026-12-01T09:00:00Z' }),
    ],
  };
  const calm: StatusContent = { ...content, incidents: [] };

  it('a calm page is kept until the next maintenance boundary', () => {
    const now = at('2026-12-08T00:30:00Z');
    expect(new Date(storedUntil(statusAt(calm, now, desk), now.getTime())).toISOString()).toBe('2026-12-08T01:00:00.000Z');
  });

  it('a calm page is kept until midnight in the zone when nothing is scheduled', () => {
    const now = at('2026-12-10T12:00:00Z');
    expect(new Date(storedUntil(statusAt(calm, now, desk), now.getTime())).toISOString()).toBe('2026-12-10T23:00:00.000Z');
  });

  it('during an open incident the page is rendered again every minute, as uptime keeps falling', () => {
    const now = at('2026-11-20T12:00:00Z');
    expect(storedUntil(statusAt(content, now, desk), now.getTime())).toBe(now.getTime() + openIncidentRefreshMs);
  });

  const stored = { version: 'v1', validUntil: Date.parse('2026-12-08T01:00:00Z') };
  it.each([
    { behaviour: 'same version before the boundary: current', version: 'v1', now: '2026-12-08T00:59:59.999Z', current: true },
    { behaviour: 'at the boundary: stale', version: 'v1', now: '2026-12-08T01:00:00Z', current: false },
    { behaviour: 'another version (a post on any server): stale', version: 'v2', now: '2026-12-08T00:00:00Z', current: false },
  ])('$behaviour', ({ version, now, current }) => {
    expect(isCurrent(stored, version, Date.parse(now))).toBe(current);
  });
});

describe.each([
  { behaviour: 'a browser gets brotli', header: 'gzip, deflate, br, zstd', encoding: 'br' },
  { behaviour: 'a client without brotli gets gzip', header: 'gzip, deflate', encoding: 'gzip' },
  { behaviour: 'x-gzip is gzip', header: 'x-gzip', encoding: 'gzip' },
  { behaviour: 'q-values are honoured', header: 'br;q=0.5, gzip;q=0.8', encoding: 'gzip' },
  { behaviour: 'br wins a tie with gzip', header: 'gzip;q=0.9, br;q=0.9', encoding: 'br' },
  { behaviour: 'br;q=0 refuses brotli', header: 'br;q=0, gzip', encoding: 'gzip' },
  { behaviour: 'a wildcard allows brotli', header: '*', encoding: 'br' },
  { behaviour: 'no header: identity, which every client reads', header: null, encoding: 'identity' },
  { behaviour: 'an empty header means identity only', header: '', encoding: 'identity' },
  { behaviour: 'only deflate (not stored): identity', header: 'deflate', encoding: 'identity' },
  { behaviour: 'identity;q=0 with deflate only: nothing acceptable', header: 'deflate, identity;q=0', encoding: null },
  { behaviour: '*;q=0 refuses identity too', header: '*;q=0', encoding: null },
  { behaviour: 'a malformed q counts as refused', header: 'br;q=abc, gzip', encoding: 'gzip' },
])('chooseEncoding: $behaviour', ({ header, encoding }) => {
  it(`${JSON.stringify(header)} → ${encoding}`, () => expect(chooseEncoding(header)).toBe(encoding));
});

describe('ETags and If-None-Match', () => {
  const tag = entityTag('abc123');

  it('each stored encoding has its own strong tag', () => {
    expect([variantTag(tag, 'identity'), variantTag(tag, 'br'), variantTag(tag, 'gzip')]).toEqual(['"abc123"', '"abc123-br"', '"abc123-gzip"']);
  });

  it('lists the tags of a header, weak or strong, with a wildcard', () => {
    expect(listedTags('W/"a", "b" ,*')).toEqual(['"a"', '"b"', '*']);
  });

  it.each([
    { behaviour: 'the same tag: not modified', header: '"abc123-br"', sent: '"abc123-br"', result: true },
    { behaviour: 'a weakened tag still matches (weak comparison)', header: 'W/"abc123-br"', sent: '"abc123-br"', result: true },
    { behaviour: 'one of several tags matches', header: '"old", "abc123-gzip"', sent: '"abc123-gzip"', result: true },
    { behaviour: 'a wildcard matches any current representation', header: '*', sent: '"abc123"', result: true },
    { behaviour: 'the brotli tag does not validate the gzip bytes', header: '"abc123-br"', sent: '"abc123-gzip"', result: false },
    { behaviour: 'an older rendering is modified', header: '"old"', sent: '"abc123"', result: false },
    { behaviour: 'no header: a full answer', header: null, sent: '"abc123"', result: false },
    { behaviour: 'garbage matches nothing', header: 'abc123', sent: '"abc123"', result: false },
  ])('$behaviour', ({ header, sent, result }) => {
    expect(notModified(header, sent)).toBe(result);
  });
});
