// PATCH /api/status/incidents/<id>: post an update (new status, message, components, impact;
// `status: "resolved"` resolves, `reopen: true` reopens a resolved one).
import { onlyMethod, statusApiRoute } from '../../../../../server/status-api';

export const prerender = false;
export const PATCH = statusApiRoute((params) => ({ kind: 'incident.update', id: params.id ?? '' }));
export const ALL = onlyMethod('PATCH');
