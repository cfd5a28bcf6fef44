// POST /api/tickets: file a support ticket (JSON or form). A contract key may come in the body
// (`contractKey`) or as `Authorization: Bearer <key>`; over Bearer a key that does not work is
// refused with 403, otherwise the ticket is filed as Standard and the answer says why.
import type { APIRoute } from 'astro';
import { errorResponse } from '../../server/http';
import { now } from '../../server/clock';
import { onlyPost } from '../../server/public-post';
import { submitTicket } from '../../server/tickets';

export const prerender = false;

export const POST: APIRoute = async ({ request, clientAddress }) => {
  const result = await submitTicket(request, clientAddress, now());
  if (!result.ok) {
    const fields = Object.keys(result.fields).length ? result.fields : undefined;
    return errorResponse(result.status, result.error, fields, result.headers);
  }
  if (result.kind === 'form') {
    return new Response(null, { status: 303, headers: { Location: `/support/tickets/${result.ticket.reference}/` } });
  }
  return Response.json(result.ticket, { status: 201 });
};

export const ALL = onlyPost;
