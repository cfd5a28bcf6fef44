// POST /api/status/maintenance/<id>/updates: post an update (in_progress, verifying, completed…).
import { onlyMethod, statusApiRoute } from '../../../../../server/status-api';

export const prerender = false;
export const POST = statusApiRoute((params) => ({ kind: 'maintenance.update', id: params.id ?? '' }));
export const ALL = onlyMethod('POST');
