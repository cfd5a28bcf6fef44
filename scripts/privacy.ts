// `npm run privacy`: the GDPR duties in two commands. `erase` deletes what is stored about one
// email address on request; `purge` deletes what is older than the retention period (run it
// daily, e.g. from cron). `--dry-run` reports without deleting. `--help` lists the options.
import { parseArgs } from 'node:util';
import { createDb, databaseConfig, dbReady, type Db } from '../db/client.ts';
import { eraseEmail, purgeExpired, type Erasure, type Purge } from '../db/queries/privacy.ts';
import { defaultRetentionDays, parseRetentionDays, retentionAt, type Retention } from '../src/lib/retention.ts';
import { ticketInputSchema } from '../src/lib/tickets.ts';

// The server's clock, so CAIRN_NOW pins "now" here as it does for the site. Imported here
// rather than at the top so that a bad CAIRN_NOW gets a message, not a stack trace.
let now: () => Date;
try {
  ({ now } = await import('../src/server/clock.ts'));
} catch (e) {
  console.error(`privacy: ${(e as Error).message}; unset it to use the real time, or give an instant such as 2026-12-08T02:12:00Z`);
  process.exit(1);
}

const run = 'npm run privacy --';
const usage = `Usage: ${run} <command> [options]

Commands:
  erase --email ana@example.com [--dry-run]
        delete everything stored about an address (any letter case): its tickets and the mail
        about them, mail sent to it, and the address where it was typed into a feedback comment
        or a search
  purge [--days N] [--dry-run]
        delete what is older than N days (default RETENTION_DAYS, else ${defaultRetentionDays}): feedback
        comments (votes stay), closed tickets and their mail, sent mail, daily search and
        deflection statistics; also voter-key secrets older than yesterday and expired sessions

--dry-run reports what would be deleted and changes nothing.
Environment: DATABASE_URL (default file:./data/cairn.db), RETENTION_DAYS, CAIRN_NOW (pins "now", ISO 8601).`;

interface Command {
  /** Options taking a value, with an example for "needs a value" messages. */
  values: Record<string, string>;
  /** Adds its own problems to those found in the arguments and fails before writing if any. */
  run: (values: Record<string, string | undefined>, dryRun: boolean, problems: string[]) => Promise<void>;
}

function fail(command: string, problems: string[], what = `Fix them and run the command again (\`${run} --help\` shows the options).`): never {
  console.error(`privacy ${command} found ${problems.length} problem(s); nothing was deleted:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error(what);
  process.exit(1);
}

const day = (at: Date) => at.toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function printRows(rows: Array<[label: string, count: number, detail: string]>): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  const countWidth = Math.max(...rows.map(([, count]) => String(count).length));
  for (const [label, count, detail] of rows) console.log(`  ${label.padEnd(width)}  ${String(count).padStart(countWidth)}${detail ? `  ${detail}` : ''}`.trimEnd());
}

function reportErasure(address: string, erased: Erasure, dryRun: boolean): void {
  const mail = erased.ticketMail + erased.otherMail;
  const total = erased.tickets.length + mail + erased.comments + erased.searches;
  console.log(`${dryRun ? 'Dry run: would erase' : 'Erased'} what is stored about ${address}:`);
  printRows([
    ['tickets', erased.tickets.length, erased.tickets.join(', ')],
    ['outbox', mail, mail ? `${erased.ticketMail} about those tickets, ${plural(erased.otherMail, 'other message')} sent to the address` : ''],
    ['feedback_votes', erased.comments, erased.comments ? `${plural(erased.comments, 'comment')} that quoted the address cleared (the votes stay)` : ''],
    ['search_daily', erased.searches, erased.searches ? `${plural(erased.searches, 'row')} counting searches for the address` : ''],
  ]);
  console.log(`Feedback votes hold no email address (only a hash keyed by a daily secret deleted after two days), so none can be linked to ${address}; only comments quoting the address are cleared.`);
  if (erased.staffAccount) {
    console.log(`\nNote: ${address} is also a console staff account. Staff accounts are not customer data and are not removed here; disable or delete it separately if the person has left the team.`);
  }
  if (total === 0) console.log(`\nNothing is stored about ${address}; there is nothing ${dryRun ? 'to erase' : 'more to do'}.`);
  else if (dryRun) console.log(`\nNothing was changed. Run \`${run} erase --email ${address}\` to erase ${plural(total, 'record')}.`);
  else console.log(`\nDone. Reply to the request with the ticket references above. Copies in database backups and mail already delivered are not affected; they go with their own retention.`);
}

