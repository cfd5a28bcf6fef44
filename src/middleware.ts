// Three steps for every on-demand request: a database that does not answer becomes a 503 with a
// clear message instead of a 500; status outputs are answered from their stored rendering
// (src/server/status-cache); on console paths, the staff session is resolved once into
// Astro.locals.staff, strangers are kept out of /console, staff with a one-time
// password are held to changing it, and each role is kept to its sections
// (src/lib/console-rights). Every other path passes straight through.
import fs from 'node:fs';
import path from 'node:path';
import { defineMiddleware, sequence } from 'astro:middleware';
import { isDatabaseUnavailable } from '../db/client.ts';
import { builtClientDir } from './config';
import { isCacheable } from './lib/status-cache';
import { consoleHome, isConsolePath, isLoginPath, loginUrl, opensWithOneTimePassword, passwordChangeUrl } from './lib/console-paths';
import { homeFor, mayOpen, sectionOf } from './lib/console-rights';
import { checkOrigin, errorResponse } from './server/http';
import { forbidFraming, securityHeaders } from './server/security-headers';
import { resolveSession } from './server/session';
import { serveStatusOutput } from './server/status-cache';

/** Console pages hold customer data and per-person state: never cached, never indexed, never framed. */
function privateResponse(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Cache-Control', 'no-store');
  headers.set('X-Robots-Tag', 'noindex');
  forbidFraming(headers); // into the CSP Astro computed for a console page
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

let unavailablePage: { html: string; headers: Headers } | undefined;
/**
 * The prerendered /unavailable/ page with the headers (its own CSP hashes) it is served with,
 * read on first need from the build this server runs: it must not depend on the database.
 */
function unavailable(): { html: string; headers: Headers } {
  try {
    unavailablePage ??= {
      html: fs.readFileSync(path.join(builtClientDir, 'unavailable', 'index.html'), 'utf8'),
      headers: securityHeaders(path.dirname(builtClientDir))('/unavailable/'),
    };
    return unavailablePage;
  } catch {
    return { html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable</title></head><body><h1>We can’t take requests right now</h1><p>Please try again in a few minutes.</p></body></html>', headers: new Headers() };
  }
}

/** A database that does not answer: 503 (JSON for the API, the /unavailable/ page otherwise). */
const databaseUnavailable = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  try {
    return await next();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error(`${context.request.method} ${context.url.pathname}: the database is unavailable:`, (error as Error).cause ?? error);
    const headers = { 'Retry-After': '30', 'Cache-Control': 'no-store' };
    if (context.url.pathname.startsWith('/api/')) {
      return errorResponse(503, 'database_unavailable', { _: ['We cannot store or read this right now; nothing was saved. Try again in a few minutes.'] }, headers);
    }
    const page = unavailable();
    const answer = new Response(page.html, { status: 503, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
    for (const [name, value] of page.headers) answer.headers.set(name, value);
    return answer;
  }
});

/** Status outputs: rendered once per state of the status, then served from memory (issue #18). */
const statusOutputs = defineMiddleware((context, next) => {
  if (context.isPrerendered || !isCacheable(context.request.method, context.url.pathname)) return next();
  return serveStatusOutput(context.request, context.url, () => next());
});

const consoleGuard = defineMiddleware(async (context, next) => {
  if (!isConsolePath(context.url.pathname) || context.isPrerendered) return next();

  const { request } = context;
  const safe = request.method === 'GET' || request.method === 'HEAD';
  if (!safe) {
    const crossSite = checkOrigin(request);
    if (crossSite) return privateResponse(crossSite.response);
  }
  context.locals.staff = (await resolveSession(context.cookies)) ?? undefined;
  if (!context.locals.staff && !isLoginPath(context.url.pathname)) {
    // Only a GET can be repeated after signing in; a stranger's form post starts from the console home.
    const location = safe ? loginUrl(context.url.pathname + context.url.search) : loginUrl();
    return privateResponse(new Response(null, { status: 303, headers: { Location: location } }));
  }
  const { staff } = context.locals;
  const { pathname } = context.url;
  // A one-time password is known to whoever set it: nothing opens until its owner has changed it.
  if (staff?.mustChangePassword && !opensWithOneTimePassword(pathname)) {
    const location = passwordChangeUrl(safe ? pathname + context.url.search : undefined);
    return privateResponse(new Response(null, { status: 303, headers: { Location: location } }));
  }
  if (staff && !mayOpen(staff.role, pathname)) {
    // The console home is the queue; a role without it starts where its own work is.
    if (safe && (pathname === consoleHome || pathname === '/console')) {
      return privateResponse(new Response(null, { status: 303, headers: { Location: homeFor(staff.role) } }));
    }
    context.locals.forbiddenSection = sectionOf(pathname);
    return privateResponse(await next('/console/forbidden/'));
  }
  return privateResponse(await next());
});

export const onRequest = sequence(databaseUnavailable, statusOutputs, consoleGuard);
