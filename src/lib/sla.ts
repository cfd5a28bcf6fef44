// First-response deadlines for premium support, counted on the policy's desk calendar or 24/7.
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { queues } from './tickets.ts';

/** The support plans, cheapest first. The one name for this concept in YAML, columns and the API. */
export const plans = ['standard', 'plus', 'pro', 'enterprise'] as const;
export type Plan = (typeof plans)[number];

const wallTimePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const wallTimeMessage = 'must be a time as HH:MM (24-hour, 00:00 to 23:59), e.g. "06:00"';
const wallTime = z.string({ error: wallTimeMessage }).regex(wallTimePattern, wallTimeMessage);

const holidayMessage = 'must be a date as MM-DD (every year) or YYYY-MM-DD (that day only), e.g. "12-25" or "2026-12-28"';
const holiday = z.string({ error: holidayMessage }).refine((value) => {
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  try {
    // A yearly MM-DD is checked against a leap year so that 02-29 is accepted (it then only
    // applies in leap years).
    Temporal.PlainDate.from({ year: m[1] ? Number(m[1]) : 2024, month: Number(m[2]), day: Number(m[3]) }, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}, holidayMessage);

const timeZoneMessage = 'must be an IANA time zone such as "Europe/Zurich"';
const timeZone = z.string({ error: timeZoneMessage }).refine((value) => {
  // Fixed offsets ("+01:00") are valid for Temporal but never change for DST, which would
  // silently shift the desk by an hour for half the year; only named zones are accepted.
  if (!/^[A-Za-z]/.test(value)) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(value);
    return true;
  } catch {
    return false;
  }
}, timeZoneMessage);

const minutesMessage = 'must be a whole number of minutes greater than 0, e.g. 240 for 4 hours';
const minutes = z
  .number({ error: minutesMessage })
  .int({ error: minutesMessage })
  .positive({ error: minutesMessage });

/** Days of the week as the YAML names them, Monday first (ISO 8601 numbers them 1 to 7 in this order). */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
const weekday = z.enum(weekdays, { error: `must be a day written ${weekdays.join(', ')}` });

/** Opening hours are one span per local day: hours open past midnight would need two windows a day. */
function closesAfterOpening(field: string) {
  return (hours: { opens: string; closes: string }, ctx: z.RefinementCtx) => {
    const comparable = wallTimePattern.test(hours.opens) && wallTimePattern.test(hours.closes);
    if (comparable && hours.opens >= hours.closes) {
      ctx.addIssue({ code: 'custom', path: ['closes'], message: `must be later than ${field}.opens (${hours.opens})` });
    }
  };
}

const planEnum = z.enum(plans, { error: `must be one of ${plans.join(', ')}` });

/** Unknown keys of a strict object or partial record, which zod reports as unrecognized_keys. */
function unknownKeys(issue: { code?: string; keys?: unknown }): string | null {
  // Typed loosely on purpose: zod's record issue type omits unrecognized_keys, which it does raise.
  return issue.code === 'unrecognized_keys' && Array.isArray(issue.keys) ? issue.keys.join(', ') : null;
}

const policyFields = {
  /** IANA zone the desk hours and holidays are read in, e.g. "Europe/Zurich". */
  timeZone,
  /** Local wall-clock opening hours, the same every day; opens must be earlier than closes. */
  desk: z
    .strictObject({ opens: wallTime, closes: wallTime }, { error: 'must give opens and closes, e.g. { opens: "06:00", closes: "23:00" }' })
    .superRefine(closesAfterOpening('desk')),
  /** Days the desk is closed all day: "MM-DD" every year, "YYYY-MM-DD" once. */
  holidays: z.array(holiday, { error: 'must be a list of dates, e.g. ["12-25", "2026-12-28"]' }).default([]),
  /** First-response target per plan in desk minutes; a plan left out has no target (best effort). */
  targetsMinutes: z.partialRecord(planEnum, minutes, {
    error: (issue) => {
      const unknown = unknownKeys(issue);
      return unknown ? `must only name plans (${plans.join(', ')}), not ${unknown}` : 'must map plans to minutes, e.g. { plus: 240 }';
    },
  }),
  /** Plans that may open emergency tickets, which run on a 24/7 clock with the plan's target. */
  emergencyPlans: z.array(planEnum, { error: 'must be a list of plans, e.g. [pro, enterprise]' }).default([]),
  /**
   * The emergency phone line of those plans, answered day and night. Shown when an emergency
   * ticket cannot be stored (the database is down), so the client still reaches someone.
   */
  emergencyPhone: z
    .string({ error: 'must be a phone number in quotes, e.g. "+41 21 555 01 00"' })
    .regex(/^\+?[0-9][0-9 ()./-]{5,23}$/, { error: 'must be a phone number of digits, spaces and + ( ) - . /, e.g. "+41 21 555 01 00"' })
    .optional(),
  /**
   * When the phone line of every plan is staffed: the days, and local opening hours in timeZone.
   * Left out, the pages offer no phone support. Phone hours set no deadline; only written requests do.
   */
  phone: z
    .strictObject(
      {
        days: z.array(weekday, { error: 'must be a list of days, e.g. [mon, tue, wed, thu, fri]' }).min(1, { error: 'must name at least one day' }),
        opens: wallTime,
        closes: wallTime,
      },
      { error: 'must give days, opens and closes, e.g. { days: [mon, tue, wed, thu, fri], opens: "09:00", closes: "18:00" }' },
    )
    .superRefine(closesAfterOpening('phone'))
    .optional(),
  /**
   * Where each queue's SLA warnings and breach alerts are mailed, e.g. { emergency: "oncall@…",
   * enterprise: "enterprise-desk@…" }. A queue left out is alerted at ONCALL_EMAIL.
   */
  alertAddresses: z.partialRecord(z.enum(queues, { error: `must be one of ${queues.join(', ')}` }), z.email({ error: 'must be an email address, e.g. "desk@example.com"' }), {
    error: (issue) => {
      const unknown = unknownKeys(issue);
      return unknown ? `must only name queues (${queues.join(', ')}), not ${unknown}` : 'must map queues to addresses, e.g. { pro: "pro-desk@example.com" }';
    },
  }).optional(),
};
const fieldNames = Object.keys(policyFields).join(', ');

/** The support team's SLA settings (e.g. from YAML). Validate before passing to the functions below. */
export const slaPolicySchema = z
  .strictObject(policyFields, {
    error: (issue) => {
      const unknown = unknownKeys(issue);
      return unknown ? `must only have the fields ${fieldNames}, not ${unknown}` : `must be a policy with the fields ${fieldNames}`;
    },
  })
  .superRefine((policy, ctx) => {
    policy.emergencyPlans.forEach((plan, i) => {
      if (policy.targetsMinutes[plan] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['emergencyPlans', i],
          message: `lists ${plan}, which has no entry in targetsMinutes; an emergency plan needs a target`,
        });
      }
    });
  });

