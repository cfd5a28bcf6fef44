// POST /api/status/maintenance/<id>/cancel: call off a window that has not started.
import { onlyMethod, statusApiRoute } from '../../../../../server/status-api';

export const prerender = false;
export const POST = statusApiRoute((params) => ({ kind: 'maintenance.cancel', id: params.id ?? '' }));
export const ALL = onlyMethod('POST');
