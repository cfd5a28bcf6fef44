// How the console shows the ticket queue: each open ticket's SLA flag, and SLA compliance per
// plan over a period. Pure: tickets and "now" come in as arguments.
import type { Plan } from './sla.ts';

export type SlaFlag = 'breached' | 'due_soon' | 'on_track' | 'no_target';
export const slaFlagLabels: Record<SlaFlag, string> = { breached: 'Breached', due_soon: 'Due within 30 min', on_track: 'On track', no_target: 'No target' };

/** Warning 30 minutes before the deadline: enough to pick the ticket up and answer. */
export const dueSoonMinutes = 30;

export function slaFlag(dueAt: Date | null, now: Date, answeredAt: Date | null = null): SlaFlag {
  if (!dueAt) return 'no_target';
  const reference = answeredAt ?? now;
  if (reference.getTime() > dueAt.getTime()) return 'breached';
  if (!answeredAt && dueAt.getTime() - now.getTime() <= dueSoonMinutes * 60_000) return 'due_soon';
  return 'on_track';
}

export interface ComplianceTicket { plan: Plan; receivedAt: Date; firstResponseDueAt: Date | null; firstResponseAt: Date | null }
export interface Compliance { plan: Plan; met: number; breached: number; pending: number; rate: number | null }

/**
 * Share of tickets with a deadline, received since `since`, whose first response met it.
 * A ticket still unanswered counts as breached once its deadline has passed, else as pending.
 */
export function slaCompliance(tickets: ComplianceTicket[], since: Date, now: Date, plans: Plan[]): Compliance[] {
  return plans.map((plan) => {
    let met = 0, breached = 0, pending = 0;
    for (const t of tickets) {
      if (t.plan !== plan || !t.firstResponseDueAt || t.receivedAt < since) continue;
      if (t.firstResponseAt) (t.firstResponseAt <= t.firstResponseDueAt ? met++ : breached++);
      else if (now > t.firstResponseDueAt) breached++;
      else pending++;
    }
    return { plan, met, breached, pending, rate: met + breached ? met / (met + breached) : null };
  });
}
