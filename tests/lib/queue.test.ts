import { describe, expect, it } from 'vitest';
import { slaCompliance, slaFlag } from '../../src/lib/queue';

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);

describe('SLA flag', () => {
  it.each([
    ['no deadline (Standard)', null, '10:00', null, 'no_target'],
    ['two hours left', '12:00', '10:00', null, 'on_track'],
    ['exactly 30 minutes left', '12:00', '11:30', null, 'due_soon'],
    ['31 minutes left', '12:00', '11:29', null, 'on_track'],
    ['one minute late', '12:00', '12:01', null, 'breached'],
    ['answered in time, looked at later', '12:00', '15:00', '11:59', 'on_track'],
    ['answered late', '12:00', '15:00', '12:05', 'breached'],
  ])('%s', (_name, due, now, answered, flag) => {
    expect(slaFlag(due ? at(due) : null, at(now), answered ? at(answered) : null)).toBe(flag);
  });
});

describe('SLA compliance', () => {
  const t = (plan: 'plus' | 'pro', received: string, due: string | null, answered: string | null) => ({ plan, receivedAt: at(received), firstResponseDueAt: due ? at(due) : null, firstResponseAt: answered ? at(answered) : null });
  it('counts met, breached (answered late or overdue) and pending per plan since a date', () => {
    const tickets = [
      t('pro', '08:00', '10:00', '09:00'),
      t('pro', '08:00', '10:00', '10:30'),
      t('pro', '09:00', '11:00', null),
      t('pro', '11:00', '13:00', null),
      t('plus', '08:00', '12:00', '08:10'),
      t('plus', '01:00', '05:00', null),
    ];
    expect(slaCompliance(tickets, at('02:00'), at('12:00'), ['plus', 'pro'])).toEqual([
      { plan: 'plus', met: 1, breached: 0, pending: 0, rate: 1 },
      { plan: 'pro', met: 1, breached: 2, pending: 1, rate: 1 / 3 },
    ]);
  });
});
