// `npm run staff`: add, list and disable support-console accounts. A generated password is
// printed once and only its scrypt hash is stored. `--help` lists the commands.
import { parseArgs } from 'node:util';
import { createDb, databaseConfig, dbReady, type Db } from '../db/client.ts';
import { deleteSessionsOfStaff } from '../db/queries/sessions.ts';
import { addStaff, disableStaff, listStaff } from '../db/queries/staff.ts';
import { staffRoles, type Staff } from '../db/schema.ts';
import { staffInputSchema, staffEmailSchema, type StaffInput } from '../src/lib/staff.ts';
import { generatePassword, hashPassword } from '../src/server/passwords.ts';

// The server's clock, so CAIRN_NOW pins "now" (for lock states) as it does for the site.
// Imported here rather than at the top so that a bad CAIRN_NOW gets a message, not a stack trace.
let now: () => Date;
try {
  ({ now } = await import('../src/server/clock.ts'));
} catch (e) {
  console.error(`staff: ${(e as Error).message}; unset it to use the real time, or give an instant such as 2026-12-08T02:12:00Z`);
  process.exit(1);
}

const run = 'npm run staff --';

const usage = `Usage: ${run} <command> [options]

Commands:
  add <email> --role ${staffRoles.join('|')} [--password <password>]
                   add a console account; without --password a password is generated and
                   printed once (share it with the person through a secure channel)
  list             every account with its role and state
  disable <email>  stop an account signing in and end its open sessions now

Environment: DATABASE_URL (default file:./data/cairn.db).`;

/** Flags of `add`, by the input field they fill. */
const addFlags = { role: 'role', password: 'password' } as const satisfies Partial<Record<keyof StaffInput, string>>;
const examples: Record<string, string> = { role: 'agent', password: '"a long passphrase"' };

interface Command {
  options: readonly string[];
  /** How many positionals the command takes, and what to say when one is missing. */
  positionals: { count: number; missing?: string };
  /** Adds its own problems to those found in the arguments and fails before writing if any. */
  run: (values: Record<string, string | undefined>, positionals: string[], problems: string[]) => Promise<void>;
}

function fail(command: string, problems: string[], what = `Fix them and run the command again (\`${run} --help\` shows the options)`): never {
  console.error(`staff ${command} found ${problems.length} problem(s); nothing was written:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error(what);
  process.exit(1);
}

const commands: Record<string, Command> = {
  add: {
    options: Object.values(addFlags),
    positionals: { count: 1, missing: `whose account? Give the email address, e.g. ${run} add ana@alpenhost.example --role agent` },
    async run(values, [email], problems) {
      const parsed = staffInputSchema.safeParse({ email, role: values.role, password: values.password });
      for (const issue of parsed.error?.issues ?? []) {
        const field = issue.path[0] as keyof StaffInput | undefined;
        if (field === 'email') {
          if (email !== undefined) problems.push(`the email "${email}" ${issue.message}`);
          continue;
        }
        const flag = field && field in addFlags ? addFlags[field as keyof typeof addFlags] : undefined;
        // A flag given without a value is already reported by the argument check.
        if (flag && problems.some((p) => p.startsWith(`--${flag} needs a value`))) continue;
        if (!flag) problems.push(issue.message);
        else if (values[flag] === undefined) problems.push(`--${flag} is required; give one of ${staffRoles.join(', ')}`);
        else problems.push(`--${flag} ${issue.message}${field === 'role' ? ` (got "${values[flag]}")` : ''}`);
      }
      if (problems.length || !parsed.success) fail('add', problems);
      const input = parsed.data;
      const password = input.password ?? generatePassword();
      const added = await withDb(async (db) => addStaff(db, { email: input.email, role: input.role, passwordHash: await hashPassword(password) }));
      if (!added) fail('add', [`${input.email} already has an account`], `See it with \`${run} list\`; use another address, or disable the old account first.`);
      console.log(`Account added: ${added.email} (${added.role}). They sign in at /console/login/.`);
      if (!input.password) {
        console.log(`
  Password: ${password}

Warning: this password is shown once and is not stored (only its hash is). Give it to
${added.email} now through a secure channel. If it is lost, disable the account and add it again.`);
      }
    },
  },
  list: {
    options: [],
    positionals: { count: 0 },
    async run(_values, _positionals, problems) {
      if (problems.length) fail('list', problems);
      const rows = await withDb(listStaff);
      if (!rows.length) {
        console.log(`No accounts yet. Add one with ${run} add ana@alpenhost.example --role admin`);
        return;
      }
      printTable(
        ['email', 'role', 'state', 'failed sign-ins', 'added'],
        rows.map((s) => [s.email, s.role, stateOf(s, now()), String(s.failedLogins), s.createdAt.toISOString().slice(0, 10)]),
      );
    },
  },
  disable: {
    options: [],
    positionals: { count: 1, missing: `whose account? Give the email address, e.g. ${run} disable ana@alpenhost.example (\`${run} list\` shows them)` },
    async run(_values, [email], problems) {
      const parsed = email === undefined ? undefined : staffEmailSchema.safeParse(email);
      if (parsed && !parsed.success) problems.push(`the email "${email}" ${parsed.error.issues[0].message}`);
      if (problems.length || !parsed?.success) fail('disable', problems);
      const { outcome, ended } = await withDb(async (db) => {
        const outcome = await disableStaff(db, parsed.data);
        const ended = outcome.result === 'not_found' ? 0 : await deleteSessionsOfStaff(db, outcome.staff.id);
        return { outcome, ended };
      });
      if (outcome.result === 'not_found') fail('disable', [`there is no account for ${parsed.data}`], `Check the address with \`${run} list\`.`);
      const sessions = `${ended} open session${ended === 1 ? '' : 's'} ended`;
      console.log(outcome.result === 'disabled'
        ? `${outcome.staff.email} is disabled and can no longer sign in; ${sessions}.`
        : `${outcome.staff.email} was already disabled; ${sessions}.`);
    },
  },
};

