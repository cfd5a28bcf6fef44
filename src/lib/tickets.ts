// Premium-support tickets as data: the form's contract (zod), routing to a queue, references
// and the order agents work the queue in. Pure: randomness and time are passed in.
import { z } from 'zod';
import type { Plan } from './sla.ts';

export const queues = ['emergency', 'enterprise', 'pro', 'plus', 'standard'] as const;
export type Queue = (typeof queues)[number];

/** Products a ticket can be about; the form's select and the console's filter share them. */
export const products = ['web-hosting', 'email', 'domains-dns', 'vps-cloud', 'billing-account', 'events-ticketing', 'security-privacy', 'other'] as const;
export const productLabels: Record<(typeof products)[number], string> = {
  'web-hosting': 'Web hosting',
  email: 'Email',
  'domains-dns': 'Domains and DNS',
  'vps-cloud': 'VPS and cloud servers',
  'billing-account': 'Billing and account',
  'events-ticketing': 'Events and ticketing',
  'security-privacy': 'Security and privacy',
  other: 'Something else',
};

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const checkbox = z.union([z.boolean(), z.enum(['on', 'true', 'false', 'yes', 'no'])]).transform((v) => v === true || v === 'on' || v === 'true' || v === 'yes');

/** What a client sends, as JSON or as the /support/ form. Unknown fields are refused. */
export const ticketInputSchema = z
  .object({
    name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
    email: z.string({ error: 'is required' }).trim().max(254, 'must be at most 254 characters').pipe(z.email({ error: 'must be an email address such as ana@example.com' })),
    contractKey: z.preprocess(emptyToUndefined, z.string().trim().max(80, 'is not a contract key').optional()),
    product: z.enum(products, { error: `must be one of ${products.join(', ')}` }),
    subject: z.string({ error: 'is required' }).trim().min(3, 'must be at least 3 characters').max(200, 'must be at most 200 characters'),
    description: z.string({ error: 'is required' }).trim().min(10, 'must be at least 10 characters').max(20_000, 'must be at most 20,000 characters'),
    emergency: z.preprocess(emptyToUndefined, checkbox.optional()).transform((v) => v ?? false),
    article: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an article slug').max(120).optional()),
    /** Honeypot: hidden from people, filled in by bots. */
    website: z.preprocess(emptyToUndefined, z.string().max(0, 'must be left empty (it is a trap for spam robots)').optional()),
  })
  .strict();

export type TicketInput = z.output<typeof ticketInputSchema>;

/** Emergencies jump every queue; otherwise the plan is the queue. */
export function queueFor(plan: Plan, emergency: boolean): Queue {
  return emergency ? 'emergency' : plan;
}

// Crockford base32 without I, L, O, U: easy to read out on the phone.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An unguessable reference (80 random bits) such as T-7K2M-Q9XD-4HFA-R3NW. */
export function newReference(random: Uint8Array): string {
  if (random.length < 10) throw new Error('newReference needs 10 random bytes');
  let bits = 0n;
  for (const byte of random.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = alphabet[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `T-${out.match(/.{4}/g)!.join('-')}`;
}

export const referencePattern = /^T-[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/** The order agents work in: earliest deadline first; tickets without one (Standard) after, oldest first. */
export function queueOrder(a: { dueAt: Date | null; receivedAt: Date }, b: { dueAt: Date | null; receivedAt: Date }): number {
  if (a.dueAt && b.dueAt) return a.dueAt.getTime() - b.dueAt.getTime() || a.receivedAt.getTime() - b.receivedAt.getTime();
  if (a.dueAt) return -1;
  if (b.dueAt) return 1;
  return a.receivedAt.getTime() - b.receivedAt.getTime();
}
