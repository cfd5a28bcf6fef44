import { describe, expect, it } from 'vitest';
import { needsWork, summarizeArticle, wilsonLowerBound, type Vote } from '../../src/lib/helpfulness';

describe('Wilson lower bound (95%)', () => {
  // Hand-computed with z = 1.96: (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)
  it.each([
    [0, 0, 0],
    [1, 1, 0.2065],
    [0, 1, 0],
    [5, 10, 0.2366],
    [9, 10, 0.5958],
    [80, 100, 0.7112],
    [950, 1000, 0.9347],
  ])('%i helpful of %i gives %f', (positive, total, expected) => {
    expect(wilsonLowerBound(positive, total)).toBeCloseTo(expected, 4);
  });

  it('ranks 1 No out of 1 above 40 No out of 100: one vote is weak evidence', () => {
    expect(wilsonLowerBound(0, 1)).toBe(0);
    expect(wilsonLowerBound(60, 100)).toBeGreaterThan(0.5);
    expect(wilsonLowerBound(9, 10)).toBeLessThan(wilsonLowerBound(90, 100));
  });
});

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12));
function vote(article: string, revision: string, helpful: boolean, day: number, extra: Partial<Vote> = {}): Vote {
  return { article, revision, helpful, reason: null, comment: null, createdAt: at(day), ...extra };
}

describe('article summary', () => {
  const votes: Vote[] = [
    vote('renew', 'r1', false, 1, { reason: 'outdated', comment: 'Prices changed' }),
    vote('renew', 'r1', false, 2, { reason: 'outdated' }),
    vote('renew', 'r1', true, 3),
    vote('renew', 'r1', false, 4, { reason: 'incomplete', comment: 'What about .ch?' }),
    vote('renew', 'r2', true, 10),
    vote('renew', 'r2', true, 11),
    vote('renew', 'r2', false, 12, { reason: 'did_not_solve' }),
    vote('other', 'x', true, 5),
  ];

  it('counts votes and reasons, most frequent reason first', () => {
    const s = summarizeArticle('renew', votes, 'r2');
    expect(s.votes).toBe(7);
    expect(s.helpful).toBe(3);
    expect(s.share).toBeCloseTo(3 / 7);
    expect(s.reasons).toEqual([
      { reason: 'outdated', count: 2 },
      { reason: 'did_not_solve', count: 1 },
      { reason: 'incomplete', count: 1 },
    ]);
  });

  it('lists the newest comments first', () => {
    expect(summarizeArticle('renew', votes).recentComments.map((c) => c.comment)).toEqual(['What about .ch?', 'Prices changed']);
  });

  it('compares the current revision with the previous one', () => {
    const s = summarizeArticle('renew', votes, 'r2');
    expect(s.current).toMatchObject({ revision: 'r2', votes: 3, helpful: 2 });
    expect(s.previous).toMatchObject({ revision: 'r1', votes: 4, helpful: 1 });
    expect(s.shareChange).toBeCloseTo(2 / 3 - 1 / 4);
  });

  it('takes the revision of the newest vote as current when the published one is not known', () => {
    expect(summarizeArticle('renew', votes).current?.revision).toBe('r2');
  });

  it('has no previous revision when the article never changed', () => {
    const s = summarizeArticle('other', votes);
    expect(s.previous).toBeNull();
    expect(s.shareChange).toBeNull();
  });
});

describe('needs work', () => {
  it('ranks articles by lowest Wilson bound and leaves out those with too few votes', () => {
    const votes = [
      ...Array.from({ length: 10 }, (_, i) => vote('good', 'g', i < 9, 1)),
      ...Array.from({ length: 10 }, (_, i) => vote('bad', 'b', i < 3, 1)),
      ...Array.from({ length: 2 }, () => vote('new', 'n', false, 1)),
    ];
    expect(needsWork(votes, { minVotes: 5 }).map((s) => s.article)).toEqual(['bad', 'good']);
    expect(needsWork(votes, { minVotes: 1 })[0].article).toBe('new');
  });
});