export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export type Deadline =
  | {
      ok: true;
      plan: Plan;
      /** 'desk': counted in desk hours; '24/7': emergency, plain elapsed time; null: no target. */
      calendar: 'desk' | '24/7' | null;
      targetMinutes: number | null;
      receivedAt: Date;
      /** Receipt, or the next desk opening when received while closed; null without a target. */
      clockStartsAt: Date | null;
      /** null means best effort (the plan has no target). */
      dueAt: Date | null;
    }
  | { ok: false; error: 'emergency_not_in_plan' };

/**
 * When the first response to a ticket is due. A desk deadline may fall exactly at closing time
 * (a ticket at 22:00 with a 1 h target is due at 23:00 that day, not at the next opening), so it
 * always lies in (opens, closes] of a day that is not a holiday.
 */
export function firstResponseDue(
  plan: Plan,
  receivedAt: Date,
  policy: SlaPolicy,
  options: { emergency?: boolean } = {},
): Deadline {
  const emergency = options.emergency ?? false;
  if (emergency && !policy.emergencyPlans.includes(plan)) return { ok: false, error: 'emergency_not_in_plan' };

  const target = policy.targetsMinutes[plan];
  if (target === undefined) {
    return { ok: true, plan, calendar: null, targetMinutes: null, receivedAt, clockStartsAt: null, dueAt: null };
  }
  const received = receivedAt.getTime();
  if (Number.isNaN(received)) throw new RangeError('receivedAt must be a valid Date');

  if (emergency) {
    // Real elapsed time on instants: in the autumn repeated hour a 2 h target ends when the wall
    // clock shows only 1 h later; in spring it shows 3 h.
    return { ok: true, plan, calendar: '24/7', targetMinutes: target, receivedAt, clockStartsAt: receivedAt, dueAt: new Date(received + target * 60_000) };
  }

  // Walk the desk days from the local date of receipt, spending the target on each day's open
  // hours. Opening and closing are resolved to real instants per day, so a day's open span is
  // whatever elapses between them (17 h on Zurich's DST days too: the change happens at night,
  // but a desk whose hours contain the change gets one hour less or more).
  let remaining = target * 60_000;
  let clockStartsAt: number | null = null;
  let day = localDate(received, policy.timeZone);
  for (let closedDays = 0; closedDays <= maxClosedDays; day = day.add({ days: 1 })) {
    const hours = deskWindow(day, policy);
    if (hours === null || hours.closes <= received || hours.closes <= hours.opens) {
      closedDays++;
      continue;
    }
    closedDays = 0;
    const from = Math.max(received, hours.opens);
    clockStartsAt ??= from;
    const available = hours.closes - from;
    if (remaining <= available) {
      return { ok: true, plan, calendar: 'desk', targetMinutes: target, receivedAt, clockStartsAt: new Date(clockStartsAt), dueAt: new Date(from + remaining) };
    }
    remaining -= available;
  }
  throw new RangeError(`The desk in ${policy.timeZone} stays closed for over ${maxClosedDays} days in a row; check the holidays`);
}

