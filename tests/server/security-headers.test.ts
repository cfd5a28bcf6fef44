import { describe, expect, it } from 'vitest';
import { cspHash, forbidFraming, headersFor, pageKey, type HeaderPolicy } from '../../src/server/security-headers';

const pages = new Map([
  ['/', "default-src 'self'; script-src 'self' 'sha256-home'"],
  ['/articles/email', "default-src 'self';script-src 'self' 'sha256-email';"],
  ['/404', "default-src 'self'; script-src 'self' 'sha256-404'"],
]);
const http: HeaderPolicy = { pages, https: false };

describe('pageKey', () => {
  it.each([
    ['/', '/'],
    ['/index.html', '/'],
    ['/articles/email/', '/articles/email'],
    ['/articles/email', '/articles/email'],
    ['/articles/email/index.html', '/articles/email'],
    ['/articles/email/?q=1#top', '/articles/email'],
    ['/404.html', '/404'],
    ['/caf%C3%A9/', '/café'],
    ['/bad%E0%A4%A/', '/bad%E0%A4%A'],
  ])('%s is the page %s', (url, key) => expect(pageKey(url)).toBe(key));
});

describe('headersFor', () => {
  it('sends a prerendered page its own policy, however its address is written', () => {
    for (const url of ['/articles/email/', '/articles/email/index.html', '/articles/email?x=1']) {
      expect(headersFor(url, http).get('Content-Security-Policy')).toBe("default-src 'self'; script-src 'self' 'sha256-email'");
    }
  });

  it('sends any other path the 404 page’s policy, since that is what shows when nothing answers', () => {
    expect(headersFor('/no/such/page/', http).get('Content-Security-Policy')).toContain("'sha256-404'");
    expect(headersFor('/api/search?q=x', http).get('Content-Security-Policy')).toContain("'sha256-404'");
  });

  it('sends nosniff, a referrer policy and a permissions policy on every answer', () => {
    const headers = headersFor('/', http);
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('Permissions-Policy')).toContain('camera=()');
  });

  it.each(['/console/', '/console', '/console/tickets/T-1/', '/console/export/tickets.csv'])('forbids framing %s', (url) => {
    const headers = headersFor(url, http);
    expect(headers.get('Content-Security-Policy')).toMatch(/; frame-ancestors 'none'$/);
    expect(headers.get('X-Frame-Options')).toBe('DENY');
  });

  it('lets the public site be framed (a control panel may embed help)', () => {
    const headers = headersFor('/articles/email/', http);
    expect(headers.get('Content-Security-Policy')).not.toContain('frame-ancestors');
    expect(headers.has('X-Frame-Options')).toBe(false);
  });

  it('sends Strict-Transport-Security only when the site is served over https', () => {
    expect(headersFor('/', http).has('Strict-Transport-Security')).toBe(false);
    expect(headersFor('/', { pages, https: true }).get('Strict-Transport-Security')).toBe('max-age=31536000');
  });
});

describe('forbidFraming', () => {
  it('adds frame-ancestors to the CSP Astro computed for a console page', () => {
    const headers = new Headers({ 'content-security-policy': "default-src 'self';script-src 'self';" });
    forbidFraming(headers);
    expect(headers.get('Content-Security-Policy')).toBe("default-src 'self'; script-src 'self'; frame-ancestors 'none'");
    expect(headers.get('X-Frame-Options')).toBe('DENY');
  });

  it('leaves an answer without a CSP (a redirect) to the one the server sets', () => {
    const headers = new Headers();
    forbidFraming(headers);
    expect(headers.has('Content-Security-Policy')).toBe(false);
    expect(headers.get('X-Frame-Options')).toBe('DENY');
  });
});

it('cspHash is the base64 SHA-256 a browser computes for an inline script', () => {
  // The empty string's digest, as listed in the CSP specification's examples.
  expect(cspHash('')).toBe('sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
});
