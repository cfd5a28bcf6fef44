// Runs scripts/cli/contracts.ts as staff would, against a throwaway database migrated from
// db/migrations, with "today" pinned: keys are shown once and stored only as hash and prefix.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoKeys } from '../../src/lib/contracts';
import { tempDatabase } from '../e2e/server';
import { main } from '../../scripts/cli/contracts';
import { runMain, spawnCli, type Result } from './run-cli';

/** Mid-January 2027 in Zurich: a contract from 1 December 2026 is running. */
const today = '2027-01-15T12:00:00Z';

let database: Awaited<ReturnType<typeof tempDatabase>>;
beforeEach(async () => { database = await tempDatabase(); });
afterEach(() => database.dispose());

async function contracts(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  return runMain(main, args, { ...inherited, DATABASE_URL: database.url, CAIRN_NOW: today, ...env });
}

/** Every stored row, every column, as the database holds it. */
async function rows(): Promise<Record<string, unknown>[]> {
  const result = await database.db.$client.execute('select * from contracts order by id');
  return result.rows.map((r: object) => ({ ...r }) as Record<string, unknown>);
}

/** The row of `list` output for a contract id, split into its columns. */
function listed(stdout: string, id: number): string[] | undefined {
  return stdout.split('\n').map((line) => line.split(/\s{2,}/)).find((cells) => cells[0] === String(id));
}

const addAcme = () => contracts(['add', '--org', 'Acme SA', '--plan', 'pro', '--from', '2026-12-01', '--months', '12']);

describe('contracts add, list and revoke', () => {
  it('prints the key once, stores only its hash and prefix, and lists the contract as active', async () => {
    const added = await addAcme();
    expect(added.status, added.stderr).toBe(0);
    const key = /Key: (cairn_[0-9a-f]{32})\b/.exec(added.stdout)?.[1];
    expect(key).toBeDefined();
    expect(added.stdout).toMatch(/shown once and is not stored/);
    expect(added.stdout).toContain('2026-12-01 to 2027-11-30');

    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      organisation: 'Acme SA', plan: 'pro', starts_on: '2026-12-01', ends_on: '2027-11-30', revoked_at: null, demo: 0,
      key_hash: createHash('sha256').update(key!).digest('hex'), key_prefix: key!.slice(0, 8),
    });
    // Not in clear anywhere, nor its secret part.
    const everything = JSON.stringify(stored);
    expect(everything).not.toContain(key!);
    expect(everything).not.toContain(key!.slice(8));

    const list = await contracts(['list']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^id\s+organisation\s+plan\s+term\s+state\s+key prefix$/m);
    expect(listed(list.stdout, 1)).toEqual(['1', 'Acme SA', 'pro', '2026-12-01 to 2027-11-30', 'active', `${key!.slice(0, 8)}…`]);
    expect(list.stdout).not.toContain(key!);
  });

  it('revoke marks the contract revoked, keeps the first time on a second revoke, and list shows it', async () => {
    await addAcme();
    const revoked = await contracts(['revoke', '1']);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/Contract 1 .* is revoked/);
    expect((await rows())[0].revoked_at).toBe(Date.parse(today));

    const again = await contracts(['revoke', '1'], { CAIRN_NOW: '2027-02-01T00:00:00Z' });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already revoked/);
    expect((await rows())[0].revoked_at).toBe(Date.parse(today));

    const list = await contracts(['list']);
    expect(listed(list.stdout, 1)?.[4]).toBe('revoked');
  });

  it('revoke of an unknown id says so and exits 1', async () => {
    const result = await contracts(['revoke', '7']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/there is no contract 7/);
  });
});

describe('contracts add refuses bad input and writes nothing', () => {
  it.each<[behaviour: string, args: string[], problems: RegExp[]]>([
    ['3 months: under the 6-month minimum', ['--org', 'Acme SA', '--plan', 'pro', '--from', '2026-12-01', '--months', '3'],
      [/--months: premium plans run at least 6 months/]],
    ['standard, which is not sold as a contract', ['--org', 'Acme SA', '--plan', 'standard', '--from', '2026-12-01', '--months', '12'],
      [/--plan: standard is not sold as a contract/]],
    ['every problem at once', ['--org', '', '--plan', 'gold', '--from', '2026-02-30', '--months', '3', '--seats', '5'],
      [/--seats is not an option of add/, /--org: must not be empty/, /--plan: must be one of plus, pro, enterprise/, /--from: must be a date/, /--months: premium plans run at least 6 months/]],
    ['no options at all', [], [/--org: is required/, /--plan: is required/, /--from: is required/, /--months: is required/]],
  ])('%s', async (_behaviour, args, problems) => {
    const result = await contracts(['add', ...args]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`found ${problems.length} problem\\(s\\); nothing was written`));
    for (const problem of problems) expect(result.stderr).toMatch(problem);
    expect(result.stdout).not.toMatch(/cairn_/);
    expect(await rows()).toEqual([]);
  });
});

describe('contracts demo', () => {
  it('seeds one demo contract per premium plan with the published keys, and is idempotent', async () => {
    const first = await contracts(['demo']);
    expect(first.status, first.stderr).toBe(0);
    const second = await contracts(['demo']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/already there/);

    const stored = await rows();
    expect(stored.map((r) => [r.plan, r.demo, r.key_hash, r.starts_on])).toEqual(
      (['plus', 'pro', 'enterprise'] as const).map((plan) => [plan, 1, createHash('sha256').update(demoKeys[plan]).digest('hex'), '2027-01-15']),
    );
    const list = await contracts(['list']);
    expect([1, 2, 3].map((id) => listed(list.stdout, id)?.[4])).toEqual(['active', 'active', 'active']);
  });

  it('refuses to run with NODE_ENV=production and writes nothing', async () => {
    const result = await contracts(['demo'], { NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/NODE_ENV is production/);
    expect(await rows()).toEqual([]);
  });
});

describe('node scripts/cli/contracts.ts', () => {
  it('runs as a program: the shell gets main\'s output and exit code, and the contract is stored', async () => {
    const { NODE_ENV: _ignored, ...inherited } = process.env;
    const result = await spawnCli('contracts', ['add', '--org', 'Acme SA', '--plan', 'pro', '--from', '2026-12-01', '--months', '12'], { ...inherited, DATABASE_URL: database.url, CAIRN_NOW: today });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Contract 1 added: Acme SA, pro');
    expect(await rows()).toHaveLength(1);
  });
});
