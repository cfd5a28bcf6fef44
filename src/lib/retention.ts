// How long Cairn keeps data: the retention period and the cut-offs it gives at a given instant.
// Pure: the caller passes "now" and the period (from --days or RETENTION_DAYS).

/** A year: long enough to compare an article's feedback season to season, then it goes. */
export const defaultRetentionDays = 365;
/** A hundred years; beyond that a cut-off date stops being meaningful. */
const maxRetentionDays = 36_500;

export interface Retention {
  now: Date;
  /** Comments, closed tickets and sent mail older than this instant are removed. */
  before: Date;
  /** Daily statistics (search, deflection) for days before this one (YYYY-MM-DD, UTC) are removed. */
  statsBefore: string;
  /** Voter-key secrets for days before this one are removed: yesterday's and today's stay. */
  secretsBefore: string;
}

/** The UTC calendar day of an instant, as the `day` columns store it. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

export function retentionAt(now: Date, days: number): Retention {
  const before = new Date(now.getTime() - days * 86_400_000);
  return { now, before, statsBefore: utcDay(before), secretsBefore: utcDay(new Date(now.getTime() - 86_400_000)) };
}

/**
 * A retention period as typed by a person. Zero is refused rather than read as "purge everything
 * now": that is more likely a slip than a policy, and a purge cannot be undone.
 */
export function parseRetentionDays(raw: string): { ok: true; days: number } | { ok: false; error: string } {
  const text = raw.trim();
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > maxRetentionDays) {
    return { ok: false, error: `must be a whole number of days from 1 to ${maxRetentionDays}, such as ${defaultRetentionDays} (got "${raw}")` };
  }
  return { ok: true, days };
}
