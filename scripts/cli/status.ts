// `npm run status`: post incidents and maintenance to the status store (the database every app
// server reads; the page shows a post within about a second, no build or restart), list what is
// live, and import or export content/status/ files. `npm run status -- --help` lists the commands.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import { formatInZone } from '../../src/lib/sla.ts';
import { incidentsAt, maintenancesAt } from '../../src/lib/status.ts';
import { statusFiles } from '../../src/lib/status-export.ts';
import { componentStatuses, impacts, incidentStatuses, maintenanceStatuses } from '../../src/lib/status-schema.ts';
import { contentPaths } from '../../src/config.ts';
import { readStatus, readSupport } from '../../src/integrations/content-check.ts';
import type { StatusActor, StoreResult } from '../../src/server/status-store.ts';
import { cliTools, exitCode, Exit, runIfEntry, type Env, type Io } from './command-line.ts';

export async function main(argv: string[], env: Env, io: Io): Promise<number> {
  const { say, warn, loadNow, failWith, printTable, withDb } = cliTools(env, io);
  return exitCode(async () => {
    // The server's clock, so CAIRN_NOW pins "now" here exactly as it does for the status page.
    const now = await loadNow('status');

    /** Days, ids and offsets follow the status page's zone, the help center's (content/support/sla.yaml). */
    const support = readSupport(contentPaths(env).supportDir);
    if (!support.ok) return failWith('status', support.errors, 'Fix the support policy first: status times are read in its time zone.', 'done');
    const timeZone = support.content.policy.timeZone;
    const run = 'npm run status --';
    const store = await import('../../src/server/status-store.ts');

    // ---------------------------------------------------------------------------------------------
    // Usage

    const by = `  --by         who posts, for the audit trail (default: $USER)`;
    const usages = {
      main: `Usage: ${run} <command> [options]

Commands:
  incident new              open an incident
  incident update <id>      post an update (resolve, reopen, postmortem) to an incident
  maintenance new           announce a maintenance window
  maintenance update <id>   post an update to a maintenance
  maintenance edit <id>     change a maintenance's title, components or window
  maintenance cancel <id>   call off a maintenance that has not started
  list                      active incidents and upcoming or running maintenance, with their ids
  audit                     the latest posts: who, when, from where
  import [dir]              load content/status/ files into an empty status store (--replace to overwrite)
  export [dir]              write the status store back as files (default: content/status)

Posts go to the database (DATABASE_URL, default the embedded file) and show on every app
server's status page within about a second; nothing needs a build or a restart.
Run \`${run} <command> --help\` for its options.
Times are ${timeZone} wall-clock times ("2026-12-08 02:00") or ISO 8601 instants with an offset.
Environment: DATABASE_URL, CAIRN_NOW (pins "now", ISO 8601).`,
      'incident new': `Usage: ${run} incident new --title "Mail delays" --impact ${impacts.join('|')}
         --component <id>=<status> [--component <id>=<status> ...] --message "We are investigating..."
         [--status investigating|identified|monitoring|resolved] [--at <time>] [--by <name>]

  --title      what customers experience (3 to 120 characters)
  --impact     how bad it is overall: ${impacts.join(', ')}
  --component  an affected component and what the incident does to it:
               ${componentStatuses.join(', ')}
  --message    the first update, in Markdown
  --status     where it stands (default: investigating)
  --at         when the first update is posted (default: now)
${by}

Prints the id to post updates with.`,
      'incident update': `Usage: ${run} incident update <id> --status ${incidentStatuses.join('|')} --message "..."
         [--component <id>=<status> ...] [--impact <impact>] [--reopen] [--postmortem-file <file.md>]
         [--at <time>] [--by <name>]

  <id>               as printed by \`${run} list\`
  --status           where the incident stands now
  --message          the update, in Markdown (not needed with --status postmortem)
  --component        a component's status from this update on; the others keep theirs, and
                     earlier updates keep what they said (history is never rewritten)
  --impact           a new overall impact
  --reopen           post on a resolved incident, which opens it again
  --postmortem-file  with --status postmortem: a Markdown file to publish as the postmortem
  --at               when the update is posted (default: now); not before the previous update
${by}`,
      'maintenance new': `Usage: ${run} maintenance new --title "..." --component <id> [--component <id> ...]
         --from "2026-12-08 02:00" --to "2026-12-08 04:00" --message "..." [--at <time>] [--by <name>]

  --title      what is being done (3 to 120 characters)
  --component  a component that will show "under maintenance" during the window
  --from/--to  the window, in ${timeZone} wall-clock time or as ISO 8601 with an offset
  --message    the announcement, in Markdown
  --at         when it is published (default: now)
${by}

The page shows "In progress" and "Completed" on its own when the window opens and closes.`,
      'maintenance update': `Usage: ${run} maintenance update <id> --status ${maintenanceStatuses.join('|')} --message "..." [--at <time>] [--by <name>]

  <id>       as printed by \`${run} list\`
  --status   in_progress starts the window early, completed ends it early
  --message  the update, in Markdown
  --at       when the update is posted (default: now); not before the previous update
${by}`,
      'maintenance edit': `Usage: ${run} maintenance edit <id> [--title "..."] [--component <id> ...] [--from <time>] [--to <time>]
         [--message "..."] [--by <name>]

  Changes what is given; --message also posts an update saying what changed.
${by}`,
      'maintenance cancel': `Usage: ${run} maintenance cancel <id> [--message "Postponed to next week."] [--by <name>]

  Calls off a maintenance that has not started; the page shows it as cancelled.
${by}`,
      list: `Usage: ${run} list

Prints the active incidents and the upcoming or running maintenance at "now", as the status page
shows them from the database, with their ids.`,
      audit: `Usage: ${run} audit [--limit 20]

Prints the latest status posts: when, who, from where (console, cli, api), what.`,
      import: `Usage: ${run} import [dir] [--replace] [--by <name>]

Loads the files of dir (default: content/status) into the status store, after the same checks as
the build. Refused when the store already holds status, unless --replace, which overwrites it.`,
      export: `Usage: ${run} export [dir]

Writes the status store as files in dir (default: content/status), the format import reads:
components.yaml, incidents/<id>.md, maintenance/<id>.md. Files of the folder that the store does
not hold any more are removed.`,
    };
    type CommandName = keyof typeof usages;

    function fail(command: CommandName, problems: string[], what = 'Fix them and run the command again', done = 'posted'): never {
      return failWith(`status${command === 'main' ? '' : ` ${command}`}`, problems, `${what}. Options: ${run} ${command === 'main' ? '' : `${command} `}--help`, done);
    }

    // ---------------------------------------------------------------------------------------------
    // Times

    /** An instant as the files spell it: the desk zone's offset, whole seconds (sub-second digits are noise). */
    const stamp = (ms: number) => formatInZone(new Date(Math.floor(ms / 1000) * 1000), timeZone);
    const nowMs = () => Math.floor(now().getTime() / 1000) * 1000;

    const wallClockTime = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

    /**
     * Reads --at/--from/--to: a wall-clock time in the desk's zone ("2026-12-08 02:00") or an ISO instant with an
     * offset. A wall-clock time that is skipped (spring) or repeated (autumn) is refused rather than
     * guessed: a window announced an hour off is worse than asking for the offset.
     */
    function parseTime(flag: string, value: string, problems: string[]): number | null {
      const local = wallClockTime.exec(value.trim());
      if (local) {
        let wall: Temporal.PlainDateTime;
        try {
          wall = Temporal.PlainDateTime.from(`${local[1]}T${local[2]}`, { overflow: 'reject' });
        } catch {
          problems.push(`--${flag} "${value}" is not a real date and time; write it as YYYY-MM-DD HH:MM, e.g. 2026-12-08 02:00`);
          return null;
        }
        const earlier = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
        const later = wall.toZonedDateTime(timeZone, { disambiguation: 'later' });
        if (earlier.epochMilliseconds === later.epochMilliseconds) return earlier.epochMilliseconds;
        if (earlier.toPlainDateTime().equals(wall)) {
          problems.push(`--${flag} "${value}" happens twice in ${timeZone} (the clocks go back that night); write ${stamp(earlier.epochMilliseconds)} for the first or ${stamp(later.epochMilliseconds)} for the second`);
        } else {
          problems.push(`--${flag} "${value}" does not exist in ${timeZone} (the clocks skip that hour that night); pick another time, e.g. ${stamp(later.epochMilliseconds)}`);
        }
        return null;
      }
      try {
        return Temporal.Instant.from(value.trim()).epochMilliseconds;
      } catch {
        problems.push(`--${flag} "${value}" must be a ${timeZone} time as "YYYY-MM-DD HH:MM" or an ISO 8601 instant with an offset, e.g. 2026-12-08T02:00:00+01:00`);
        return null;
      }
    }

    // ---------------------------------------------------------------------------------------------
    // Options into store input, store answers into messages

    type Values = Record<string, string | boolean | string[] | undefined>;

    const str = (values: Values, flag: string) => (typeof values[flag] === 'string' ? (values[flag] as string).replace(/\r\n?/g, '\n').trim() : undefined);

    /** Which option a store field came from, so each problem names what to fix. */
    const flagOf = (field: string) =>
      field.startsWith('components')
        ? '--component'
        : ({ scheduledFor: '--from', scheduledUntil: '--to', body: '--postmortem-file', _: 'input' } as Record<string, string>)[field] ?? `--${field}`;

    function actor(values: Values): StatusActor {
      const name = str(values, 'by') || env.USER || os.userInfo().username || 'cli';
      return { name, via: 'cli' };
    }

    /** --component id=status values, as the store takes them. */
    function componentStatusList(values: Values, problems: string[]) {
      return ((values.component as string[] | undefined) ?? []).map((value) => {
        const [id, status = ''] = value.split('=').map((s) => s.trim());
        if (!status) problems.push(`--component "${value}" must be <id>=<status>, e.g. mailboxes=partial_outage; statuses: ${componentStatuses.join(', ')}`);
        return { id, status };
      });
    }

    function whenPosted(values: Values, problems: string[]): Date {
      const at = typeof values.at === 'string' ? parseTime('at', values.at, problems) : nowMs();
      return new Date(at ?? nowMs());
    }

    /** Runs one store write and reports it; a refusal lists every field problem and exits 1. */
    async function post(command: CommandName, write: (db: import('../../db/client.ts').Db) => Promise<StoreResult<{ id: string }>>, next: (id: string) => string[]) {
      const result = await withDb('status', write);
      if (!result.ok) {
        const problems = Object.entries(result.fields).flatMap(([field, messages]) => messages.map((m) => `${flagOf(field)}: ${m}`));
        if (result.status === 503) fail(command, [result.message], 'Check DATABASE_URL and that the database answers, then run the command again');
        fail(command, problems.length ? problems : [result.message]);
      }
      say(`Posted: ${result.value.id}. Every status page shows it within about a second.`);
      for (const line of next(result.value.id)) say(line);
    }

    // ---------------------------------------------------------------------------------------------
    // Commands

    async function incidentNew(values: Values) {
      const problems: string[] = [];
      const at = whenPosted(values, problems);
      const components = componentStatusList(values, problems);
      if (problems.length) fail('incident new', problems);
      const input = { title: str(values, 'title'), impact: str(values, 'impact'), status: str(values, 'status') ?? 'investigating', message: str(values, 'message'), components };
      await post('incident new', (db) => store.createIncident(db, input, actor(values), at, { timeZone }), (id) => [
        `Post updates with: ${run} incident update ${id} --status identified --message "..."`,
      ]);
    }

    async function incidentUpdate(values: Values, id: string) {
      const problems: string[] = [];
      const at = whenPosted(values, problems);
      const components = componentStatusList(values, problems);
      const status = str(values, 'status');
      if (status === 'postmortem') {
        const file = str(values, 'postmortem-file');
        if (!file) problems.push('--postmortem-file is required with --status postmortem: a Markdown file holding the postmortem');
        else if (!fs.existsSync(file)) problems.push(`--postmortem-file "${file}" does not exist`);
        if (problems.length) fail('incident update', problems);
        const body = fs.readFileSync(file!, 'utf8');
        await post('incident update', (db) => store.addPostmortem(db, id, { body }, actor(values), at, { timeZone }), () => []);
        return;
      }
      if (values['postmortem-file']) problems.push('--postmortem-file goes with --status postmortem');
      if (problems.length) fail('incident update', problems);
      const input = {
        status,
        message: str(values, 'message'),
        ...(components.length ? { components } : {}),
        ...(str(values, 'impact') ? { impact: str(values, 'impact') } : {}),
        ...(values.reopen ? { reopen: true } : {}),
      };
      await post('incident update', (db) => store.updateIncident(db, id, input, actor(values), at, { timeZone }), (posted) =>
        status === 'resolved' ? [`Publish a postmortem later with: ${run} incident update ${posted} --status postmortem --postmortem-file postmortem.md`] : []);
    }

    function windowTimes(values: Values, problems: string[]) {
      const from = typeof values.from === 'string' ? parseTime('from', values.from, problems) : undefined;
      const to = typeof values.to === 'string' ? parseTime('to', values.to, problems) : undefined;
      return { scheduledFor: from == null ? undefined : stamp(from), scheduledUntil: to == null ? undefined : stamp(to) };
    }

    async function maintenanceNew(values: Values) {
      const problems: string[] = [];
      const at = whenPosted(values, problems);
      const window = windowTimes(values, problems);
      if (!values.from) problems.push('--from is required, e.g. --from "2026-12-08 02:00"');
      if (!values.to) problems.push('--to is required, e.g. --to "2026-12-08 04:00"');
      if (problems.length) fail('maintenance new', problems);
      const input = { title: str(values, 'title'), components: (values.component as string[] | undefined) ?? [], ...window, message: str(values, 'message') };
      await post('maintenance new', (db) => store.scheduleMaintenance(db, input, actor(values), at, { timeZone }), (id) => [
        `It shows "In progress" at ${window.scheduledFor} and "Completed" at ${window.scheduledUntil} on its own.`,
        `Post updates with: ${run} maintenance update ${id} --status verifying --message "..."`,
      ]);
    }

    async function maintenanceUpdate(values: Values, id: string) {
      const problems: string[] = [];
      const at = whenPosted(values, problems);
      if (problems.length) fail('maintenance update', problems);
      const input = { status: str(values, 'status'), message: str(values, 'message') };
      await post('maintenance update', (db) => store.updateMaintenance(db, id, input, actor(values), at, { timeZone }), () => []);
    }

    async function maintenanceEdit(values: Values, id: string) {
      const problems: string[] = [];
      const window = windowTimes(values, problems);
      if (problems.length) fail('maintenance edit', problems);
      const input = Object.fromEntries(
        Object.entries({ title: str(values, 'title'), components: values.component, ...window, message: str(values, 'message') }).filter(([, v]) => v !== undefined),
      );
      await post('maintenance edit', (db) => store.editMaintenance(db, id, input, actor(values), new Date(nowMs()), { timeZone }), () => []);
    }

    async function maintenanceCancel(values: Values, id: string) {
      const input = str(values, 'message') ? { message: str(values, 'message') } : {};
      await post('maintenance cancel', (db) => store.cancelMaintenance(db, id, input, actor(values), new Date(nowMs()), { timeZone }), () => []);
    }

    async function list() {
      const content = await withDb('status', (db) => store.loadStatusContent(db));
      const at = new Date(nowMs());
      const incidents = incidentsAt(content, at).filter((i) => i.active);
      const maintenances = maintenancesAt(content, at).filter((m) => m.upcoming || m.active).reverse();
      say(`Status at ${stamp(at.getTime())} (${timeZone}), as every status page shows it\n`);
      say(incidents.length ? 'Active incidents:' : 'No active incidents.');
      for (const i of incidents) {
        say(`  ${i.id}  ${i.title}`);
        say(`    impact ${i.impact}, ${i.status} since ${i.updatedAt} (opened ${i.startedAt}); ${i.components.map((c) => `${c.id}=${c.status}`).join(', ')}`);
      }
      say(maintenances.length ? '\nUpcoming and running maintenance:' : '\nNo upcoming or running maintenance.');
      for (const m of maintenances) {
        say(`  ${m.id}  ${m.title}`);
        say(`    ${m.status}, ${m.startsAt} to ${m.endsAt}; ${m.components.join(', ')}`);
      }
      say(`\nUpdate one with: ${run} incident update <id> ...  or  ${run} maintenance update <id> ...`);
    }

    async function audit(values: Values) {
      const limit = Number(str(values, 'limit') ?? 20);
      if (!Number.isInteger(limit) || limit < 1) fail('audit', [`--limit "${values.limit}" must be a whole number from 1`], 'Fix it', 'done');
      const rows = await withDb('status', (db) => store.statusAudit(db, limit));
      if (!rows.length) return say('Nothing was posted yet.');
      printTable(['When', 'Who', 'Via', 'Action', 'Target', 'What'], rows.map((r) => [stamp(r.at.getTime()), r.actor, r.via, r.action, r.target, r.summary.length > 80 ? `${r.summary.slice(0, 79)}…` : r.summary]));
    }

    async function importFiles(values: Values, dir: string) {
      const folder = dir || 'content/status';
      if (!fs.existsSync(path.join(folder, 'components.yaml'))) fail('import', [`${path.join(folder, 'components.yaml')} does not exist`], 'Give the status folder, e.g. content/status', 'imported');
      const { content, errors } = readStatus(folder);
      if (errors.length) fail('import', errors, 'Fix the files named', 'imported');
      const result = await withDb('status', (db) => store.importStatusContent(db, content, actor(values), new Date(nowMs()), { replace: values.replace === true }));
      if (!result.ok) {
        fail('import', [result.message], result.status === 409 ? `Run \`${run} export\` first if you want to keep it, then \`${run} import ${folder} --replace\`` : 'Try again', 'imported');
      }
      say(`Imported ${content.components.length} components, ${content.incidents.length} incidents and ${content.maintenances.length} maintenance from ${folder}.`);
    }

    async function exportFiles(_values: Values, dir: string) {
      const folder = dir || 'content/status';
      const content = await withDb('status', (db) => store.loadStatusContent(db));
      const files = statusFiles(content);
      const written = new Set(files.map((f) => path.join(folder, f.file)));
      for (const { file, source } of files) {
        const target = path.join(folder, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        // Beside the file, then renamed: a reader never sees half a file.
        fs.writeFileSync(`${target}.partial`, source);
        fs.renameSync(`${target}.partial`, target);
      }
      // The folder mirrors the store: entries it no longer holds go.
      for (const sub of ['incidents', 'maintenance']) {
        const at = path.join(folder, sub);
        if (!fs.existsSync(at)) continue;
        for (const f of fs.readdirSync(at)) if (f.endsWith('.md') && !written.has(path.join(at, f))) fs.rmSync(path.join(at, f));
      }
      say(`Exported ${content.components.length} components, ${content.incidents.length} incidents and ${content.maintenances.length} maintenance to ${folder}.`);
    }

    // ---------------------------------------------------------------------------------------------
    // Dispatch

    const text = { type: 'string' } as const;
    const many = { type: 'string', multiple: true } as const;
    const flag = { type: 'boolean' } as const;
    interface Command {
      options: ParseArgsOptionsConfig;
      /** Whether the command takes an id (or, for import/export, a folder) as its one positional argument. */
      id: boolean | 'optional';
      run: (values: Values, id: string) => Promise<void>;
    }
    const commands: Record<Exclude<CommandName, 'main'>, Command> = {
      'incident new': { options: { title: text, impact: text, status: text, component: many, message: text, at: text, by: text }, id: false, run: incidentNew },
      'incident update': { options: { status: text, message: text, at: text, component: many, impact: text, reopen: flag, 'postmortem-file': text, by: text }, id: true, run: incidentUpdate },
      'maintenance new': { options: { title: text, component: many, from: text, to: text, message: text, at: text, by: text }, id: false, run: maintenanceNew },
      'maintenance update': { options: { status: text, message: text, at: text, by: text }, id: true, run: maintenanceUpdate },
      'maintenance edit': { options: { title: text, component: many, from: text, to: text, message: text, by: text }, id: true, run: maintenanceEdit },
      'maintenance cancel': { options: { message: text, by: text }, id: true, run: maintenanceCancel },
      list: { options: {}, id: false, run: list },
      audit: { options: { limit: text }, id: false, run: audit },
      import: { options: { replace: flag, by: text }, id: 'optional', run: importFiles },
      export: { options: {}, id: 'optional', run: exportFiles },
    };

    const grouped = argv[0] === 'incident' || argv[0] === 'maintenance';
    const name = grouped ? `${argv[0]} ${argv[1] ?? ''}` : (argv[0] ?? '');
    if (!Object.hasOwn(commands, name)) {
      const asked = argv.includes('--help') || argv.includes('-h');
      if (asked) {
        say(usages.main);
        throw new Exit(0);
      }
      warn(name ? `status: unknown command "${name.trim()}"\n` : 'status: which command?\n');
      warn(usages.main);
      throw new Exit(1);
    }
    const commandName = name as keyof typeof commands;
    const command = commands[commandName];
    let parsed;
    try {
      parsed = parseArgs({
        args: argv.slice(grouped ? 2 : 1),
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      warn(`status ${commandName}: ${(e as Error).message}\n\n${usages[commandName]}`);
      throw new Exit(1);
    }
    if (parsed.values.help) {
      say(usages[commandName]);
      throw new Exit(0);
    }
    const expected = command.id === true ? 1 : 0;
    const allowed = command.id === false ? 0 : 1;
    if (parsed.positionals.length < expected || parsed.positionals.length > allowed) {
      const extra = parsed.positionals.slice(allowed);
      warn(command.id === true && parsed.positionals.length === 0
        ? `status ${commandName}: which one? Give its id, e.g. ${run} ${commandName} 2026-12-08-mail-delays ... (\`${run} list\` prints the ids)`
        : `status ${commandName}: unexpected "${extra.join(' ')}"; put values with spaces in quotes, e.g. --message "We are investigating."`);
      warn(`\n${usages[commandName]}`);
      throw new Exit(1);
    }
    // Accept what people paste: the id, a file name or its path.
    const positional = parsed.positionals[0] ?? '';
    await command.run(parsed.values as Values, command.id === true ? path.basename(positional).replace(/\.md$/, '') : positional);
  });
}

await runIfEntry(import.meta, main);
