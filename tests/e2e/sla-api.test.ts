// GET /api/sla on the built server: the deadlines premium clients are promised, and clear
// refusals for bad queries.
import { describe, expect, inject, it } from 'vitest';

const base = inject('baseUrl');
const sla = async (query: string) => {
  const res = await fetch(`${base}/api/sla?${query}`);
  return { status: res.status, body: await res.json() };
};

describe('GET /api/sla', () => {
  it.each([
    ['a Plus ticket on Saturday 21:30 before the spring DST change waits for Sunday 08:30 CEST', 'plan=plus&at=2027-03-27T21:30:00%2B01:00', 'desk', '2027-03-28T08:30:00+02:00'],
    ['an Enterprise ticket at 22:45 is due at 06:45 the next morning', 'plan=enterprise&at=2026-12-01T22:45:00%2B01:00', 'desk', '2026-12-02T06:45:00+01:00'],
    ['a Pro emergency at 00:30Z on the DST night is due two real hours later', 'plan=pro&at=2027-03-28T00:30:00Z&emergency=true', '24/7', '2027-03-28T04:30:00+02:00'],
    ['a Plus ticket on the evening of 31 July waits out the 1 August holiday', 'plan=plus&at=2026-07-31T22:30:00%2B02:00', 'desk', '2026-08-02T09:30:00+02:00'],
  ])('%s', async (_name, query, calendar, dueAt) => {
    const { status, body } = await sla(query);
    expect(status).toBe(200);
    expect(body).toMatchObject({ calendar, dueAt });
  });

  it('promises no deadline on the Standard plan', async () => {
    const { body } = await sla('plan=standard&at=2026-12-01T10:00:00%2B01:00');
    expect(body).toEqual({ plan: 'standard', target: null, calendar: null, receivedAt: '2026-12-01T10:00:00+01:00', dueAt: null });
  });

  it('answers 422 when a plan without an emergency line asks for one', async () => {
    const { status, body } = await sla('plan=plus&emergency=true');
    expect(status).toBe(422);
    expect(body.fields.emergency[0]).toContain('pro and enterprise');
  });

  it('answers 400 with field errors for an unknown plan, a bad date or an unknown parameter', async () => {
    const { status, body } = await sla('plan=gold&at=yesterday&colour=red');
    expect(status).toBe(400);
    expect(Object.keys(body.fields).sort()).toEqual(['at', 'colour', 'plan']);
  });
});
