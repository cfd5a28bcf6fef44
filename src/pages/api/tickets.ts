// POST /api/tickets: file a support ticket (JSON or form). A contract key may come in the body
// (`contractKey`) or as `Authorization: Bearer <key>`; over Bearer a key that does not work is
// refused with 403, otherwise the ticket is filed as Standard and the answer says why.
import type { APIRoute } from 'astro';
import { ticketInputSchema } from '../../lib/tickets';
import { checkOrigin, clientAddress, errorResponse, readBody } from '../../server/http';
import { now } from '../../server/clock';
import { fileTicket, ticketLimits } from '../../server/tickets';

export const prerender = false;

export const POST: APIRoute = async ({ request, clientAddress: socketAddress }) => {
  const crossSite = checkOrigin(request);
  if (crossSite) return crossSite.response;
  const address = clientAddress(request, socketAddress);
  const limited = (await ticketLimits.keyFailures.check('key', address)) ?? (await ticketLimits.perAddress('ticket', address));
  if (limited) return limited;

  const input = await readBody(request, ticketInputSchema, { maxBytes: 65_536 });
  if (!input.ok) return input.response;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer && input.value.contractKey && bearer !== input.value.contractKey) {
    return errorResponse(400, 'invalid_input', { contractKey: ['differs from the key in the Authorization header; send one of them'] });
  }
  const key = bearer ?? input.value.contractKey;
  if (key) {
    const perKey = await ticketLimits.perKey('ticket-key', key);
    if (perKey) return perKey;
  }

  const result = await fileTicket({ ...input.value, contractKey: key }, { at: now(), via: bearer ? 'api' : 'form' });
  if (!result.ok) {
    if (result.status === 403) await ticketLimits.keyFailures.fail('key', address);
    return errorResponse(result.status, result.error, result.fields);
  }
  if (result.ticket.keyProblem) await ticketLimits.keyFailures.fail('key', address);
  if (input.kind === 'form') {
    return new Response(null, { status: 303, headers: { Location: `/support/tickets/${result.ticket.reference}/` } });
  }
  return Response.json(result.ticket, { status: 201 });
};

export const ALL: APIRoute = () => errorResponse(405, 'method_not_allowed', undefined, { Allow: 'POST' });
