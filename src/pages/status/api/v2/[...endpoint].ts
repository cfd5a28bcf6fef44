// /status/api/v2/*.json: Statuspage v2-compatible JSON, so tools that read Statuspage work here.
import { statuspageApi, statuspageReadOnly } from '../../../../server/statuspage-api';

export const prerender = false;

export const GET = statuspageApi;
export const HEAD = statuspageApi;
export const ALL = statuspageReadOnly;
