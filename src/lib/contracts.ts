// Premium-support contracts: the term a contract covers, its state on a day, the input the
// contracts CLI accepts, and the API keys that identify a contract (generated, hashed, checked).
import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Plan } from './sla.ts';

/** The plans sold as contracts: every plan but standard, which every customer has without one. */
export const contractPlans = ['plus', 'pro', 'enterprise'] as const satisfies readonly Plan[];
export type ContractPlan = (typeof contractPlans)[number];

/** Premium plans are sold for at least half a year; shorter terms are a typo or a trial. */
export const minimumMonths = 6;

export type ContractState = 'active' | 'not_started' | 'expired' | 'revoked';

/** Why a presented key grants no plan: its contract's state on the day, or no contract at all. */
export const keyProblems = ['unknown', 'expired', 'revoked', 'not_started'] as const satisfies ReadonlyArray<Exclude<ContractState, 'active'> | 'unknown'>;
export type KeyProblem = (typeof keyProblems)[number];

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written exactly as YYYY-MM-DD that exists (no 2026-02-30). */
function parseIsoDate(value: string): Temporal.PlainDate | null {
  if (!isoDatePattern.test(value)) return null;
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/**
 * The days a contract of `months` months starting on `from` covers, both inclusive. It ends the
 * day before the same calendar day `months` later, so consecutive terms chain without a gap or an
 * overlap. When that day does not exist (a term from 31 January, or from 29 February for 12
 * months), the term ends on the last day of that month instead, as statutory month periods do
 * (e.g. BGB §188(3)): 31 January + 1 month ends on 28 February, not on the 27th, so a term from a
 * month's end never loses a day.
 */
export function contractTerm(from: string, months: number): { startsOn: string; endsOn: string } {
  const start = parseIsoDate(from);
  if (!start) throw new RangeError(`from must be a date as YYYY-MM-DD, e.g. 2026-12-01 (got "${from}")`);
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a whole number above 0 (got ${months})`);
  const anniversary = start.add({ months }, { overflow: 'constrain' });
  // A clamped anniversary (its day differs from the start's) is already the month's last day.
  const endsOn = anniversary.day === start.day ? anniversary.subtract({ days: 1 }) : anniversary;
  return { startsOn: start.toString(), endsOn: endsOn.toString() };
}

/** Where a contract stands on `today` (YYYY-MM-DD, the desk's local date). Revocation wins over dates. */
export function contractState(contract: { startsOn: string; endsOn: string; revokedAt: Date | null }, today: string): ContractState {
  if (contract.revokedAt !== null) return 'revoked';
  // YYYY-MM-DD strings compare in calendar order.
  if (today < contract.startsOn) return 'not_started';
  if (today > contract.endsOn) return 'expired';
  return 'active';
}

const planList = contractPlans.join(', ');
const dateMessage = 'must be a date as YYYY-MM-DD, e.g. 2026-12-01';
const monthsMessage = `must be a whole number of months, at least ${minimumMonths}, e.g. 12`;

/** What `npm run contracts -- add` accepts; CLI flags arrive as strings, months is converted here. */
export const contractInputSchema = z.strictObject({
  /** The customer as named on the contract; printed in lists, so no control characters. */
  organisation: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required, e.g. "Acme SA"' : 'must be text, e.g. "Acme SA"') })
    .trim()
    .min(1, 'must not be empty, e.g. "Acme SA"')
    .max(200, 'must be at most 200 characters')
    .refine((value) => !/[\u0000-\u001f\u007f-\u009f]/.test(value), 'must not contain control characters or line breaks'),
  plan: z.enum(contractPlans, {
    error: (issue) =>
      issue.input === undefined
        ? `is required: one of ${planList}`
        : issue.input === 'standard'
          ? `standard is not sold as a contract (every customer has it); use one of ${planList}`
          : `must be one of ${planList} (got "${String(issue.input)}")`,
  }),
  from: z
    .string({ error: (issue) => (issue.input === undefined ? `is required and ${dateMessage}` : dateMessage) })
    .refine((value) => parseIsoDate(value) !== null, { error: (issue) => `${dateMessage}, and a day that exists (got "${String(issue.input)}")` }),
  months: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
    z
      .number({ error: (issue) => (issue.input === undefined ? `is required and ${monthsMessage}` : monthsMessage) })
      .int({ error: monthsMessage })
      .min(minimumMonths, { error: `premium plans run at least ${minimumMonths} months` }),
  ),
});
export type ContractInput = z.infer<typeof contractInputSchema>;

/**
 * API keys: `cairn_` and 32 lowercase hex digits (128 random bits), enough that guessing one is
 * hopeless, so the key alone identifies and authorises a contract. Only its SHA-256 is stored:
 * a fast hash is right for 128 random bits (there is no dictionary to slow down).
 */
export const keyPattern = /^cairn_[0-9a-f]{32}$/;

/**
 * Demo keys are published in the docs so anyone can try the premium features against a demo
 * install. They are fixed strings that cannot collide with generated keys (`demo_` is not hex),
 * so they follow their own rule: `cairn_demo_<plan>_` followed by zeros.
 */
export const demoKeys = {
  plus: 'cairn_demo_plus_0000000000000000000000',
  pro: 'cairn_demo_pro_00000000000000000000000',
  enterprise: 'cairn_demo_enterprise_000000000000000',
} as const satisfies Record<ContractPlan, string>;
export const demoKeyPattern = /^cairn_demo_(plus|pro|enterprise)_0+$/;

/** Whether a string has the shape of a key, so a malformed one is refused before any lookup. */
export function isContractKey(key: string): boolean {
  return keyPattern.test(key) || demoKeyPattern.test(key);
}

/** A new key from `randomBytes(16)` (node:crypto's in the CLI; a fixed source in tests). */
export function generateKey(randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(16);
  if (bytes.length !== 16) throw new RangeError(`the random source must return 16 bytes (got ${bytes.length})`);
  return `cairn_${Buffer.from(bytes).toString('hex')}`;
}

/** SHA-256 of the key as lowercase hex: what contracts.keyHash stores. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key's first 8 characters, shown in lists so staff can tell which key a customer means. */
export function keyPrefix(key: string): string {
  return key.slice(0, 8);
}
