// POST /api/status/incidents: open an incident (bearer token; src/server/status-api.ts).
import { onlyMethod, statusApiRoute } from '../../../../server/status-api';

export const prerender = false;
export const POST = statusApiRoute(() => ({ kind: 'incident.create' }));
export const ALL = onlyMethod('POST');
