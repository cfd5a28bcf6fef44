import { describe, expect, it } from 'vitest';
import { normaliseQuery, searchBacklog, totalsByQuery } from '../../src/lib/search-stats';

describe('query normalisation', () => {
  it.each([
    ['  Outgoing   MAIL port ', 'outgoing mail port'],
    ['ＳＭＴＰ', 'smtp'],
    ['x'.repeat(150), 'x'.repeat(100)],
  ])('%j is counted as %j', (raw, normalised) => {
    expect(normaliseQuery(raw)).toBe(normalised);
  });
});

describe('search backlog', () => {
  const row = (query: string, extra: Partial<Parameters<typeof totalsByQuery>[0][0]> = {}) => ({ query, searches: 1, zeroResults: 0, opened: 0, openedRankSum: 0, noVotes: 0, tickets: 0, ...extra });
  const rows = [
    row('smtp port', { searches: 5, opened: 4, openedRankSum: 6 }),
    row('smtp port', { searches: 3, opened: 2, openedRankSum: 2, noVotes: 1 }),
    row('ipv6 dns', { searches: 4, zeroResults: 4, tickets: 2 }),
    row('dkim', { searches: 2, zeroResults: 2 }),
  ];

  it('adds up the days of each query and averages the rank opened', () => {
    const smtp = totalsByQuery(rows).find((t) => t.query === 'smtp port')!;
    expect(smtp).toMatchObject({ searches: 8, opened: 6, noVotes: 1, averageRank: 8 / 6 });
  });

  it('lists top queries, zero-result queries, and searches followed by a No vote or a ticket', () => {
    const backlog = searchBacklog(rows);
    expect(backlog.top.map((t) => t.query)).toEqual(['smtp port', 'ipv6 dns', 'dkim']);
    expect(backlog.zeroResults.map((t) => t.query)).toEqual(['ipv6 dns', 'dkim']);
    expect(backlog.followedByNo.map((t) => t.query)).toEqual(['smtp port']);
    expect(backlog.followedByTicket.map((t) => t.query)).toEqual(['ipv6 dns']);
  });

  it('lists searches the planner corrected or relaxed, with what it did on the latest day', () => {
    const planned = searchBacklog([
      ...rows,
      row('pasword', { day: '2026-11-02', searches: 3, plan: 'searched as “password”' }),
      row('pasword', { day: '2026-11-01', searches: 2, plan: 'searched as “passport”' }),
      row('firwall', { day: '2026-11-02', plan: null }),
    ]).planned;
    expect(planned.map((t) => [t.query, t.searches, t.plan])).toEqual([['pasword', 5, 'searched as “password”']]);
  });
});
