// Resolves the staff session once per console request into Astro.locals.staff, keeps strangers
// out of /console and /api/console, holds staff with a one-time password to changing it, and
// keeps each role to its sections (src/lib/console-rights).
// Every other path passes straight through.
import { defineMiddleware } from 'astro:middleware';
import { consoleArea, consoleHome, isLoginPath, loginUrl, opensWithOneTimePassword, passwordChangeUrl } from './lib/console-paths';
import { homeFor, mayOpen, sectionOf } from './lib/console-rights';
import { checkOrigin, errorResponse } from './server/http';
import { resolveSession } from './server/session';

/** Console pages hold customer data and per-person state: never cached, never indexed. */
function privateResponse(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Cache-Control', 'no-store');
  headers.set('X-Robots-Tag', 'noindex');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export const onRequest = defineMiddleware(async (context, next) => {
  const area = consoleArea(context.url.pathname);
  if (!area || context.isPrerendered) return next();

  const { request } = context;
  const safe = request.method === 'GET' || request.method === 'HEAD';
  if (!safe) {
    const crossSite = checkOrigin(request);
    if (crossSite) return privateResponse(crossSite.response);
  }
  context.locals.staff = (await resolveSession(context.cookies)) ?? undefined;
  if (!context.locals.staff && !isLoginPath(context.url.pathname)) {
    if (area === 'api') return privateResponse(errorResponse(401, 'sign_in_required'));
    // Only a GET can be repeated after signing in; a stranger's form post starts from the console home.
    const location = safe ? loginUrl(context.url.pathname + context.url.search) : loginUrl();
    return privateResponse(new Response(null, { status: 303, headers: { Location: location } }));
  }
  const { staff } = context.locals;
  const { pathname } = context.url;
  // A one-time password is known to whoever set it: nothing opens until its owner has changed it.
  if (staff?.mustChangePassword && !opensWithOneTimePassword(pathname)) {
    if (area === 'api') return privateResponse(errorResponse(403, 'password_change_required'));
    const location = passwordChangeUrl(safe ? pathname + context.url.search : undefined);
    return privateResponse(new Response(null, { status: 303, headers: { Location: location } }));
  }
  if (staff && !mayOpen(staff.role, pathname)) {
    if (area === 'api') return privateResponse(errorResponse(403, 'role_not_allowed'));
    // The console home is the queue; a role without it starts where its own work is.
    if (safe && (pathname === consoleHome || pathname === '/console')) {
      return privateResponse(new Response(null, { status: 303, headers: { Location: homeFor(staff.role) } }));
    }
    context.locals.forbiddenSection = sectionOf(pathname);
    return privateResponse(await next('/console/forbidden/'));
  }
  return privateResponse(await next());
});
