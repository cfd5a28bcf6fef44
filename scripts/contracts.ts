// `npm run contracts`: add, list and revoke premium-support contracts, and seed the demo ones.
// A new contract's key is printed once and only its hash is stored. `--help` lists the commands.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import { createDb, databaseConfig, dbReady, type Db } from '../db/client.ts';
import { findByKey, insertContract, insertContractIfAbsent, listContracts, revokeContract } from '../db/queries/contracts.ts';
import type { Contract } from '../db/schema.ts';
import {
  contractInputSchema,
  contractPlans,
  contractState,
  contractTerm,
  demoKeys,
  generateKey,
  minimumMonths,
  type ContractInput,
} from '../src/lib/contracts.ts';
import { defaultSlaPolicy } from '../src/lib/sla.ts';

// The server's clock, so CAIRN_NOW pins "today" here as it does for the site. Imported here
// rather than at the top so that a bad CAIRN_NOW gets a message, not a stack trace.
let now: () => Date;
try {
  ({ now } = await import('../src/server/clock.ts'));
} catch (e) {
  console.error(`contracts: ${(e as Error).message}; unset it to use the real time, or give an instant such as 2026-12-08T02:12:00Z`);
  process.exit(1);
}

const run = 'npm run contracts --';
/** Terms are desk days: "today" is the date on the desk's calendar (Europe/Zurich by default). */
const today = () => Temporal.Instant.fromEpochMilliseconds(now().getTime()).toZonedDateTimeISO(defaultSlaPolicy.timeZone).toPlainDate().toString();

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

interface Command {
  options: readonly string[];
  /** How many positionals the command takes, and what to say when one is missing. */
  positionals: { count: number; missing?: string };
  /** Adds its own problems to those found in the arguments and fails before writing if any. */
  run: (values: Record<string, string | undefined>, positionals: string[], problems: string[]) => Promise<void>;
}

function fail(command: string, problems: string[], what = `Fix them and run the command again (\`${run} --help\` shows the options)`): never {
  console.error(`contracts ${command} found ${problems.length} problem(s); nothing was written:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error(what);
  process.exit(1);
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
      const contract = await withDb((db) => insertContract(db, { organisation: input.organisation, plan: input.plan, ...term, key }));
      console.log(`Contract ${contract.id} added: ${contract.organisation}, ${contract.plan}, ${termOf(contract)} (${contractState(contract, today())}).

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
      const rows = await withDb(listContracts);
      if (!rows.length) {
        console.log(`No contracts yet. Add one with ${run} add --org "Acme SA" --plan pro --from YYYY-MM-DD --months 12`);
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
      const outcome = await withDb((db) => revokeContract(db, id, now()));
      if (outcome.result === 'not_found') fail('revoke', [`there is no contract ${id}`], `Check the id with \`${run} list\`.`);
      const { contract } = outcome;
      const when = contract.revokedAt!.toISOString();
      console.log(outcome.result === 'revoked'
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
      if (process.env.NODE_ENV === 'production') {
        problems.push('NODE_ENV is production, and the demo keys are published: anyone could use them');
        fail('demo', problems, 'Seed demo contracts only into a development or demo database (unset NODE_ENV or set it to development).');
      }
      if (problems.length) fail('demo', problems);
      const term = contractTerm(today(), 12);
      const lines = await withDb(async (db) => {
        const out: string[] = [];
        for (const plan of contractPlans) {
          const key = demoKeys[plan];
          const inserted = await insertContractIfAbsent(db, { organisation: `Demo ${plan}`, plan, ...term, key, demo: true });
          const contract = inserted ?? (await findByKey(db, key))!;
          out.push(`  ${plan.padEnd(10)} ${key}  ${inserted ? 'added' : 'already there'}, contract ${contract.id}, ${termOf(contract)} (${contractState(contract, today())})`);
        }
        return out;
      });
      console.log(`Demo contracts (published keys; never use them for customers):\n${lines.join('\n')}`);
    },
  },
};

function termOf(contract: Pick<Contract, 'startsOn' | 'endsOn'>): string {
  return `${contract.startsOn} to ${contract.endsOn}`;
}

function printTable(headings: string[], rows: string[][]): void {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log([line(headings), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}

/** Opens the database for one command; a database without the contracts table gets a hint. */
async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = databaseConfig();
  const db = createDb(config);
  try {
    await dbReady(db);
    return await work(db);
  } catch (e) {
    const message = (e as Error).message + String((e as { cause?: Error }).cause?.message ?? '');
    if (/no such table/i.test(message)) {
      console.error(`contracts: the database has no contracts table yet; run \`npm run db:migrate\` (DATABASE_URL=${config.url.startsWith('file:') ? config.url : 'remote'}) and try again.`);
      process.exit(1);
    }
    throw e;
  } finally {
    db.$client.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Arguments: parsed leniently so that every problem is listed at once, not the first only.

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h' || name === 'help') {
  (name ? console.log : console.error)(name ? usage : `contracts: which command?\n\n${usage}`);
  process.exit(name ? 0 : 1);
}
if (!Object.hasOwn(commands, name)) {
  console.error(`contracts: unknown command "${name}"; use one of ${Object.keys(commands).join(', ')}\n\n${usage}`);
  process.exit(1);
}
const command = commands[name];
const { values, tokens } = parseArgs({
  args: rest,
  options: { ...Object.fromEntries(command.options.map((o) => [o, { type: 'string' as const }])), help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
  strict: false,
  tokens: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const problems: string[] = [];
/** Positionals that are really the value of an unknown option (`--seats 5`), not stray words. */
const swallowed = new Set<number>();
for (const [i, token] of tokens.entries()) {
  if (token.kind !== 'option' || token.name === 'help') continue;
  if (!command.options.includes(token.name)) {
    const next = tokens[i + 1];
    if (!token.inlineValue && next?.kind === 'positional' && next.index === token.index + 1) swallowed.add(next.index);
    problems.push(`${token.rawName} is not an option of ${name}${command.options.length ? `; its options are ${command.options.map((o) => `--${o}`).join(', ')}` : ''}`);
  } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
    // Non-strict parsing would take the next flag as the value: `--org --plan pro`.
    problems.push(`${token.rawName} needs a value, e.g. ${token.rawName} ${examples[token.name] ?? 'VALUE'}`);
  }
}
const words = tokens.flatMap((t) => (t.kind === 'positional' && !swallowed.has(t.index) ? [t.value] : []));
const extra = words.slice(command.positionals.count);
if (extra.length) problems.push(`unexpected "${extra.join(' ')}"; put values with spaces in quotes, e.g. --org "Acme SA"`);
if (words.length < command.positionals.count) problems.push(command.positionals.missing ?? 'an argument is missing');
await command.run(values as Record<string, string | undefined>, words, problems);
