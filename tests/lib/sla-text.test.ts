import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../src/lib/sla';
import {
  describeBestEffort,
  describeDeskHours,
  describeDuration,
  describeEmergencyPlans,
  describeHolidays,
  describePhoneHours,
  describeTarget,
  deskHoursShort,
  phoneHoursShort,
  targetShort,
  zoneName,
} from '../../src/lib/sla-text';
import { zurich as zurichDesk } from '../fixtures/sla-policies';

const zurich: SlaPolicy = { ...zurichDesk, phone: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '18:00' } };
const newYork: SlaPolicy = {
  timeZone: 'America/New_York',
  desk: { opens: '09:00', closes: '17:00' },
  holidays: ['07-04', '2026-11-26'],
  targetsMinutes: { standard: 2880, plus: 90, enterprise: 45 },
  emergencyPlans: [],
  phone: { days: ['sat', 'mon', 'tue'], opens: '10:00', closes: '12:30' },
};
const noExtras: SlaPolicy = { ...zurich, holidays: [], phone: undefined };

describe('the words for a policy', () => {
  it.each<[behaviour: string, actual: (p: SlaPolicy) => string | null, policy: SlaPolicy, expected: string | null]>([
    ['desk hours name the zone by its city', describeDeskHours, zurich, 'every day from 06:00 to 23:00 (Zurich time)'],
    ['a zone with an underscore reads as two words', describeDeskHours, newYork, 'every day from 09:00 to 17:00 (New York time)'],
    ['desk hours fit a table cell', deskHoursShort, newYork, 'Every day 09:00–17:00'],
    ['yearly holidays read as day and month', describeHolidays, zurich, '1 January, 1 August and 25 December'],
    ['a dated holiday keeps its year', describeHolidays, newYork, '4 July and 26 November 2026'],
    ['a policy without holidays has no holiday sentence', describeHolidays, noExtras, null],
    ['five weekdays in a row read as a range', describePhoneHours, zurich, 'Monday to Friday, 09:00–18:00'],
    ['scattered days are listed in week order', describePhoneHours, newYork, 'Monday, Tuesday and Saturday, 10:00–12:30'],
    ['a range shortens in a table cell', phoneHoursShort, zurich, 'Mon–Fri 09:00–18:00'],
    ['a policy without a phone line describes none', describePhoneHours, noExtras, null],
    ['best effort says when the desk answers', describeBestEffort, zurich, 'every day 06:00–23:00 (Zurich time), after premium requests'],
    ['the emergency plans read as names', describeEmergencyPlans, zurich, 'Pro and Enterprise'],
    ['a policy without emergency plans names none', describeEmergencyPlans, newYork, null],
  ])('%s', (_behaviour, actual, policy, expected) => {
    expect(actual(policy)).toBe(expected);
  });
});

describe('the words for a target', () => {
  it.each<[behaviour: string, plan: 'standard' | 'plus' | 'pro' | 'enterprise', policy: SlaPolicy, promise: string, cell: string]>([
    ['a Plus target in whole hours', 'plus', zurich, 'first response within 4 desk hours', 'Within 4 h'],
    ['one hour is singular, and an emergency plan says so', 'enterprise', zurich, 'first response within 1 desk hour; emergency line day and night', 'Within 1 h'],
    ['a plan without a target is best effort', 'standard', zurich, 'every day 06:00–23:00 (Zurich time), after premium requests', 'Best effort'],
    ['hours and minutes', 'plus', newYork, 'first response within 1 hour 30 minutes of desk time', 'Within 1 h 30 min'],
    ['minutes alone', 'enterprise', newYork, 'first response within 45 minutes of desk time', 'Within 45 min'],
    ['a target measured in days of desk time stays in hours', 'standard', newYork, 'first response within 48 desk hours', 'Within 48 h'],
  ])('%s', (_behaviour, plan, policy, promise, cell) => {
    expect(describeTarget(plan, policy)).toBe(promise);
    expect(targetShort(plan, policy)).toBe(cell);
  });

  it.each([[1, '1 minute'], [60, '1 hour'], [61, '1 hour 1 minute'], [240, '4 hours']])('%i minutes read as "%s"', (minutes, words) => {
    expect(describeDuration(minutes)).toBe(words);
  });

  it('names deep zones by their last part', () => {
    expect(zoneName('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });
});