function reportPurge(days: number, retention: Retention, purged: Purge, dryRun: boolean): void {
  console.log(`${dryRun ? 'Dry run: would purge' : 'Purged'} data older than ${plural(days, 'day')} (before ${retention.before.toISOString()}):`);
  printRows([
    ['feedback comments cleared', purged.comments, `on votes cast before ${day(retention.before)} (the votes stay)`],
    ['closed tickets deleted', purged.tickets, purged.ticketMail ? `with ${plural(purged.ticketMail, 'outbox message')} about them` : ''],
    ['sent outbox messages deleted', purged.sentMail, `sent before ${day(retention.before)}`],
    ['search_daily rows deleted', purged.searchDays, `days before ${retention.statsBefore}`],
    ['deflection_daily rows deleted', purged.deflectionDays, `days before ${retention.statsBefore}`],
    ['daily_secrets deleted', purged.secrets, `days before ${retention.secretsBefore} (yesterday)`],
    ['sessions deleted', purged.sessions, `ended before ${retention.now.toISOString()}`],
  ]);
  console.log(dryRun ? `\nNothing was changed. Run \`${run} purge${days === defaultRetentionDays ? '' : ` --days ${days}`}\` to delete these.` : '\nDone. Schedule this command daily so nothing outlives the retention period.');
}

const commands: Record<string, Command> = {
  erase: {
    values: { email: 'ana@example.com' },
    async run(values, dryRun, problems) {
      let address = '';
      if (values.email === undefined) {
        if (!problems.some((p) => p.startsWith('--email'))) problems.push('--email is required: whose data should be erased? e.g. --email ana@example.com');
      } else {
        const parsed = ticketInputSchema.shape.email.safeParse(values.email);
        if (parsed.success) address = parsed.data.toLowerCase();
        else if (!problems.some((p) => p.startsWith('--email'))) problems.push(`--email "${values.email}" ${parsed.error.issues[0].message}`);
      }
      if (problems.length) fail('erase', problems);
      const erased = await withDb((db) => eraseEmail(db, address, { dryRun }));
      reportErasure(address, erased, dryRun);
    },
  },
  purge: {
    values: { days: String(defaultRetentionDays) },
    async run(values, dryRun, problems) {
      const [raw, source] = values.days !== undefined ? [values.days, '--days'] : [process.env.RETENTION_DAYS || String(defaultRetentionDays), 'RETENTION_DAYS'];
      const parsed = parseRetentionDays(raw);
      if (!parsed.ok && !problems.some((p) => p.startsWith('--days'))) problems.push(`${source} ${parsed.error}`);
      if (problems.length || !parsed.ok) fail('purge', problems);
      const retention = retentionAt(now(), parsed.days);
      const purged = await withDb((db) => purgeExpired(db, retention, { dryRun }));
      reportPurge(parsed.days, retention, purged, dryRun);
    },
  },
};

/** Opens the database for one command; a database without the tables gets a hint. */
async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = databaseConfig();
  const db = createDb(config);
  try {
    await dbReady(db);
    return await work(db);
  } catch (e) {
    const message = (e as Error).message + String((e as { cause?: Error }).cause?.message ?? '');
    if (/no such table/i.test(message)) {
      console.error(`privacy: the database is missing tables (${message.match(/no such table: \w+/i)?.[0] ?? 'not migrated'}); run \`npm run db:migrate\` (DATABASE_URL=${config.url.startsWith('file:') ? config.url : 'remote'}) and try again. Nothing was deleted.`);
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
  (name ? console.log : console.error)(name ? usage : `privacy: which command?\n\n${usage}`);
  process.exit(name ? 0 : 1);
}
if (!Object.hasOwn(commands, name)) {
  console.error(`privacy: unknown command "${name}"; use one of ${Object.keys(commands).join(', ')}\n\n${usage}`);
  process.exit(1);
}
const command = commands[name];
const valueOptions = Object.keys(command.values);
const { values, tokens } = parseArgs({
  args: rest,
  options: {
    ...Object.fromEntries(valueOptions.map((o) => [o, { type: 'string' as const }])),
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
  strict: false,
  tokens: true,
});
if (values.help === true) {
  console.log(usage);
  process.exit(0);
}
const problems: string[] = [];
const known = [...valueOptions.map((o) => `--${o}`), '--dry-run'];
/** Positionals that are really the value of an unknown option (`--before 30`), not stray words. */
const swallowed = new Set<number>();
for (const [i, token] of tokens.entries()) {
  if (token.kind !== 'option' || token.name === 'help') continue;
  if (token.name === 'dry-run') {
    if (token.inlineValue) problems.push(`--dry-run takes no value; write --dry-run alone`);
  } else if (!valueOptions.includes(token.name)) {
    const next = tokens[i + 1];
    if (!token.inlineValue && next?.kind === 'positional' && next.index === token.index + 1) swallowed.add(next.index);
    problems.push(`${token.rawName} is not an option of ${name}; its options are ${known.join(', ')}`);
  } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
    // Non-strict parsing would take the next flag as the value: `--email --dry-run`.
    problems.push(`${token.rawName} needs a value, e.g. ${token.rawName} ${command.values[token.name]}`);
  }
}
const words = tokens.flatMap((t) => (t.kind === 'positional' && !swallowed.has(t.index) ? [t.value] : []));
if (words.length) problems.push(`unexpected "${words.join(' ')}"; give values with their option, e.g. ${name === 'erase' ? '--email ana@example.com' : '--days 365'}`);
// A value option given twice: parseArgs keeps the last, which may not be the one meant.
for (const option of valueOptions) {
  if (tokens.filter((t) => t.kind === 'option' && t.name === option).length > 1) problems.push(`--${option} is given more than once; give it once`);
}
await command.run(values as Record<string, string | undefined>, values['dry-run'] === true, problems);
