// The one source of "now" for on-demand pages. CAIRN_NOW (an ISO 8601 instant) pins it, so
// tests can put the status page before, during or after a maintenance window.

/** The clock an environment asks for: pinned by its CAIRN_NOW, else the real one. Throws on a bad CAIRN_NOW. */
export function clockFrom(env: Readonly<Record<string, string | undefined>>): () => Date {
  const pinned = env.CAIRN_NOW ? new Date(env.CAIRN_NOW) : null;
  if (pinned && Number.isNaN(pinned.getTime())) throw new Error(`CAIRN_NOW must be an ISO 8601 instant (got "${env.CAIRN_NOW}")`);
  return () => (pinned ? new Date(pinned) : new Date());
}

export const now: () => Date = clockFrom(process.env);
