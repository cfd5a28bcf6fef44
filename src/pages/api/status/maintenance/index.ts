// POST /api/status/maintenance: announce a maintenance window.
import { onlyMethod, statusApiRoute } from '../../../../server/status-api';

export const prerender = false;
export const POST = statusApiRoute(() => ({ kind: 'maintenance.schedule' }));
export const ALL = onlyMethod('POST');
