import { describe, expect, it } from 'vitest';
import { isStatusHost, statusHostTarget, statusPageHref } from '../../src/lib/status-host';

describe('which requests are for the status host', () => {
  it.each([
    ['the configured host', 'status.example.com', 'status.example.com', true],
    ['the host on any port when none is configured', 'status.example.com:8443', 'status.example.com', true],
    ['whatever the case, with a trailing dot', 'Status.Example.COM.', 'status.example.com', true],
    ['only the configured port when one is', 'status.example.com:8080', 'status.example.com:4321', false],
    ['the configured port', 'status.example.com:4321', 'status.example.com:4321', true],
    ['not the help center', 'help.example.com', 'status.example.com', false],
    ['not a host that merely ends like it', 'evilstatus.example.com', 'status.example.com', false],
    ['not a subdomain of it', 'a.status.example.com', 'status.example.com', false],
    ['nothing when STATUS_HOST is unset', 'status.example.com', null, false],
    ['nothing without a Host header', undefined, 'status.example.com', false],
  ])('%s', (_, host, configured, expected) => {
    expect(isStatusHost(host, configured)).toBe(expected);
  });
});

describe('where a path on the status host is served', () => {
  it.each([
    ['/', '/status/'],
    ['/?utm=x', '/status/?utm=x'],
    ['/history/', '/status/history/'],
    ['/history', '/status/history'],
    ['/incidents/2026-11-03-mail/', '/status/incidents/2026-11-03-mail/'],
    ['/maintenance/2026-12-08-dns/', '/status/maintenance/2026-12-08-dns/'],
    ['/history.atom', '/status/history.atom'],
    ['/history.rss', '/status/history.rss'],
    ['/maintenance.ics', '/status/maintenance.ics'],
    ['/badge.svg', '/status/badge.svg'],
    ['/live.json?x=1', '/status/live.json?x=1'],
    ['/subscribe/', '/status/subscribe/'],
    ['/subscribe/confirm/?token=t', '/status/subscribe/confirm/?token=t'],
    ['/subscribe/manage/', '/status/subscribe/manage/'],
    ['/subscribe/unsubscribe/?token=t', '/status/subscribe/unsubscribe/?token=t'],
  ])('%s is the status page’s %s', (target, internal) => {
    expect(statusHostTarget(target)).toBe(internal);
  });

  it.each([
    ['the Statuspage API, served at the root of every host', '/api/v2/summary.json'],
    ['old /status/ links', '/status/incidents/2026-11-03-mail/'],
    ['build assets', '/_astro/index.abc123.css'],
    ['help-center pages', '/articles/email/'],
    ['a deeper path that only looks like a permalink', '/incidents/a/b/'],
    ['the sitemap', '/sitemap.xml'],
    ['a path below the subscription pages that is none of them', '/subscribe/other/'],
  ])('leaves %s alone', (_, target) => {
    expect(statusHostTarget(target)).toBe(target);
  });
});

describe('links printed on a status page', () => {
  const site = 'https://help.example.com/';
  it.each([
    ['/status/', '/'],
    ['/status/history/', '/history/'],
    ['/status/incidents/x/', '/incidents/x/'],
    ['/status/api/v2/summary.json', '/api/v2/summary.json'],
    ['/articles/', 'https://help.example.com/articles/'],
    ['/', 'https://help.example.com/'],
    ['#main', '#main'],
  ])('on the status host, %s becomes %s', (path, href) => {
    expect(statusPageHref(path, true, site)).toBe(href);
  });

  it('elsewhere, every path stays as written', () => {
    for (const path of ['/status/', '/status/incidents/x/', '/articles/', '/']) expect(statusPageHref(path, false, site)).toBe(path);
  });
});
