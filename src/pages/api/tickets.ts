// POST /api/tickets: file a support ticket (JSON or form). A contract key may come in the body
// (`contractKey`) or as `Authorization: Bearer <key>`; over Bearer a key that does not work is
// refused with 403, otherwise the ticket is filed as Standard and the answer says why. A working
// key is limited per key, anything else per address (src/server/tickets.ts, limitTicket).
import type { APIRoute } from 'astro';
import { ticketInputSchema } from '../../lib/tickets';
import { checkOrigin, clientAddress, errorResponse, readBody } from '../../server/http';
import { now } from '../../server/clock';
import { fileTicket, limitTicket, planForKey } from '../../server/tickets';

export const prerender = false;

export const POST: APIRoute = async ({ request, clientAddress: socketAddress }) => {
  const crossSite = checkOrigin(request);
  if (crossSite) return crossSite.response;
  const input = await readBody(request, ticketInputSchema, { maxBytes: 65_536 });
  if (!input.ok) return input.response;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer && input.value.contractKey && bearer !== input.value.contractKey) {
    return errorResponse(400, 'invalid_input', { contractKey: ['differs from the key in the Authorization header; send one of them'] });
  }
  const key = bearer ?? input.value.contractKey;
  const at = now();
  const grant = await planForKey(key, at);
  const limited = await limitTicket(key, grant, clientAddress(request, socketAddress));
  if (limited) return limited;

  const result = await fileTicket({ ...input.value, contractKey: key }, { at, via: bearer ? 'api' : 'form', grant });
  if (!result.ok) return errorResponse(result.status, result.error, result.fields);
  if (input.kind === 'form') {
    return new Response(null, { status: 303, headers: { Location: `/support/tickets/${result.ticket.reference}/` } });
  }
  return Response.json(result.ticket, { status: 201 });
};

export const ALL: APIRoute = () => errorResponse(405, 'method_not_allowed', undefined, { Allow: 'POST' });
