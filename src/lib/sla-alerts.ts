// SLA alerts about open tickets: which are due at an instant, and when the next one will be, so
// the delivery worker (src/server/delivery.ts) raises each once and sleeps until the next.
// Pure: the clock, the policy and the alerts already raised come in as arguments; desk hours
// come from src/lib/sla.ts.
import { deskHoursOn, type SlaPolicy } from './sla.ts';
import type { Queue } from './tickets.ts';

/**
 * 'emergency': the on-call page when an emergency ticket is filed; 'warning': the deadline is
 * within 30 minutes; 'breach': it has passed; 'repage': an emergency alert nobody acknowledged
 * within 15 minutes, sent again to on-call and a second address.
 */
export const slaAlertKinds = ['emergency', 'warning', 'breach', 'repage'] as const;
export type SlaAlertKind = (typeof slaAlertKinds)[number];

export const warningMinutes = 30;
export const repageMinutes = 15;

export interface AlertTicket {
  emergency: boolean;
  status: 'open' | 'answered' | 'closed';
  dueAt: Date | null;
  firstResponseAt: Date | null;
  /** Alerts already raised about the ticket. */
  alerts: { kind: SlaAlertKind; raisedAt: Date; acknowledgedAt: Date | null }[];
}

/**
 * When the 30-minute warning is due. An emergency counts 24/7; a desk deadline is warned about
 * within desk hours: a deadline at 06:10 is warned about at the 06:00 opening, not at 05:40 when
 * nobody is there. A desk deadline always lies in (opens, closes] of an open day (see
 * firstResponseDue), so the desk is open from that moment until the deadline.
 */
export function warningAt(dueAt: Date, emergency: boolean, policy: SlaPolicy): Date {
  const early = new Date(dueAt.getTime() - warningMinutes * 60_000);
  if (emergency) return early;
  // The deadline may be the closing instant itself, which belongs to that day's hours.
  const hours = deskHoursOn(new Date(dueAt.getTime() - 1), policy);
  return hours && hours.opens > early ? hours.opens : early;
}

export interface AlertPlan {
  /** Alerts to raise now, in the order they fell due. */
  due: SlaAlertKind[];
  /** The next instant something about this ticket may fall due, or null when nothing will. */
  nextAt: Date | null;
}

/**
 * What to raise about a ticket at `now`: at most one of each kind, never a warning once the
 * deadline has passed (the breach says more), and nothing once the first response is recorded
 * or the ticket closed. An emergency ticket whose alerts nobody acknowledged within 15 minutes
 * of the first of them is re-paged once.
 */
export function planAlerts(ticket: AlertTicket, now: Date, policy: SlaPolicy): AlertPlan {
  if (ticket.status !== 'open' || ticket.firstResponseAt || !ticket.dueAt) return { due: [], nextAt: null };
  const raised = new Set(ticket.alerts.map((a) => a.kind));
  const t = now.getTime();
  const due: SlaAlertKind[] = [];
  const upcoming: number[] = [];

  const dueAt = ticket.dueAt.getTime();
  if (!raised.has('warning') && !raised.has('breach')) {
    const warnAt = warningAt(ticket.dueAt, ticket.emergency, policy).getTime();
    if (t >= dueAt) { /* past the deadline: the breach alert replaces the warning */ } else if (t >= warnAt) due.push('warning');
    else upcoming.push(warnAt);
  }
  if (!raised.has('breach')) {
    if (t >= dueAt) due.push('breach');
    else upcoming.push(dueAt);
  }
  if (ticket.emergency && !raised.has('repage')) {
    const unacknowledged = [
      ...ticket.alerts.filter((a) => a.kind !== 'repage' && !a.acknowledgedAt).map((a) => a.raisedAt.getTime()),
      ...due.map(() => t),
    ];
    if (unacknowledged.length) {
      const repageAt = Math.min(...unacknowledged) + repageMinutes * 60_000;
      if (t >= repageAt) due.push('repage');
      else upcoming.push(repageAt);
    }
  }
  return { due, nextAt: upcoming.length ? new Date(Math.min(...upcoming)) : null };
}

/** Where a queue's warnings and breach alerts go: its address in the policy, else on-call. */
export function alertAddress(queue: Queue, policy: SlaPolicy, onCall: string): string {
  return policy.alertAddresses?.[queue] ?? onCall;
}

export interface AlertMailTicket {
  reference: string;
  plan: string;
  queue: Queue;
  subject: string;
  dueAt: Date;
}

/** Subject and text of an alert mail; `dueText` is the deadline as the desk reads it. */
export function alertMail(kind: Exclude<SlaAlertKind, 'emergency'>, ticket: AlertMailTicket, dueText: string, consoleUrl: string): { subject: string; body: string } {
  const link = `${consoleUrl}/console/tickets/${ticket.reference}/`;
  const what = {
    warning: { subject: `SLA warning ${ticket.reference}: first response due ${dueText}`, line: `The first response to ${ticket.reference} is due within ${warningMinutes} minutes, at ${dueText}.` },
    breach: { subject: `SLA BREACHED ${ticket.reference}: first response was due ${dueText}`, line: `The first response to ${ticket.reference} was due at ${dueText} and has not been recorded.` },
    repage: { subject: `RE-PAGE: emergency ${ticket.reference} not acknowledged`, line: `Nobody acknowledged the emergency ${ticket.reference} within ${repageMinutes} minutes. First response due ${dueText}.` },
  }[kind];
  return {
    subject: what.subject,
    body: [what.line, '', `Queue ${ticket.queue}, ${ticket.plan} plan: ${ticket.subject}`, `Open it in the console: ${link}`].join('\n'),
  };
}
