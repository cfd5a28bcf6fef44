// `npm run staff`: add, list and disable support-console accounts, give one a new password or
// another role; create, list and revoke the status API's bearer tokens.
// A generated password or token is printed once and only its hash is stored. `--help` lists the
// commands.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Db } from '../../db/client.ts';
import { findApiTokens, insertApiToken, listApiTokens, revokeApiToken } from '../../db/queries/api-tokens.ts';
import { apiTokenNameSchema, generateApiToken } from '../../src/lib/api-tokens.ts';
import { deleteSessionsOfStaff } from '../../db/queries/sessions.ts';
import { addStaff, disableStaff, findStaffByEmail, listStaff, setStaffPassword, setStaffRole } from '../../db/queries/staff.ts';
import type { Staff } from '../../db/schema.ts';
import { staffRoles } from '../../src/lib/staff.ts';
import { passwordSchema, staffInputSchema, staffEmailSchema, type StaffInput } from '../../src/lib/staff.ts';
import { generatePassword, hashPassword } from '../../src/server/passwords.ts';
import { cliTools, exitCode, runIfEntry, type Command, type Values, type Env, type Io } from './command-line.ts';

export async function main(argv: string[], env: Env, io: Io): Promise<number> {
  const { say, loadNow, failWith, printTable, withDb, runCommand } = cliTools(env, io);
  return exitCode(async () => {
    // The server's clock, so CAIRN_NOW pins "now" (for lock states) as it does for the site.
    const now = await loadNow('staff');

    const run = 'npm run staff --';

    const usage = `Usage: ${run} <command> [options]

Commands:
  add <email> --role ${staffRoles.join('|')} [--password <password>]
                   add a console account; without --password a one-time password is
                   generated and printed once (share it with the person through a secure
                   channel): they must choose their own at first sign-in
  list             every account with its role and state
  disable <email>  stop an account signing in and end its open sessions now
  set-password <email> [--password <password>]
                   a forgotten or exposed password: give the account a new one (without
                   --password a one-time one, printed once and replaced at first sign-in),
                   lift a lock and end its open sessions
  set-role <email> --role ${staffRoles.join('|')}
                   change what an account may open in the console (from its next request)
  token add --name <name> [--by <who>]
                   a bearer token for the status API (monitoring tools), printed once; its
                   name is the author of what it posts in the audit trail
  token list       every token with its state and when it was last used
  token revoke <id|name>
                   stop a token (every token of that name) at once, on every server

Environment: DATABASE_URL (default file:./data/cairn.db).`;

    /** Flags of `add`, by the input field they fill. */
    const addFlags = { role: 'role', password: 'password' } as const satisfies Partial<Record<keyof StaffInput, string>>;
    const examples: Record<string, string> = { role: 'agent', password: '"a long passphrase"', name: '"Monitoring"', by: 'ana@alpenhost.example' };

    function fail(command: string, problems: string[], what = `Fix them and run the command again (\`${run} --help\` shows the options)`): never {
      return failWith(`staff ${command}`, problems, what);
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
          // A generated password is known to whoever ran this: the person must replace it at first sign-in.
          const added = await withStaffDb(async (db) => addStaff(db, { email: input.email, role: input.role, passwordHash: await hashPassword(password), mustChangePassword: !input.password }));
          if (!added) fail('add', [`${input.email} already has an account`], `See it with \`${run} list\`; use another address, or disable the old account first.`);
          say(`Account added: ${added.email} (${added.role}). They sign in at /console/login/.`);
          if (!input.password) printGeneratedPassword(added.email, password, ` If it is lost, \`${run} set-password\` makes a new one.`);
        },
      },
      list: {
        options: [],
        positionals: { count: 0 },
        async run(_values, _positionals, problems) {
          if (problems.length) fail('list', problems);
          const rows = await withStaffDb(listStaff);
          if (!rows.length) {
            say(`No accounts yet. Add one with ${run} add ana@alpenhost.example --role admin`);
            return;
          }
          printTable(
            ['email', 'role', 'state', 'failing addresses', 'added'],
            rows.map((s) => [s.email, s.role, stateOf(s, now()), String(s.failedLogins), s.createdAt.toISOString().slice(0, 10)]),
          );
        },
      },
      disable: {
        options: [],
        positionals: { count: 1, missing: `whose account? Give the email address, e.g. ${run} disable ana@alpenhost.example (\`${run} list\` shows them)` },
        async run(_values, [email], problems) {
          const parsed = parseEmail(email, problems);
          if (problems.length || !parsed?.success) fail('disable', problems);
          const { outcome, ended } = await withStaffDb(async (db) => {
            const outcome = await disableStaff(db, parsed.data);
            const ended = outcome.result === 'not_found' ? 0 : await deleteSessionsOfStaff(db, outcome.staff.id);
            return { outcome, ended };
          });
          if (outcome.result === 'not_found') fail('disable', [`there is no account for ${parsed.data}`], `Check the address with \`${run} list\`.`);
          const sessions = `${ended} open session${ended === 1 ? '' : 's'} ended`;
          say(outcome.result === 'disabled'
            ? `${outcome.staff.email} is disabled and can no longer sign in; ${sessions}.`
            : `${outcome.staff.email} was already disabled; ${sessions}.`);
        },
      },
      'set-password': {
        options: ['password'],
        positionals: { count: 1, missing: `whose password? Give the email address, e.g. ${run} set-password ana@alpenhost.example (\`${run} list\` shows them)` },
        async run(values, [email], problems) {
          const parsed = parseEmail(email, problems);
          const chosen = values.password === undefined ? undefined : passwordSchema.safeParse(values.password);
          if (chosen && !chosen.success) problems.push(`--password ${chosen.error.issues[0].message}`);
          if (problems.length || !parsed?.success || (chosen && !chosen.success)) fail('set-password', problems);
          const password = chosen?.data ?? generatePassword();
          const passwordHash = await hashPassword(password);
          const { updated, ended } = await withStaffDb(async (db) => {
            const updated = await setStaffPassword(db, parsed.data, passwordHash, { mustChangePassword: !chosen });
            return { updated, ended: updated ? await deleteSessionsOfStaff(db, updated.id) : 0 };
          });
          if (!updated) fail('set-password', [`there is no account for ${parsed.data}`], `Check the address with \`${run} list\`, or add it with \`${run} add\`.`);
          say(`${updated.email} has a new password; the old one no longer works, ${ended} open session${ended === 1 ? '' : 's'} ended${updated.disabled ? '. The account is still disabled' : ''}.`);
          if (!chosen) printGeneratedPassword(updated.email, password);
        },
      },
      'set-role': {
        options: ['role'],
        positionals: { count: 1, missing: `whose role? Give the email address, e.g. ${run} set-role ana@alpenhost.example --role editor` },
        async run(values, [email], problems) {
          const parsed = parseEmail(email, problems);
          const role = staffInputSchema.shape.role.safeParse(values.role);
          if (values.role === undefined) problems.push(`--role is required; give one of ${staffRoles.join(', ')}`);
          else if (!role.success) problems.push(`--role must be one of ${staffRoles.join(', ')} (got "${values.role}")`);
          if (problems.length || !parsed?.success || !role.success) fail('set-role', problems);
          const { before, updated } = await withStaffDb(async (db) => {
            const before = await findStaffByEmail(db, parsed.data);
            return { before, updated: before ? await setStaffRole(db, parsed.data, role.data) : undefined };
          });
          if (!before || !updated) fail('set-role', [`there is no account for ${parsed.data}`], `Check the address with \`${run} list\`.`);
          say(before.role === updated.role
            ? `${updated.email} already has the role ${updated.role}.`
            : `${updated.email} is now ${updated.role} (was ${before.role}); it applies from their next request.`);
        },
      },
      token: {
        options: ['name', 'by'],
        positionals: { count: 2, min: 1, missing: `which token command? Give add, list or revoke, e.g. ${run} token add --name "Monitoring"` },
        async run(values, [action, target], problems) {
          if (action === 'add') return addToken(values, target, problems);
          if (action === 'list') return listTokens(values, target, problems);
          if (action === 'revoke') return revokeToken(values, target, problems);
          if (action !== undefined) problems.push(`"token ${action}" is not a command; use token add, token list or token revoke`);
          fail('token', problems);
        },
      },
    };

    async function addToken(values: Values, stray: string | undefined, problems: string[]): Promise<void> {
      if (stray !== undefined) problems.push(`unexpected "${stray}"; token add takes its name as --name "Monitoring"`);
      const name = apiTokenNameSchema.safeParse(values.name);
      if (values.name === undefined) problems.push('--name is required: say what will use the token, e.g. --name "Monitoring"');
      else if (!name.success) problems.push(`--name ${name.error.issues[0].message}`);
      if (problems.length || !name.success) fail('token add', problems);
      const token = generateApiToken(randomBytes);
      const createdBy = values.by || os.userInfo().username;
      const added = await withTokenDb((db) => insertApiToken(db, { token, name: name.data, createdBy, createdAt: now() }));
      say(`Token ${added.id} added: "${added.name}". It posts to /api/status/… as "${added.name}" (via api).

  Token: ${token}

Warning: this token is shown once and is not stored (only its hash is). Put it in the monitoring
tool's configuration now, sent as "Authorization: Bearer <token>". If it leaks, run
\`${run} token revoke ${added.id}\`: it stops working at once.`);
    }

    async function listTokens(values: Values, stray: string | undefined, problems: string[]): Promise<void> {
      if (stray !== undefined) problems.push(`unexpected "${stray}"; token list takes no words`);
      if (values.name !== undefined || values.by !== undefined) problems.push('token list takes no options');
      if (problems.length) fail('token list', problems);
      const rows = await withTokenDb(listApiTokens);
      if (!rows.length) {
        say(`No tokens yet. Add one with ${run} token add --name "Monitoring"`);
        return;
      }
      const day = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : 'never');
      printTable(
        ['id', 'name', 'state', 'created', 'by', 'last used'],
        rows.map((t) => [String(t.id), t.name, t.revokedAt ? `revoked ${day(t.revokedAt)}` : 'active', day(t.createdAt), t.createdBy, day(t.lastUsedAt)]),
      );
    }

    async function revokeToken(values: Values, target: string | undefined, problems: string[]): Promise<void> {
      if (target === undefined) problems.push(`which token? Give its id or name, e.g. ${run} token revoke 3 (\`${run} token list\` shows them)`);
      if (values.name !== undefined || values.by !== undefined) problems.push('token revoke takes the id or name as a word, e.g. token revoke 3');
      if (problems.length || target === undefined) fail('token revoke', problems);
      const at = now();
      const { found, revoked } = await withTokenDb(async (db) => {
        const found = await findApiTokens(db, target);
        const revoked: number[] = [];
        for (const token of found) if (await revokeApiToken(db, token.id, at)) revoked.push(token.id);
        return { found, revoked };
      });
      if (!found.length) fail('token revoke', [`there is no token with the id or name "${target}"`], `See them with \`${run} token list\`.`);
      if (!revoked.length) {
        say(`"${target}" was already revoked; nothing changed.`);
        return;
      }
      say(`Revoked ${revoked.map((id) => `token ${id}`).join(', ')} ("${found[0].name}"): refused from now on, on every server.`);
    }

    /** The address a command names, checked; a problem is listed when it is malformed. */
    /** A generated password, printed the only time it exists in clear. */
    function printGeneratedPassword(email: string, password: string, afterwards = ''): void {
      say(`
  Password: ${password}

Warning: this password is shown once and is not stored (only its hash is). Give it to
${email} now through a secure channel. It is one-time: at first sign-in the console asks
them to choose their own.${afterwards}`);
    }

    function parseEmail(email: string | undefined, problems: string[]) {
      const parsed = email === undefined ? undefined : staffEmailSchema.safeParse(email);
      if (parsed && !parsed.success) problems.push(`the email "${email}" ${parsed.error.issues[0].message}`);
      return parsed;
    }

    function stateOf(account: Staff, at: Date): string {
      if (account.disabled) return 'disabled';
      if (account.lockedUntil && account.lockedUntil > at) return `locked until ${account.lockedUntil.toISOString()}`;
      return account.mustChangePassword ? 'active, one-time password' : 'active';
    }

    /** Opens the database for one command; a database without the staff table gets a hint. */
    function withStaffDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
      return withDb('staff', work, { missingTable: 'the database has no staff table yet' });
    }

    /** Opens the database for one token command; a database from before the status API gets a hint. */
    function withTokenDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
      return withDb('staff token', work, { missingTable: 'the database has no api_tokens table yet' });
    }

    await runCommand({
      argv,
      tool: 'staff',
      usage,
      commands,
      examples,
      strayHint: (name, command) => `${name} takes ${name === 'token' ? 'add, list or revoke <id|name>' : command.positionals?.count === 1 ? 'one email address' : 'no words'}, see \`${run} --help\``,
    });
  });
}

await runIfEntry(import.meta, main);
