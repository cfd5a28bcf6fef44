// The one source of "now" for on-demand pages. CAIRN_NOW (an ISO 8601 instant) pins it, so
// tests can put the status page before, during or after a maintenance window.
const pinned = process.env.CAIRN_NOW ? new Date(process.env.CAIRN_NOW) : null;
if (pinned && Number.isNaN(pinned.getTime())) throw new Error(`CAIRN_NOW must be an ISO 8601 instant (got "${process.env.CAIRN_NOW}")`);

export function now(): Date {
  return pinned ? new Date(pinned) : new Date();
}
