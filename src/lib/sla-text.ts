// The words pages, mails and the form use for the SLA policy (content/support/sla.yaml): desk
// and phone hours, holidays, targets. Derived here so no page restates a fact the team can change.
import { Temporal } from 'temporal-polyfill';
import { firstResponseDue, weekdays, type Plan, type SlaPolicy, type Weekday } from './sla.ts';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** "a, b and c" */
function list(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The place a zone is named after, as readers say it: Europe/Zurich → Zurich, America/New_York → New York. */
export function zoneName(timeZone: string): string {
  return timeZone.split('/').at(-1)!.replaceAll('_', ' ');
}

/** "every day from 06:00 to 23:00 (Zurich time)", to follow "answers written requests". */
export function describeDeskHours(policy: SlaPolicy): string {
  return `every day from ${policy.desk.opens} to ${policy.desk.closes} (${zoneName(policy.timeZone)} time)`;
}

/** "Every day 06:00–23:00", for a table cell. */
export function deskHoursShort(policy: SlaPolicy): string {
  return `Every day ${policy.desk.opens}–${policy.desk.closes}`;
}

/** "1 January, 1 August and 25 December"; a dated holiday keeps its year. Null without holidays. */
export function describeHolidays(policy: SlaPolicy): string | null {
  if (!policy.holidays.length) return null;
  return list(policy.holidays.map((holiday) => {
    const [month, day] = holiday.slice(-5).split('-').map(Number);
    const year = holiday.length > 5 ? ` ${holiday.slice(0, 4)}` : '';
    return `${day} ${monthNames[month - 1]}${year}`;
  }));
}

/** Runs of three or more days read as a range ("Monday to Friday"), shorter ones as a list. */
function describeDays(days: readonly Weekday[], name: (day: Weekday) => string, through: string): string {
  const sorted = weekdays.filter((d) => days.includes(d));
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && weekdays.indexOf(sorted[j + 1]) === weekdays.indexOf(sorted[j]) + 1) j++;
    if (j - i >= 2) parts.push(`${name(sorted[i])}${through}${name(sorted[j])}`);
    else parts.push(...sorted.slice(i, j + 1).map(name));
    i = j + 1;
  }
  return list(parts);
}

/** "Monday to Friday"; null when the policy offers no phone line. */
export function describePhoneDays(policy: SlaPolicy): string | null {
  return policy.phone ? describeDays(policy.phone.days, (d) => dayNames[d], ' to ') : null;
}

/** "Monday to Friday, 09:00–18:00"; null when the policy offers no phone line. */
export function describePhoneHours(policy: SlaPolicy): string | null {
  const phone = policy.phone;
  return phone ? `${describePhoneDays(policy)}, ${phone.opens}–${phone.closes}` : null;
}

/** "Mon–Fri 09:00–18:00", for a table cell; null without a phone line. */
export function phoneHoursShort(policy: SlaPolicy): string | null {
  const phone = policy.phone;
  return phone ? `${describeDays(phone.days, (d) => dayNames[d].slice(0, 3), '–')} ${phone.opens}–${phone.closes}` : null;
}

/** A target in words: 240 → "4 hours", 60 → "1 hour", 90 → "1 hour 30 minutes", 45 → "45 minutes". */
export function describeDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h ? `${h} ${h === 1 ? 'hour' : 'hours'}` : '', m ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : ''];
  return parts.filter(Boolean).join(' ');
}

/** The first-response cell of the plans table: "Within 4 h", "Within 1 h 30 min", "Best effort". */
export function targetShort(plan: Plan, policy: SlaPolicy): string {
  const minutes = policy.targetsMinutes[plan];
  if (minutes === undefined) return 'Best effort';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `Within ${[h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ')}`;
}

/** How a plan's tickets are answered, without a target: "every day 06:00–23:00 (Zurich time), after premium requests". */
export function describeBestEffort(policy: SlaPolicy): string {
  return `every day ${policy.desk.opens}–${policy.desk.closes} (${zoneName(policy.timeZone)} time), after premium requests`;
}

/** What a plan promises, e.g. "first response within 2 desk hours; emergency line day and night". */
export function describeTarget(plan: Plan, policy: SlaPolicy): string {
  const minutes = policy.targetsMinutes[plan];
  if (minutes === undefined) return describeBestEffort(policy);
  const span = minutes % 60 === 0 ? describeDuration(minutes).replace(/hours?/, 'desk $&') : `${describeDuration(minutes)} of desk time`;
  const target = `first response within ${span}`;
  return policy.emergencyPlans.includes(plan) ? `${target}; emergency line day and night` : target;
}

/** "Pro and Enterprise": the plans with the emergency line; null when none has it. */
export function describeEmergencyPlans(policy: SlaPolicy): string | null {
  return policy.emergencyPlans.length ? list(policy.emergencyPlans.map((plan) => `${plan[0].toUpperCase()}${plan.slice(1)}`)) : null;
}

/** A moment on the desk's calendar: "Wednesday 2 December 07:30". */
export function describeMoment(at: Date, policy: SlaPolicy): string {
  const z = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(policy.timeZone);
  const hhmm = z.toPlainTime().toString({ smallestUnit: 'minute' });
  return `${dayNames[weekdays[z.dayOfWeek - 1]]} ${z.day} ${monthNames[z.month - 1]} ${hhmm}`;
}

/**
 * A worked deadline for articles, computed rather than written so it follows the policy:
 * a plan's ticket received at a local wall time (YYYY-MM-DDTHH:MM in the desk's zone).
 */
export function describeDeadlineExample(plan: Plan, localTime: string, policy: SlaPolicy): { received: string; clock: string; due: string } | null {
  const receivedAt = new Date(Temporal.PlainDateTime.from(localTime).toZonedDateTime(policy.timeZone).epochMilliseconds);
  const deadline = firstResponseDue(plan, receivedAt, policy);
  if (!deadline.ok || !deadline.dueAt || !deadline.clockStartsAt) return null;
  const starts = deadline.clockStartsAt.getTime() === receivedAt.getTime() ? 'at once' : `at ${describeMoment(deadline.clockStartsAt, policy)}`;
  return { received: describeMoment(receivedAt, policy), clock: `the clock starts ${starts}`, due: describeMoment(deadline.dueAt, policy) };
}
