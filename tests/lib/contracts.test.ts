import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  contractInputSchema,
  contractState,
  contractTerm,
  demoKeyPattern,
  demoKeys,
  generateKey,
  hashKey,
  isContractKey,
  keyPattern,
  keyPrefix,
  type ContractState,
} from '../../src/lib/contracts';

describe('contractTerm', () => {
  it.each<[behaviour: string, from: string, months: number, endsOn: string]>([
    ['a year from 1 December ends on 30 November', '2026-12-01', 12, '2027-11-30'],
    ['six months from 15 March end on 14 September', '2027-03-15', 6, '2027-09-14'],
    ['a term crossing New Year ends the day before the same date', '2026-10-20', 6, '2027-04-19'],
    ['31 January + 1 month ends on 28 February (no 31 February; the month end, not the 27th)', '2027-01-31', 1, '2027-02-28'],
    ['31 January + 1 month in a leap year ends on 29 February', '2028-01-31', 1, '2028-02-29'],
    ['30 January + 1 month also ends on the last day of February', '2027-01-30', 1, '2027-02-28'],
    ['28 January + 1 month ends on 27 February (28 February exists)', '2027-01-28', 1, '2027-02-27'],
    ['29 February + 12 months ends on 28 February (no 29 February next year)', '2028-02-29', 12, '2029-02-28'],
    ['29 February + 48 months ends on 28 February four years later', '2028-02-29', 48, '2032-02-28'],
    ['28 February + 12 months into a leap year ends on 27 February', '2027-02-28', 12, '2028-02-27'],
    ['31 August + 6 months ends on the last day of a leap February', '2027-08-31', 6, '2028-02-29'],
    ['31 May + 6 months ends on 30 November (no 30 November is lost)', '2027-05-31', 6, '2027-11-30'],
  ])('%s', (_behaviour, from, months, endsOn) => {
    expect(contractTerm(from, months)).toEqual({ startsOn: from, endsOn });
  });

  it('chains renewals without gap or overlap: the next term starts the day after endsOn', () => {
    const first = contractTerm('2027-01-31', 1);
    const second = contractTerm('2027-03-01', 1);
    expect([first.endsOn, second.startsOn]).toEqual(['2027-02-28', '2027-03-01']);
  });

  it.each([['2027-02-29'], ['2027-1-31'], ['20270131'], ['tomorrow']])('refuses the start date %s', (from) => {
    expect(() => contractTerm(from, 12)).toThrow(/YYYY-MM-DD/);
  });
});

