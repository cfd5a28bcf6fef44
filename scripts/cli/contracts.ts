// `npm run contracts`: add, list and revoke premium-support contracts, and seed the demo ones.
// A new contract's key is printed once and only its hash is stored. `--help` lists the commands.
import { randomBytes } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../db/client.ts';
import { findByKey, insertContract, insertContractIfAbsent, listContracts, revokeContract } from '../../db/queries/contracts.ts';
import type { Contract } from '../../db/schema.ts';
import {
  contractInputSchema,
  contractPlans,
  contractState,
  contractTerm,
  demoKeys,
  generateKey,
  minimumMonths,
  type ContractInput,
} from '../../src/lib/contracts.ts';
import { contentPaths } from '../../src/config.ts';
import { readSupport } from '../../src/integrations/content-check.ts';
import { cliTools, exitCode, runIfEntry, type Command, type Env, type Io } from './command-line.ts';

export async function main(argv: string[], env: Env, io: Io): Promise<number> {
  const { say, loadNow, failWith, printTable, withDb, runCommand } = cliTools(env, io);
  return exitCode(async () => {
    // The server's clock, so CAIRN_NOW pins "today" here as it does for the site.
    const now = await loadNow('contracts');

    const run = 'npm run contracts --';
    const support = readSupport(contentPaths(env).supportDir);
    if (!support.ok) return failWith('contracts', support.errors, 'Fix the support policy first: contract days are dates in its time zone.', 'done');
    /** Terms are desk days: "today" is the date on the desk's calendar, in sla.yaml's time zone. */
    const today = () => Temporal.Instant.fromEpochMilliseconds(now().getTime()).toZonedDateTimeISO(support.content.policy.timeZone).toPlainDate().toString();

    const usage = `Usage: ${run} <command> [options]

Commands:
  add --org "Acme SA" --plan ${contractPlans.join('|')} --from YYYY-MM-DD --months N
                 add a contract (at least ${minimumMonths} months) and print its key, once
  list           every contract with its term, state and key prefix
  revoke <id>    stop a contract's key working now (the id is in \`${run} list\`)
  demo           seed one demo contract per plan with the published demo keys (not in production)

Environment: DATABASE_URL (default file:./data/cairn.db), CAIRN_NOW (pins "today", ISO 8601).`;

    /** Flags of `add`, by the input field they fill. */
    const addFlags = { organisation: 'org', plan: 'plan', from: 'from', months: 'months' } as const satisfies Record<keyof ContractInput, string>;
    const examples: Record<string, string> = { org: '"Acme SA"', plan: 'pro', from: '2026-12-01', months: '12' };

    function fail(command: string, problems: string[], what = `Fix them and run the command again (\`${run} --help\` shows the options)`): never {
      return failWith(`contracts ${command}`, problems, what);
    }

    const commands: Record<string, Command> = {
      add: {
        options: Object.values(addFlags),
        positionals: { count: 0 },
        async run(values, _positionals, problems) {
          const parsed = contractInputSchema.safeParse({ organisation: values.org, plan: values.plan, from: values.from, months: values.months });
          for (const issue of parsed.error?.issues ?? []) {
            const field = issue.path[0] as keyof ContractInput | undefined;
            const message = field && field in addFlags ? `--${addFlags[field]}: ${issue.message}` : issue.message;
            // A flag given without a value is already reported by the argument check.
            if (!problems.some((p) => p.startsWith(`--${field ? addFlags[field] : ''} needs a value`))) problems.push(message);
          }
          if (problems.length || !parsed.success) fail('add', problems);
          const input = parsed.data;
          const term = contractTerm(input.from, input.months);
          const key = generateKey(randomBytes);
          const contract = await withContractsDb((db) => insertContract(db, { organisation: input.organisation, plan: input.plan, ...term, key }));
          say(`Contract ${contract.id} added: ${contract.organisation}, ${contract.plan}, ${termOf(contract)} (${contractState(contract, today())}).

  Key: ${key}

Warning: this key is shown once and is not stored (only its hash is). Send it to the customer now
through your usual secure channel. If it is lost, revoke contract ${contract.id} and add a new one.`);
        },
      },
      list: {
        options: [],
        positionals: { count: 0 },
        async run(_values, _positionals, problems) {
          if (problems.length) fail('list', problems);
          const rows = await withContractsDb(listContracts);
          if (!rows.length) {
            say(`No contracts yet. Add one with ${run} add --org "Acme SA" --plan pro --from YYYY-MM-DD --months 12`);
            return;
          }
          const day = today();
          printTable(
            ['id', 'organisation', 'plan', 'term', 'state', 'key prefix'],
            rows.map((c) => [String(c.id), c.organisation + (c.demo ? ' (demo)' : ''), c.plan, termOf(c), contractState(c, day), `${c.keyPrefix}…`]),
          );
        },
      },
      revoke: {
        options: [],
        positionals: { count: 1, missing: `which contract? Give its id, e.g. ${run} revoke 3 (\`${run} list\` prints the ids)` },
        async run(_values, [idText], problems) {
          const id = Number(idText);
          if (idText !== undefined && (!/^\d+$/.test(idText) || !Number.isSafeInteger(id) || id < 1)) {
            problems.push(`"${idText}" is not a contract id; ids are whole numbers, see \`${run} list\``);
          }
          if (problems.length) fail('revoke', problems);
          const outcome = await withContractsDb((db) => revokeContract(db, id, now()));
          if (outcome.result === 'not_found') fail('revoke', [`there is no contract ${id}`], `Check the id with \`${run} list\`.`);
          const { contract } = outcome;
          const when = contract.revokedAt!.toISOString();
          say(outcome.result === 'revoked'
            ? `Contract ${id} (${contract.organisation}, ${contract.plan}) is revoked as of ${when}; its key (${contract.keyPrefix}…) no longer works.`
            : `Contract ${id} (${contract.organisation}, ${contract.plan}) was already revoked at ${when}; nothing changed.`);
        },
      },
      demo: {
        options: [],
        positionals: { count: 0 },
        async run(_values, _positionals, problems) {
          // The demo keys are public: seeding them into a production database would hand out
          // premium support to anyone who reads the docs.
          if (env.NODE_ENV === 'production') {
            problems.push('NODE_ENV is production, and the demo keys are published: anyone could use them');
            fail('demo', problems, 'Seed demo contracts only into a development or demo database (unset NODE_ENV or set it to development).');
          }
          if (problems.length) fail('demo', problems);
          const term = contractTerm(today(), 12);
          const lines = await withContractsDb(async (db) => {
            const out: string[] = [];
            for (const plan of contractPlans) {
              const key = demoKeys[plan];
              const inserted = await insertContractIfAbsent(db, { organisation: `Demo ${plan}`, plan, ...term, key, demo: true });
              const contract = inserted ?? (await findByKey(db, key))!;
              out.push(`  ${plan.padEnd(10)} ${key}  ${inserted ? 'added' : 'already there'}, contract ${contract.id}, ${termOf(contract)} (${contractState(contract, today())})`);
            }
            return out;
          });
          say(`Demo contracts (published keys; never use them for customers):\n${lines.join('\n')}`);
        },
      },
    };

    function termOf(contract: Pick<Contract, 'startsOn' | 'endsOn'>): string {
      return `${contract.startsOn} to ${contract.endsOn}`;
    }

    /** Opens the database for one command; a database without the contracts table gets a hint. */
    function withContractsDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
      return withDb('contracts', work, { missingTable: 'the database has no contracts table yet' });
    }

    await runCommand({
      argv,
      tool: 'contracts',
      usage,
      commands,
      examples,
      strayHint: () => 'put values with spaces in quotes, e.g. --org "Acme SA"',
    });
  });
}

await runIfEntry(import.meta, main);
