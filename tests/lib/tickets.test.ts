import { describe, expect, it } from 'vitest';
import { newReference, queueFor, queueOrder, referencePattern, ticketInputSchema } from '../../src/lib/tickets';

const valid = { name: 'Ana Muster', email: 'ana@example.com', product: 'email', subject: 'Mail not arriving', description: 'Since this morning no mail reaches info@example.com.' };

describe('ticket input', () => {
  it('accepts a complete request and reads form checkboxes', () => {
    const parsed = ticketInputSchema.parse({ ...valid, emergency: 'on', contractKey: '', article: 'smtp-port-blocked', website: '' });
    expect(parsed).toMatchObject({ emergency: true, contractKey: undefined, article: 'smtp-port-blocked' });
    expect(ticketInputSchema.parse(valid).emergency).toBe(false);
  });

  it.each([
    ['email', { email: 'not-an-address' }, 'must be an email address such as ana@example.com'],
    ['subject', { subject: 'Hi' }, 'must be at least 3 characters'],
    ['subject', { subject: 'x'.repeat(201) }, 'must be at most 200 characters'],
    ['description', { description: 'Help!' }, 'must be at least 10 characters'],
    ['description', { description: 'x'.repeat(20_001) }, 'must be at most 20,000 characters'],
    ['product', { product: 'toaster' }, 'must be one of web-hosting, email, domains-dns, vps-cloud, billing-account, events-ticketing, security-privacy, other'],
    ['website', { website: 'http://spam.example' }, 'must be left empty (it is a trap for spam robots)'],
  ])('refuses a bad %s', (field, change, message) => {
    const result = ticketInputSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });

  it('refuses unknown fields', () => {
    expect(ticketInputSchema.safeParse({ ...valid, priority: 'urgent' }).error?.issues[0].code).toBe('unrecognized_keys');
  });
});

describe('routing', () => {
  it.each([
    ['standard', false, 'standard'],
    ['plus', false, 'plus'],
    ['pro', false, 'pro'],
    ['pro', true, 'emergency'],
    ['enterprise', true, 'emergency'],
  ] as const)('a %s ticket (emergency: %s) goes to the %s queue', (plan, emergency, queue) => {
    expect(queueFor(plan, emergency)).toBe(queue);
  });
});

describe('references', () => {
  it('are 16 readable base32 characters from 80 random bits', () => {
    const ref = newReference(new Uint8Array(10).fill(255));
    expect(ref).toBe('T-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(newReference(new Uint8Array(10))).toBe('T-0000-0000-0000-0000');
    expect(referencePattern.test(newReference(crypto.getRandomValues(new Uint8Array(10))))).toBe(true);
  });
});

describe('queue order', () => {
  const t = (due: string | null, received: string) => ({ dueAt: due ? new Date(due) : null, receivedAt: new Date(received) });
  it('puts the earliest deadline first and Standard tickets after, oldest first', () => {
    const tickets = [
      t(null, '2026-12-01T08:00:00Z'),
      t('2026-12-01T12:00:00Z', '2026-12-01T08:00:00Z'),
      t(null, '2026-12-01T07:00:00Z'),
      t('2026-12-01T09:00:00Z', '2026-12-01T08:30:00Z'),
    ];
    expect([...tickets].sort(queueOrder)).toEqual([tickets[3], tickets[1], tickets[2], tickets[0]]);
  });
});
