import { describe, expect, it } from 'vitest';
import { alertAddress, alertMail, planAlerts, warningAt, type AlertTicket, type SlaAlertKind } from '../../src/lib/sla-alerts';
import { firstResponseDue, type Plan } from '../../src/lib/sla';
import { zurich } from '../fixtures/sla-policies';

const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;

/** The deadline src/lib/sla.ts gives, so these cases follow the policy rather than restate it. */
function dueOf(plan: Plan, received: string, emergency = false): Date {
  const due = firstResponseDue(plan, at(received), zurich, { emergency });
  if (!due.ok || !due.dueAt) throw new Error('no deadline');
  return due.dueAt;
}

function ticket(dueAt: Date, changes: Partial<AlertTicket> = {}): AlertTicket {
  return { emergency: false, status: 'open', dueAt, firstResponseAt: null, alerts: [], ...changes };
}
const raised = (kind: SlaAlertKind, when: string, acknowledgedAt: Date | null = null) => ({ kind, raisedAt: at(when), acknowledgedAt });

describe('warningAt', () => {
  it.each([
    ['a Plus ticket at 10:00 is warned at 13:30, 30 minutes before its 14:00 deadline', 'plus', '2026-12-01T10:00:00+01:00', false, '2026-12-01T13:30:00+01:00'],
    ['an Enterprise ticket at 22:20 is due at 06:20 and warned at the 06:00 opening, not at 05:50 when nobody is there', 'enterprise', '2026-12-01T22:20:00+01:00', false, '2026-12-02T06:00:00+01:00'],
    ['an Enterprise ticket at 22:20 on 31 July waits out the 1 August holiday and is warned at 06:00 on 2 August', 'enterprise', '2026-07-31T22:20:00+02:00', false, '2026-08-02T06:00:00+02:00'],
    ['across the spring DST change the warning is at the 06:00 opening in summer time', 'enterprise', '2027-03-27T22:20:00+01:00', false, '2027-03-28T06:00:00+02:00'],
    ['an emergency is warned on its 24/7 clock, in the night, 30 real minutes before', 'enterprise', '2026-12-01T03:00:00+01:00', true, '2026-12-01T03:30:00+01:00'],
    ['an emergency in the repeated autumn hour counts real minutes (due 01:10 UTC, warned 00:40 UTC)', 'enterprise', '2026-10-25T02:10:00+02:00', true, '2026-10-25T00:40:00Z'],
  ] as const)('%s', (_name, plan, received, emergency, expected) => {
    expect(warningAt(dueOf(plan, received, emergency), emergency, zurich).toISOString()).toBe(at(expected).toISOString());
  });
});

