import { describe, expect, it } from 'vitest';
import { parseRetentionDays, retentionAt } from '../../src/lib/retention';

describe.each<[behaviour: string, now: string, days: number, before: string, statsBefore: string, secretsBefore: string]>([
  ['a year back from mid-January', '2027-01-15T12:00:00Z', 365, '2026-01-15T12:00:00.000Z', '2026-01-15', '2027-01-14'],
  ['a year back across a leap day is 365 days, not a calendar year', '2028-03-01T00:00:00Z', 365, '2027-03-02T00:00:00.000Z', '2027-03-02', '2028-02-29'],
  ['one day back just after midnight UTC', '2027-01-15T00:30:00Z', 1, '2027-01-14T00:30:00.000Z', '2027-01-14', '2027-01-14'],
  ['days are UTC days whatever the desk time zone (23:30 in Zurich is still the 14th in UTC)', '2027-01-14T22:30:00Z', 30, '2026-12-15T22:30:00.000Z', '2026-12-15', '2027-01-13'],
])('retentionAt: %s', (_behaviour, now, days, before, statsBefore, secretsBefore) => {
  it(`${now} minus ${days} days`, () => {
    const retention = retentionAt(new Date(now), days);
    expect(retention.before.toISOString()).toBe(before);
    expect(retention).toMatchObject({ statsBefore, secretsBefore });
    expect(retention.now.toISOString()).toBe(new Date(now).toISOString());
  });
});

describe.each<[raw: string, result: number | RegExp]>([
  ['365', 365],
  [' 30 ', 30],
  ['1', 1],
  ['36500', 36_500],
  ['0', /must be a whole number of days from 1 to 36500, such as 365 \(got "0"\)/],
  ['36501', /from 1 to 36500/],
  ['-5', /got "-5"/],
  ['1.5', /got "1\.5"/],
  ['30d', /got "30d"/],
  ['1e3', /got "1e3"/],
  ['', /got ""/],
])('parseRetentionDays(%j)', (raw, result) => {
  it(typeof result === 'number' ? `is ${result} days` : 'is refused', () => {
    const parsed = parseRetentionDays(raw);
    if (typeof result === 'number') expect(parsed).toEqual({ ok: true, days: result });
    else expect(parsed.ok ? null : parsed.error).toMatch(result);
  });
});