/** Whether the desk is open at an instant: a non-holiday, from opening (inclusive) to closing (exclusive). */
export function isDeskOpen(at: Date, policy: SlaPolicy): boolean {
  const t = at.getTime();
  const hours = deskWindow(localDate(t, policy.timeZone), policy);
  return hours !== null && hours.opens <= t && t < hours.closes;
}

/**
 * The desk's open hours on the local day of an instant (opening and closing as instants), or
 * null when that day is a holiday. Alerts use it to keep desk warnings within desk hours.
 */
export function deskHoursOn(at: Date, policy: SlaPolicy): { opens: Date; closes: Date } | null {
  const hours = deskWindow(localDate(at.getTime(), policy.timeZone), policy);
  return hours && { opens: new Date(hours.opens), closes: new Date(hours.closes) };
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2027-03-28T08:30:00+02:00. */
export function formatInZone(date: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime())
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never' });
}

/** A desk closed longer than a year is a misconfiguration, not a deadline to search for. */
const maxClosedDays = 366;

function localDate(epochMs: number, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toPlainDate();
}

/** The open hours of a local date as epoch milliseconds, or null on a holiday. */
function deskWindow(day: Temporal.PlainDate, policy: SlaPolicy): { opens: number; closes: number } | null {
  const iso = day.toString();
  if (policy.holidays.includes(iso) || policy.holidays.includes(iso.slice(5))) return null;
  // Wall-clock times are resolved with Temporal's 'compatible' rule (as RFC 5545 does): a time
  // skipped in spring moves forward by the gap, a time repeated in autumn takes its first
  // occurrence. With 06:00-23:00 in Zurich neither happens; it matters only for night desks.
  const at = (time: string) =>
    day.toZonedDateTime({ timeZone: policy.timeZone, plainTime: Temporal.PlainTime.from(time) }).epochMilliseconds;
  return { opens: at(policy.desk.opens), closes: at(policy.desk.closes) };
}
