// Which paths the console guards, and which "next" targets the sign-in page may redirect to.
import { describe, expect, it } from 'vitest';
import { isConsolePath, isLoginPath, loginUrl, opensWithOneTimePassword, passwordChangeUrl, safeNext } from '../../src/lib/console-paths';

describe('isConsolePath', () => {
  it.each([
    ['/console', true],
    ['/console/', true],
    ['/console/tickets/T-0000-0000-0000-0000/', true],
    ['/console/login/', true],
    ['/', false],
    ['/consoles/', false],
    ['/console-help/', false],
    ['/articles/console/', false],
    ['/api/tickets', false],
    ['/api/status/incidents', false],
  ])('%s is the console: %s', (path, inside) => {
    expect(isConsolePath(path)).toBe(inside);
  });

  it('treats the sign-in page with or without its slash as the sign-in page, and nothing else', () => {
    expect(isLoginPath('/console/login/')).toBe(true);
    expect(isLoginPath('/console/login')).toBe(true);
    expect(isLoginPath('/console/login/x')).toBe(false);
    expect(isLoginPath('/console/')).toBe(false);
  });
});

describe('safeNext', () => {
  it.each([
    ['/console/search/?q=mail', '/console/search/?q=mail'],
    ['/console/tickets/T-0000-0000-0000-0000/', '/console/tickets/T-0000-0000-0000-0000/'],
    ['/console/#top', '/console/#top'],
    ['/status/', '/status/'],
  ])('keeps the same-site path %s', (raw, expected) => {
    expect(safeNext(raw)).toBe(expected);
  });

  it.each([
    ['nothing', null],
    ['an empty string', ''],
    ['an absolute URL', 'https://evil.example/console/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash variant browsers read as protocol-relative', '/\\evil.example/'],
    ['a backslash later on', '/console\\..\\\\evil.example'],
    ['a tab hidden in the slashes', '/\t/evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path without a slash', 'console/'],
    ['the sign-in page itself (a loop)', '/console/login/?next=/console/'],
    ['a very long path', `/${'a'.repeat(3000)}`],
  ])('replaces %s with the console home', (_name, raw) => {
    expect(safeNext(raw)).toBe('/console/');
  });
});

describe('loginUrl', () => {
  it('remembers where the stranger was going, encoded', () => {
    expect(loginUrl('/console/search/?q=a b&x=1')).toBe('/console/login/?next=%2Fconsole%2Fsearch%2F%3Fq%3Da%2520b%26x%3D1');
    expect(loginUrl()).toBe('/console/login/');
  });
});

describe('one-time passwords', () => {
  it('leave open only the change-password page and signing out', () => {
    for (const path of ['/console/password/', '/console/password', '/console/logout']) expect(opensWithOneTimePassword(path), path).toBe(true);
    for (const path of ['/console/', '/console/helpfulness/', '/console/password/x', '/console/export/tickets.csv']) expect(opensWithOneTimePassword(path), path).toBe(false);
  });

  it('send to the change page, remembering a safe page to return to', () => {
    expect(passwordChangeUrl('/console/search/?q=a')).toBe('/console/password/?next=%2Fconsole%2Fsearch%2F%3Fq%3Da');
    expect(passwordChangeUrl('/console/')).toBe('/console/password/');
    expect(passwordChangeUrl('//evil.example/')).toBe('/console/password/');
    expect(passwordChangeUrl()).toBe('/console/password/');
  });
});
