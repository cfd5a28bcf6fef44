// Search statistics without personal data: how queries are normalised before they are
// counted, and the backlog views the console shows (top, zero-result, followed by a No vote
// or a ticket, corrected or relaxed by the query planner).

/** Lowercase, trimmed, inner white space collapsed, at most 100 characters. */
export function normaliseQuery(query: string): string {
  return query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 100);
}

export interface SearchRow {
  query: string;
  searches: number;
  zeroResults: number;
  opened: number;
  openedRankSum: number;
  noVotes: number;
  tickets: number;
  /** The day counted (YYYY-MM-DD); the latest day's plan is the one shown. */
  day?: string;
  /** What the query planner did to the query, e.g. 'searched as “password”'; null when nothing. */
  plan?: string | null;
}

export interface QueryStats extends SearchRow {
  /** Mean rank of the results opened (1 = first), null when none was opened. */
  averageRank: number | null;
}

/** Sums per-day rows into one line per query. */
export function totalsByQuery(rows: SearchRow[]): QueryStats[] {
  const byQuery = new Map<string, SearchRow>();
  for (const r of rows) {
    const t = byQuery.get(r.query) ?? { query: r.query, searches: 0, zeroResults: 0, opened: 0, openedRankSum: 0, noVotes: 0, tickets: 0 };
    t.searches += r.searches; t.zeroResults += r.zeroResults; t.opened += r.opened;
    t.openedRankSum += r.openedRankSum; t.noVotes += r.noVotes; t.tickets += r.tickets;
    // A new build can change what the planner does; the latest day with a count tells.
    if (r.plan !== undefined && (!t.day || (r.day ?? '') >= t.day)) { t.plan = r.plan; t.day = r.day; }
    byQuery.set(r.query, t);
  }
  return [...byQuery.values()].map((t) => ({ ...t, averageRank: t.opened ? t.openedRankSum / t.opened : null }));
}

const by = <K extends keyof QueryStats>(key: K) => (a: QueryStats, b: QueryStats) =>
  Number(b[key]) - Number(a[key]) || b.searches - a.searches || a.query.localeCompare(b.query);

/** The content backlog, each list most frequent first. */
export function searchBacklog(rows: SearchRow[], limit = 20) {
  const totals = totalsByQuery(rows);
  return {
    top: [...totals].sort(by('searches')).slice(0, limit),
    zeroResults: totals.filter((t) => t.zeroResults > 0).sort(by('zeroResults')).slice(0, limit),
    followedByNo: totals.filter((t) => t.noVotes > 0).sort(by('noVotes')).slice(0, limit),
    followedByTicket: totals.filter((t) => t.tickets > 0).sort(by('tickets')).slice(0, limit),
    /** Searches the planner corrected or relaxed: words the articles lack, in customers' words. */
    planned: totals.filter((t) => t.plan).sort(by('searches')).slice(0, limit),
  };
}
