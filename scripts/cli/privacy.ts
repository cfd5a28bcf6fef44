// `npm run privacy`: the GDPR duties in two commands. `erase` deletes what is stored about one
// email address on request; `purge` deletes what is older than the retention period (run it
// daily, e.g. from cron). `--dry-run` reports without deleting. `--help` lists the options.
import { eraseEmail, purgeExpired, type Erasure, type Purge } from '../../db/queries/privacy.ts';
import { defaultRetentionDays, parseRetentionDays, retentionAt, type Retention } from '../../src/lib/retention.ts';
import { ticketInputSchema } from '../../src/lib/tickets.ts';
import { cliTools, exitCode, runIfEntry, type Command, type Values, type Env, type Io } from './command-line.ts';

export async function main(argv: string[], env: Env, io: Io): Promise<number> {
  const { say, loadNow, failWith, withDb, runCommand } = cliTools(env, io);
  return exitCode(async () => {
    // The server's clock, so CAIRN_NOW pins "now" here as it does for the site.
    const now = await loadNow('privacy');

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

    /** Examples of the options taking a value, for "needs a value" messages. */
    const examples: Record<string, string> = { email: 'ana@example.com', days: String(defaultRetentionDays) };
    const isDryRun = (values: Values) => (values['dry-run'] as unknown) === true;
    /** For a database without the tables. */
    const dbHint = { afterHint: 'Nothing was deleted.' };

    function fail(command: string, problems: string[], what = `Fix them and run the command again (\`${run} --help\` shows the options).`): never {
      return failWith(`privacy ${command}`, problems, what, 'deleted');
    }

    const day = (at: Date) => at.toISOString().slice(0, 10);
    const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

    function printRows(rows: Array<[label: string, count: number, detail: string]>): void {
      const width = Math.max(...rows.map(([label]) => label.length));
      const countWidth = Math.max(...rows.map(([, count]) => String(count).length));
      for (const [label, count, detail] of rows) say(`  ${label.padEnd(width)}  ${String(count).padStart(countWidth)}${detail ? `  ${detail}` : ''}`.trimEnd());
    }

    function reportErasure(address: string, erased: Erasure, dryRun: boolean): void {
      const mail = erased.ticketMail + erased.otherMail;
      const total = erased.tickets.length + mail + erased.comments + erased.searches + erased.subscriptions;
      say(`${dryRun ? 'Dry run: would erase' : 'Erased'} what is stored about ${address}:`);
      printRows([
        ['tickets', erased.tickets.length, erased.tickets.join(', ')],
        ['outbox', mail, mail ? `${erased.ticketMail} about those tickets, ${plural(erased.otherMail, 'other message')} sent to the address` : ''],
        ['feedback_votes', erased.comments, erased.comments ? `${plural(erased.comments, 'comment')} that quoted the address cleared (the votes stay)` : ''],
        ['search_daily', erased.searches, erased.searches ? `${plural(erased.searches, 'row')} counting searches for the address` : ''],
        ['status_subscribers', erased.subscriptions, erased.subscriptions ? 'the status subscription (and its queued notices)' : ''],
      ]);
      say(`Feedback votes hold no email address (only a hash keyed by a daily secret deleted after two days), so none can be linked to ${address}; only comments quoting the address are cleared.`);
      if (erased.staffAccount) {
        say(`\nNote: ${address} is also a console staff account. Staff accounts are not customer data and are not removed here; disable or delete it separately if the person has left the team.`);
      }
      if (total === 0) say(`\nNothing is stored about ${address}; there is nothing ${dryRun ? 'to erase' : 'more to do'}.`);
      else if (dryRun) say(`\nNothing was changed. Run \`${run} erase --email ${address}\` to erase ${plural(total, 'record')}.`);
      else say(`\nDone. Reply to the request with the ticket references above. Copies in database backups and mail already delivered are not affected; they go with their own retention.`);
    }

    function reportPurge(days: number, retention: Retention, purged: Purge, dryRun: boolean): void {
      say(`${dryRun ? 'Dry run: would purge' : 'Purged'} data older than ${plural(days, 'day')} (before ${retention.before.toISOString()}):`);
      printRows([
        ['feedback comments cleared', purged.comments, `on votes cast before ${day(retention.before)} (the votes stay)`],
        ['closed tickets deleted', purged.tickets, purged.ticketMail ? `with ${plural(purged.ticketMail, 'outbox message')} about them` : ''],
        ['sent outbox messages deleted', purged.sentMail, `sent before ${day(retention.before)}`],
        ['search_daily rows deleted', purged.searchDays, `days before ${retention.statsBefore}`],
        ['deflection_daily rows deleted', purged.deflectionDays, `days before ${retention.statsBefore}`],
        ['daily_secrets deleted', purged.secrets, `days before ${retention.secretsBefore} (yesterday)`],
        ['sessions deleted', purged.sessions, `ended before ${retention.now.toISOString()}`],
        ['status subscription requests deleted', purged.unconfirmedSubscriptions, 'never confirmed within 7 days'],
      ]);
      say(dryRun ? `\nNothing was changed. Run \`${run} purge${days === defaultRetentionDays ? '' : ` --days ${days}`}\` to delete these.` : '\nDone. Schedule this command daily so nothing outlives the retention period.');
    }

    const commands: Record<string, Command> = {
      erase: {
        options: ['email'],
        async run(values, _words, problems) {
          const dryRun = isDryRun(values);
          let address = '';
          if (values.email === undefined) {
            if (!problems.some((p) => p.startsWith('--email'))) problems.push('--email is required: whose data should be erased? e.g. --email ana@example.com');
          } else {
            const parsed = ticketInputSchema.shape.email.safeParse(values.email);
            if (parsed.success) address = parsed.data.toLowerCase();
            else if (!problems.some((p) => p.startsWith('--email'))) problems.push(`--email "${values.email}" ${parsed.error.issues[0].message}`);
          }
          if (problems.length) fail('erase', problems);
          const erased = await withDb('privacy', (db) => eraseEmail(db, address, { dryRun }), dbHint);
          reportErasure(address, erased, dryRun);
        },
      },
      purge: {
        options: ['days'],
        async run(values, _words, problems) {
          const dryRun = isDryRun(values);
          // A bare `--days` parses as true; String() turns it into a value the check refuses by name.
          const [raw, source] = values.days !== undefined ? [String(values.days), '--days'] : [env.RETENTION_DAYS || String(defaultRetentionDays), 'RETENTION_DAYS'];
          const parsed = parseRetentionDays(raw);
          if (!parsed.ok && !problems.some((p) => p.startsWith('--days'))) problems.push(`${source} ${parsed.error}`);
          if (problems.length || !parsed.ok) fail('purge', problems);
          const retention = retentionAt(now(), parsed.days);
          const purged = await withDb('privacy', (db) => purgeExpired(db, retention, { dryRun }), dbHint);
          reportPurge(parsed.days, retention, purged, dryRun);
        },
      },
    };

    await runCommand({
      argv,
      tool: 'privacy',
      usage,
      commands,
      examples,
      booleanFlags: ['dry-run'],
      strayHint: (name) => `give values with their option, e.g. ${name === 'erase' ? '--email ana@example.com' : '--days 365'}`,
      onlyBareHelp: true,
      rejectRepeats: true,
    });
  });
}

await runIfEntry(import.meta, main);
