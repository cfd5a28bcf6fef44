// Which URLs belong to the support console, where strangers are sent to sign in (and staff with a
// one-time password to change it), and which "next" addresses those pages may send them back to.

export const loginPath = '/console/login/';
export const consoleHome = '/console/';
/** Where every signed-in staff member changes their password, and the only page open to one with a one-time password. */
export const passwordPath = '/console/password/';
export const logoutPath = '/console/logout';

/**
 * Whether a path is the console's (/console and below). The console has no JSON API of its own:
 * its pages post forms to themselves, and the status management API (/api/status) takes bearer
 * tokens, not sessions.
 */
export function isConsolePath(pathname: string): boolean {
  return pathname === '/console' || pathname.startsWith('/console/');
}

/** The sign-in page is the one console page a stranger may see (with or without the slash). */
export function isLoginPath(pathname: string): boolean {
  return pathname === '/console/login' || pathname === loginPath;
}

/** The pages a staff member with a one-time password may still open: changing it, signing out. */
export function opensWithOneTimePassword(pathname: string): boolean {
  return pathname === passwordPath || pathname === '/console/password' || pathname === logoutPath || pathname === `${logoutPath}/`;
}

const origin = 'https://cairn.invalid';

/**
 * Where to go after signing in: `raw` when it is a path on this site, else the console home.
 * Refuses absolute URLs, protocol-relative `//evil.example` and its backslash variant `/\evil`
 * (browsers read `\` as `/`), and control characters, which URL parsing would silently drop.
 */
export function safeNext(raw: string | null | undefined): string {
  if (!raw || raw.length > 2000 || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return consoleHome;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return consoleHome;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return consoleHome;
  }
  if (url.origin !== origin || isLoginPath(url.pathname)) return consoleHome;
  return url.pathname + url.search + url.hash;
}

/** The sign-in page, remembering where the stranger was going (GET only: a form post cannot be replayed). */
export function loginUrl(next?: string): string {
  return next === undefined ? loginPath : `${loginPath}?next=${encodeURIComponent(safeNext(next))}`;
}

/** The change-password page, returning to `next` afterwards (the console home when none). */
export function passwordChangeUrl(next?: string): string {
  const target = safeNext(next);
  return target === consoleHome ? passwordPath : `${passwordPath}?next=${encodeURIComponent(target)}`;
}
