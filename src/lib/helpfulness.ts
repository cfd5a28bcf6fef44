// "Was this helpful?" maths: Wilson score bounds, per-article summaries with reasons and a
// comparison of the current revision against the previous one, and the "needs work" ranking.
/** Reasons a reader may give after voting "No"; the form, the API, the column and the report share them. */
export const feedbackReasons = ['outdated', 'incomplete', 'hard_to_follow', 'did_not_solve', 'other'] as const;
export type FeedbackReason = (typeof feedbackReasons)[number];

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Lower bound of the Wilson score interval for a proportion. Unlike the raw share, it does not
 * rank an article with 1 "No" out of 1 below one with 40 "No" out of 100: few votes mean a wide
 * interval, so the bound stays cautious until the evidence is in.
 */
export function wilsonLowerBound(positive: number, total: number, z = Z95): number {
  if (total <= 0) return 0;
  const p = positive / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return Math.max(0, (centre - margin) / (1 + z2 / total));
}

export interface Vote {
  article: string;
  revision: string;
  helpful: boolean;
  reason: FeedbackReason | null;
  comment: string | null;
  createdAt: Date;
}

export interface Tally {
  votes: number;
  helpful: number;
  /** helpful / votes, or null without votes. */
  share: number | null;
  wilson: number;
}

export interface RevisionTally extends Tally { revision: string; firstVoteAt: Date; lastVoteAt: Date }

export interface ArticleSummary extends Tally {
  article: string;
  reasons: Array<{ reason: FeedbackReason; count: number }>;
  recentComments: Array<{ comment: string; helpful: boolean; reason: FeedbackReason | null; at: Date }>;
  /** The revision readers see now, and the one before it (null when the article never changed). */
  current: RevisionTally | null;
  previous: RevisionTally | null;
  /** Change in share helpful from the previous revision to the current one (null if unknown). */
  shareChange: number | null;
}

function tally(votes: Vote[]): Tally {
  const helpful = votes.filter((v) => v.helpful).length;
  return { votes: votes.length, helpful, share: votes.length ? helpful / votes.length : null, wilson: wilsonLowerBound(helpful, votes.length) };
}

/**
 * Summarises one article's votes. `currentRevision` is the revision published now; when it is
 * not known (a CLI without the build), the revision of the newest vote stands in for it.
 */
export function summarizeArticle(article: string, votes: Vote[], currentRevision?: string, commentLimit = 5): ArticleSummary {
  const mine = votes.filter((v) => v.article === article);
  const byRevision = new Map<string, Vote[]>();
  for (const v of mine) byRevision.set(v.revision, [...(byRevision.get(v.revision) ?? []), v]);
  const revisions: RevisionTally[] = [...byRevision].map(([revision, vs]) => ({
    revision,
    ...tally(vs),
    firstVoteAt: new Date(Math.min(...vs.map((v) => v.createdAt.getTime()))),
    lastVoteAt: new Date(Math.max(...vs.map((v) => v.createdAt.getTime()))),
  })).sort((a, b) => a.firstVoteAt.getTime() - b.firstVoteAt.getTime());

  const currentId = currentRevision ?? [...revisions].sort((a, b) => b.lastVoteAt.getTime() - a.lastVoteAt.getTime())[0]?.revision;
  const current = revisions.find((r) => r.revision === currentId) ?? null;
  // The previous revision is the one whose votes started most recently before the current one's.
  const previous = revisions.filter((r) => r.revision !== currentId && (!current || r.firstVoteAt <= current.firstVoteAt)).at(-1) ?? null;

  const reasonCounts = new Map<FeedbackReason, number>();
  for (const v of mine) if (!v.helpful && v.reason) reasonCounts.set(v.reason, (reasonCounts.get(v.reason) ?? 0) + 1);

  return {
    article,
    ...tally(mine),
    reasons: [...reasonCounts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    recentComments: mine
      .filter((v) => v.comment)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, commentLimit)
      .map((v) => ({ comment: v.comment!, helpful: v.helpful, reason: v.reason, at: v.createdAt })),
    current,
    previous,
    shareChange: current?.share != null && previous?.share != null ? current.share - previous.share : null,
  };
}

/** Articles with at least `minVotes` votes, the most in need of work (lowest Wilson bound) first. */
export function needsWork(votes: Vote[], options: { minVotes?: number; currentRevisions?: Map<string, string> } = {}): ArticleSummary[] {
  const { minVotes = 5, currentRevisions } = options;
  const articles = [...new Set(votes.map((v) => v.article))];
  return articles
    .map((a) => summarizeArticle(a, votes, currentRevisions?.get(a)))
    .filter((s) => s.votes >= minVotes)
    .sort((a, b) => a.wilson - b.wilson || b.votes - a.votes || a.article.localeCompare(b.article));
}

export const reasonLabels: Record<FeedbackReason, string> = {
  outdated: 'Outdated',
  incomplete: 'Incomplete',
  hard_to_follow: 'Hard to follow',
  did_not_solve: 'Did not solve my problem',
  other: 'Other',
};
