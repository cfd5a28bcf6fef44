// The status management API (/api/status/…) for monitoring tools that open and update incidents
// on their own: the Origin check, a rate limit per address, the bearer token (its name is the
// actor in the audit trail, via "api"), a JSON body within its limit, then the same store
// functions and validation as the console and the CLI (src/server/status-store.ts).
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { getDb, isDatabaseUnavailable, type Db } from '../../db/client.ts';
import { useApiToken } from '../../db/queries/api-tokens.ts';
import { bearerToken } from '../lib/api-tokens';
import { server } from '../config';
import { now } from './clock';
import { statusTimeZone } from './status';
import { checkOrigin, clientAddress, errorResponse, readBody } from './http';
import { createLimiter } from './rate-limit';
import {
  addPostmortem,
  cancelMaintenance,
  createIncident,
  editMaintenance,
  scheduleMaintenance,
  updateIncident,
  updateMaintenance,
  type StatusActor,
  type StoreResult,
} from './status-store';

/** What a request asks of the store; `id` is the incident's or maintenance's. */
export type StatusApiAction =
  | { kind: 'incident.create' }
  | { kind: 'incident.update'; id: string }
  | { kind: 'incident.postmortem'; id: string }
  | { kind: 'maintenance.schedule' }
  | { kind: 'maintenance.edit'; id: string }
  | { kind: 'maintenance.update'; id: string }
  | { kind: 'maintenance.cancel'; id: string };

/** A postmortem may be long (the store allows 100,000 characters, up to 4 bytes each); anything else is a few lines. */
export const statusApiMaxBytes = (action: StatusApiAction) => (action.kind === 'incident.postmortem' ? 512 * 1024 : 64 * 1024);

export interface StatusApiWorld {
  db: Db;
  now: Date;
  /** The client's address, for the rate limit only. */
  address: string;
  /** Counts one request for the address; a 429 response when over the limit. */
  limit: (address: string) => Promise<Response | null>;
  /** The desk's zone (content/support/sla.yaml): its calendar day starts each new entry's id. */
  timeZone: string;
}

const unavailable = () => errorResponse(503, 'database_unavailable', { _: ['The status store does not answer; nothing was posted. Try again in a minute.'] }, { 'Retry-After': '30' });

/** Where each kind of entry is shown to customers. */
const permalink = (kind: StatusApiAction['kind'], id: string) => (kind.startsWith('incident') ? `/status/incidents/${id}/` : `/status/maintenance/${id}/`);

function run(action: StatusApiAction, db: Db, input: unknown, actor: StatusActor, now: Date, timeZone: string): Promise<StoreResult<{ id: string }>> {
  const options = { timeZone };
  switch (action.kind) {
    case 'incident.create': return createIncident(db, input, actor, now, options);
    case 'incident.update': return updateIncident(db, action.id, input, actor, now, options);
    case 'incident.postmortem': return addPostmortem(db, action.id, input, actor, now, options);
    case 'maintenance.schedule': return scheduleMaintenance(db, input, actor, now, options);
    case 'maintenance.edit': return editMaintenance(db, action.id, input, actor, now, options);
    case 'maintenance.update': return updateMaintenance(db, action.id, input, actor, now, options);
    case 'maintenance.cancel': return cancelMaintenance(db, action.id, input, actor, now, options);
  }
}

/** Answers one management API request. */
export async function handleStatusApi(request: Request, action: StatusApiAction, world: StatusApiWorld): Promise<Response> {
  const crossSite = checkOrigin(request);
  if (crossSite) return crossSite.response;
  const limited = await world.limit(world.address);
  if (limited) return limited;

  const token = bearerToken(request.headers.get('authorization'));
  const challenge = { 'WWW-Authenticate': 'Bearer realm="status"' };
  if (!token) return errorResponse(401, 'token_required', { authorization: ['send "Authorization: Bearer <token>" with a token from `npm run staff -- token add`'] }, challenge);
  let actor: StatusActor;
  try {
    const found = await useApiToken(world.db, token, world.now);
    if (!found) return errorResponse(401, 'invalid_token', { authorization: ['this token is unknown or revoked; ask for a new one (`npm run staff -- token add`)'] }, challenge);
    actor = { name: found.name, via: 'api' };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable();
    throw error;
  }

  // A cancel needs no body: a request with none (curl -X POST, no data) means "no message".
  const length = request.headers.get('content-length');
  const type = request.headers.get('content-type');
  if (action.kind === 'maintenance.cancel' && type === null && (length === null || length === '0')) return answer(action, {}, actor, world);
  // JSON only: a monitoring tool sends JSON, and a form post from a page cannot carry the token.
  if ((type ?? '').split(';')[0].trim().toLowerCase() !== 'application/json') {
    return errorResponse(415, 'unsupported_media_type', { _: ['send the body as JSON with Content-Type: application/json'] });
  }
  const body = await readBody(request, z.unknown(), { maxBytes: statusApiMaxBytes(action) });
  if (!body.ok) return body.response;
  return answer(action, body.value, actor, world);
}

/** Runs the store function and maps its result to the answer. */
async function answer(action: StatusApiAction, input: unknown, actor: StatusActor, world: StatusApiWorld): Promise<Response> {
  let result: StoreResult<{ id: string }>;
  try {
    result = await run(action, world.db, input, actor, world.now, world.timeZone);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable();
    throw error;
  }
  if (!result.ok) {
    const code = { 400: 'invalid_input', 404: 'not_found', 409: 'conflict', 503: 'database_unavailable' }[result.status];
    return errorResponse(result.status, code, result.fields, result.status === 503 ? { 'Retry-After': '30' } : {});
  }
  const url = permalink(action.kind, result.value.id);
  const created = action.kind === 'incident.create' || action.kind === 'maintenance.schedule';
  return Response.json({ id: result.value.id, url }, { status: created ? 201 : 200, headers: created ? { Location: url } : {} });
}

const limiter = createLimiter({ points: server.statusApiPerMinute, durationSeconds: 60 });

/** A route of the management API: the real database, clock and shared rate limit. */
export function statusApiRoute(action: (params: Record<string, string | undefined>) => StatusApiAction): APIRoute {
  return ({ request, params, clientAddress: socketAddress }) => handleStatusApi(request, action(params), {
    db: getDb(),
    now: now(),
    address: clientAddress(request, socketAddress),
    limit: (address) => limiter('status-api', address),
    timeZone: statusTimeZone,
  });
}

/** The answer for a method a management route does not take. */
export const onlyMethod = (allow: string): APIRoute => () => errorResponse(405, 'method_not_allowed', undefined, { Allow: allow });