describe('planAlerts', () => {
  const due = dueOf('plus', '2026-12-01T10:00:00+01:00'); // 14:00
  it.each<[string, AlertTicket, string, SlaAlertKind[], string | null]>([
    ['nothing a minute before the warning; wakes at the warning', ticket(due), '2026-12-01T13:29:00+01:00', [], '2026-12-01T13:30:00+01:00'],
    ['the warning at the minute; wakes at the deadline', ticket(due), '2026-12-01T13:30:00+01:00', ['warning'], '2026-12-01T14:00:00+01:00'],
    ['the warning once: nothing more until the deadline', ticket(due, { alerts: [raised('warning', '2026-12-01T13:30:00+01:00')] }), '2026-12-01T13:45:00+01:00', [], '2026-12-01T14:00:00+01:00'],
    ['the breach at the deadline, then nothing more for a desk ticket', ticket(due, { alerts: [raised('warning', '2026-12-01T13:30:00+01:00')] }), '2026-12-01T14:00:00+01:00', ['breach'], null],
    ['past the deadline with no warning sent (a server was down): only the breach', ticket(due), '2026-12-01T14:05:00+01:00', ['breach'], null],
    ['nothing once the first response is recorded', ticket(due, { firstResponseAt: at('2026-12-01T12:00:00+01:00') }), '2026-12-01T14:05:00+01:00', [], null],
    ['nothing about a closed ticket', ticket(due, { status: 'closed' }), '2026-12-01T14:05:00+01:00', [], null],
    ['nothing for Standard (no deadline)', { ...ticket(due), dueAt: null }, '2026-12-01T14:05:00+01:00', [], null],
  ])('%s', (_name, t, now, expected, next) => {
    const plan = planAlerts(t, at(now), zurich);
    expect(plan.due).toEqual(expected);
    expect(plan.nextAt?.toISOString() ?? null).toBe(next && at(next).toISOString());
  });

  describe('an emergency filed at 03:00, due 04:00, paged at filing', () => {
    const emergencyDue = dueOf('enterprise', '2026-12-01T03:00:00+01:00', true);
    const paged = (ack: Date | null = null) => ticket(emergencyDue, { emergency: true, alerts: [raised('emergency', '2026-12-01T03:00:00+01:00', ack)] });
    it.each<[string, AlertTicket, string, SlaAlertKind[], string | null]>([
      ['14 minutes without acknowledgement: nothing yet, wakes at 15', paged(), '2026-12-01T03:14:00+01:00', [], '2026-12-01T03:15:00+01:00'],
      ['15 minutes without acknowledgement: re-paged', paged(), '2026-12-01T03:15:00+01:00', ['repage'], '2026-12-01T03:30:00+01:00'],
      ['acknowledged at 03:05: no re-page, next the warning', paged(at('2026-12-01T03:05:00+01:00')), '2026-12-01T03:20:00+01:00', [], '2026-12-01T03:30:00+01:00'],
      ['re-paged once only', { ...paged(), alerts: [...paged().alerts, raised('repage', '2026-12-01T03:15:00+01:00')] }, '2026-12-01T03:29:00+01:00', [], '2026-12-01T03:30:00+01:00'],
      ['acknowledged, then the warning: it may re-page 15 minutes later', paged(at('2026-12-01T03:05:00+01:00')), '2026-12-01T03:30:00+01:00', ['warning'], '2026-12-01T03:45:00+01:00'],
      ['the breach in the night, on the 24/7 clock', { ...paged(at('2026-12-01T03:05:00+01:00')), alerts: [raised('emergency', '2026-12-01T03:00:00+01:00', at('2026-12-01T03:05:00+01:00')), raised('warning', '2026-12-01T03:30:00+01:00', at('2026-12-01T03:31:00+01:00'))] }, '2026-12-01T04:00:00+01:00', ['breach'], '2026-12-01T04:15:00+01:00'],
    ])('%s', (_name, t, now, expected, next) => {
      const plan = planAlerts(t, at(now), zurich);
      expect(plan.due).toEqual(expected);
      expect(plan.nextAt?.toISOString() ?? null).toBe(next && at(next).toISOString());
    });
  });

  it('a desk ticket due after the 1 August holiday sleeps through it: next wake-up is the warning at 06:00 on 2 August', () => {
    const holidayDue = dueOf('enterprise', '2026-07-31T22:20:00+02:00');
    const plan = planAlerts(ticket(holidayDue), at('2026-08-01T12:00:00+02:00'), zurich);
    expect(plan).toEqual({ due: [], nextAt: at('2026-08-02T06:00:00+02:00') });
  });

  it('the warning and breach minutes are measured in real time across the autumn DST change', () => {
    const dstDue = dueOf('enterprise', '2026-10-25T02:10:00+02:00', true); // due 01:10 UTC = 02:10 CET
    const t = ticket(dstDue, { emergency: true, alerts: [raised('emergency', '2026-10-25T00:10:00Z', at('2026-10-25T00:12:00Z'))] });
    expect(planAlerts(t, at('2026-10-25T00:39:59Z'), zurich).due).toEqual([]);
    expect(planAlerts(t, at('2026-10-25T00:40:00Z'), zurich).due).toEqual(['warning']);
    expect(planAlerts({ ...t, alerts: [...t.alerts, raised('warning', '2026-10-25T00:40:00Z', at('2026-10-25T00:41:00Z'))] }, at('2026-10-25T02:10:00+01:00'), zurich).due).toEqual(['breach']);
    expect(at('2026-10-25T00:40:00Z').getTime() + minutes(30)).toBe(dstDue.getTime());
  });
});

describe('alertAddress and alertMail', () => {
  it('sends to the queue address in the policy, else to on-call', () => {
    const policy = { ...zurich, alertAddresses: { pro: 'pro-desk@example.com' } };
    expect(alertAddress('pro', policy, 'oncall@example.com')).toBe('pro-desk@example.com');
    expect(alertAddress('plus', policy, 'oncall@example.com')).toBe('oncall@example.com');
  });
  it('names the ticket, the deadline and the console link', () => {
    const mail = alertMail('breach', { reference: 'T-0000-0000-0000-0001', plan: 'pro', queue: 'pro', subject: 'Site down', dueAt: at('2026-12-01T14:00:00Z') }, '2026-12-01T15:00:00+01:00 (Europe/Zurich)', 'https://help.example');
    expect(mail.subject).toBe('SLA BREACHED T-0000-0000-0000-0001: first response was due 2026-12-01T15:00:00+01:00 (Europe/Zurich)');
    expect(mail.body).toContain('https://help.example/console/tickets/T-0000-0000-0000-0001/');
  });
});
