// /api/v2/*.json: the Statuspage v2 API where Statuspage clients look for it, at the root of the
// host (Atlassian's widget requests <src origin>/api/v2/summary.json); same answers as /status/api/v2/.
import { statuspageApi, statuspageReadOnly } from '../../../server/statuspage-api';

export const prerender = false;

export const GET = statuspageApi;
export const HEAD = statuspageApi;
export const ALL = statuspageReadOnly;
