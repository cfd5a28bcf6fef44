// PATCH /api/status/maintenance/<id>: change the title, components or window (and say why).
import { onlyMethod, statusApiRoute } from '../../../../../server/status-api';

export const prerender = false;
export const PATCH = statusApiRoute((params) => ({ kind: 'maintenance.edit', id: params.id ?? '' }));
export const ALL = onlyMethod('PATCH');
