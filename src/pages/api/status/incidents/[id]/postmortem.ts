// POST /api/status/incidents/<id>/postmortem: publish (or replace) a resolved incident's postmortem.
import { onlyMethod, statusApiRoute } from '../../../../../server/status-api';

export const prerender = false;
export const POST = statusApiRoute((params) => ({ kind: 'incident.postmortem', id: params.id ?? '' }));
export const ALL = onlyMethod('POST');