function stateOf(account: Staff, at: Date): string {
  if (account.disabled) return 'disabled';
  if (account.lockedUntil && account.lockedUntil > at) return `locked until ${account.lockedUntil.toISOString()}`;
  return 'active';
}

function printTable(headings: string[], rows: string[][]): void {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log([line(headings), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}

/** Opens the database for one command; a database without the staff table gets a hint. */
async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = databaseConfig();
  const db = createDb(config);
  try {
    await dbReady(db);
    return await work(db);
  } catch (e) {
    const message = (e as Error).message + String((e as { cause?: Error }).cause?.message ?? '');
    if (/no such table/i.test(message)) {
      console.error(`staff: the database has no staff table yet; run \`npm run db:migrate\` (DATABASE_URL=${config.url.startsWith('file:') ? config.url : 'remote'}) and try again.`);
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
  (name ? console.log : console.error)(name ? usage : `staff: which command?\n\n${usage}`);
  process.exit(name ? 0 : 1);
}
if (!Object.hasOwn(commands, name)) {
  console.error(`staff: unknown command "${name}"; use one of ${Object.keys(commands).join(', ')}\n\n${usage}`);
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
/** Positionals that are really the value of an unknown option (`--team ops`), not stray words. */
const swallowed = new Set<number>();
for (const [i, token] of tokens.entries()) {
  if (token.kind !== 'option' || token.name === 'help') continue;
  if (!command.options.includes(token.name)) {
    const next = tokens[i + 1];
    if (!token.inlineValue && next?.kind === 'positional' && next.index === token.index + 1) swallowed.add(next.index);
    problems.push(`${token.rawName} is not an option of ${name}${command.options.length ? `; its options are ${command.options.map((o) => `--${o}`).join(', ')}` : ''}`);
  } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
    // Non-strict parsing would take the next flag as the value: `--role --password x`.
    problems.push(`${token.rawName} needs a value, e.g. ${token.rawName} ${examples[token.name] ?? 'VALUE'}`);
  }
}
const words = tokens.flatMap((t) => (t.kind === 'positional' && !swallowed.has(t.index) ? [t.value] : []));
const extra = words.slice(command.positionals.count);
if (extra.length) problems.push(`unexpected "${extra.join(' ')}"; ${name} takes ${command.positionals.count === 1 ? 'one email address' : 'no words'}, see \`${run} --help\``);
if (words.length < command.positionals.count) problems.push(command.positionals.missing ?? 'an argument is missing');
await command.run(values as Record<string, string | undefined>, words, problems);
