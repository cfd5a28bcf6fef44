// POST /console/logout: ends the session behind the cookie and sends the browser to sign-in.
// POST only, behind the middleware's Origin check, so no other site can sign staff out.
import type { APIRoute } from 'astro';
import { onlyPost } from '../../server/public-post';
import { endSession } from '../../server/session';

export const prerender = false;

export const POST: APIRoute = async ({ cookies }) => {
  await endSession(cookies);
  return new Response(null, { status: 303, headers: { Location: '/console/login/?signed-out=1' } });
};

export const ALL = onlyPost;