describe('contractInputSchema', () => {
  const valid = { organisation: 'Acme SA', plan: 'pro', from: '2026-12-01', months: '12' };
  const errors = (input: Record<string, unknown>) => {
    const result = contractInputSchema.safeParse(input);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('accepts the CLI strings and converts months', () => {
    expect(contractInputSchema.parse(valid)).toEqual({ organisation: 'Acme SA', plan: 'pro', from: '2026-12-01', months: 12 });
  });

  it.each<[behaviour: string, change: Record<string, unknown>, field: string, message: string]>([
    ['refuses 5 months: the 6-month minimum', { months: '5' }, 'months', 'premium plans run at least 6 months'],
    ['refuses 3 months', { months: 3 }, 'months', 'premium plans run at least 6 months'],
    ['refuses a fraction of a month', { months: '6.5' }, 'months', 'must be a whole number of months, at least 6, e.g. 12'],
    ['refuses months that are not a number', { months: 'twelve' }, 'months', 'must be a whole number of months, at least 6, e.g. 12'],
    ['refuses standard, which is not sold as a contract', { plan: 'standard' }, 'plan', 'standard is not sold as a contract (every customer has it); use one of plus, pro, enterprise'],
    ['refuses an unknown plan', { plan: 'gold' }, 'plan', 'must be one of plus, pro, enterprise (got "gold")'],
    ['refuses a day that does not exist', { from: '2027-02-29' }, 'from', 'must be a date as YYYY-MM-DD, e.g. 2026-12-01, and a day that exists (got "2027-02-29")'],
    ['refuses a blank organisation', { organisation: '   ' }, 'organisation', 'must not be empty, e.g. "Acme SA"'],
    ['refuses a line break in the organisation', { organisation: 'Acme\nSA' }, 'organisation', 'must not contain control characters or line breaks'],
    ['requires the plan', { plan: undefined }, 'plan', 'is required: one of plus, pro, enterprise'],
  ])('%s', (_behaviour, change, field, message) => {
    expect(errors({ ...valid, ...change })).toEqual({ [field]: message });
  });

  it('accepts exactly 6 months', () => {
    expect(contractInputSchema.parse({ ...valid, months: '6' }).months).toBe(6);
  });
});

describe('contractState', () => {
  const term = { startsOn: '2026-12-01', endsOn: '2027-11-30', revokedAt: null };
  it.each<[behaviour: string, contract: typeof term | { startsOn: string; endsOn: string; revokedAt: Date }, today: string, state: ContractState]>([
    ['is not started the day before it starts', term, '2026-11-30', 'not_started'],
    ['is active on its first day', term, '2026-12-01', 'active'],
    ['is active on its last day', term, '2027-11-30', 'active'],
    ['is expired the day after its last day', term, '2027-12-01', 'expired'],
    ['is revoked mid-term', { ...term, revokedAt: new Date('2027-03-01T10:00:00Z') }, '2027-03-02', 'revoked'],
    ['is revoked even before it starts', { ...term, revokedAt: new Date('2026-11-01T10:00:00Z') }, '2026-11-15', 'revoked'],
    ['stays revoked after it would have expired', { ...term, revokedAt: new Date('2027-03-01T10:00:00Z') }, '2028-01-01', 'revoked'],
  ])('%s', (_behaviour, contract, today, state) => {
    expect(contractState(contract, today)).toBe(state);
  });
});

describe('keys', () => {
  const fixed = (size: number) => Uint8Array.from({ length: size }, (_, i) => i * 17);

  it('are cairn_ and 32 hex digits of the 16 random bytes', () => {
    expect(generateKey(fixed)).toBe('cairn_00112233445566778899aabbccddeeff');
    expect(generateKey(fixed)).toMatch(keyPattern);
  });

  it('asks the random source for 16 bytes (128 bits)', () => {
    const sizes: number[] = [];
    generateKey((size) => { sizes.push(size); return fixed(size); });
    expect(sizes).toEqual([16]);
  });

  it('refuses a random source that returns the wrong number of bytes', () => {
    expect(() => generateKey(() => new Uint8Array(8))).toThrow(/16 bytes/);
  });

  it('hash to SHA-256 lowercase hex', () => {
    const key = 'cairn_00112233445566778899aabbccddeeff';
    expect(hashKey(key)).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('are recognised by their first 8 characters', () => {
    expect(keyPrefix('cairn_00112233445566778899aabbccddeeff')).toBe('cairn_00');
  });

  it.each([
    ['a generated key', 'cairn_00112233445566778899aabbccddeeff', true],
    ['each published demo key', demoKeys.plus, true],
    ['the pro demo key', demoKeys.pro, true],
    ['the enterprise demo key', demoKeys.enterprise, true],
    ['a key with upper-case hex', 'cairn_00112233445566778899AABBCCDDEEFF', false],
    ['a key one digit short', 'cairn_00112233445566778899aabbccddeef', false],
    ['a key with another prefix', 'sk_00112233445566778899aabbccddeeff', false],
    ['a demo key for standard', 'cairn_demo_standard_000000000000000', false],
  ])('isContractKey: %s → %s', (_name, key, ok) => {
    expect(isContractKey(key as string)).toBe(ok);
  });

  it('demo keys follow the demo rule only and never look like generated keys', () => {
    for (const key of Object.values(demoKeys)) {
      expect(key).toMatch(demoKeyPattern);
      expect(key).not.toMatch(keyPattern);
    }
  });
});
