// `npm run status`: open, update and list incidents and maintenance in content/status/ without
// hand-writing timestamps. Every write is checked together with the whole folder first, and
// nothing is written while anything is invalid. `npm run status -- --help` lists the commands.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import { Document, isMap, isScalar, isSeq, parse as parseYaml, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { slugFromTitle } from '../src/lib/article-draft.ts';
import { splitFrontmatter } from '../src/lib/content-check.ts';
import { formatInZone } from '../src/lib/sla.ts';
import { incidentsAt, maintenancesAt, parseStatusFiles, type StatusSources } from '../src/lib/status.ts';
import {
  componentStatuses,
  impacts,
  incidentStatuses,
  maintenanceStatuses,
  type IncidentData,
  type StatusContent,
  type StatusEntry,
} from '../src/lib/status-schema.ts';
import { supportDir } from '../src/config.ts';
import { readSupport } from '../src/integrations/content-check.ts';
import { failWith, loadNow } from './lib/cli.ts';

// The server's clock, so CAIRN_NOW pins "now" here exactly as it does for the status page.
const now = await loadNow('status');

const statusDir = process.env.STATUS_DIR ?? 'content/status';
/** Days, file names and offsets follow the status page's zone, the help center's (content/support/sla.yaml). */
const support = readSupport(supportDir);
if (!support.ok) failWith('status', support.errors, 'Fix the support policy first: status times are read in its time zone.', 'done');
const timeZone = support.content.policy.timeZone;
const run = 'npm run status --';

// ---------------------------------------------------------------------------------------------
// Usage

const usages = {
  main: `Usage: ${run} <command> [options]

Commands:
  incident new              open an incident (its first update says "investigating")
  incident update <id>      post an update to an incident
  maintenance new           announce a maintenance window
  maintenance update <id>   post an update to a maintenance
  list                      active incidents and upcoming or running maintenance, with their ids

Run \`${run} <command> --help\` for its options.
Times are ${timeZone} wall-clock times ("2026-12-08 02:00") or ISO 8601 instants with an offset.
Environment: STATUS_DIR (folder, default content/status), CAIRN_NOW (pins "now", ISO 8601).`,
  'incident new': `Usage: ${run} incident new --title "Mail delays" --impact ${impacts.join('|')}
         --component <id>=<status> [--component <id>=<status> ...] --message "We are investigating..."
         [--at <time>]

  --title      what customers experience (3 to 120 characters)
  --impact     how bad it is overall: ${impacts.join(', ')}
  --component  an affected component from components.yaml and what the incident does to it:
               ${componentStatuses.join(', ')}
  --message    the first update, in Markdown
  --at         when the first update is posted (default: now)

Writes incidents/<YYYY-MM-DD>-<slug-of-title>.md and prints the id to post updates with.`,
  'incident update': `Usage: ${run} incident update <id> --status ${incidentStatuses.join('|')} --message "..."
         [--at <time>] [--component <id>=<status> ...] [--postmortem-file <file.md>]

  <id>               the file name without .md, as printed by \`${run} list\`
  --status           where the incident stands now; only postmortem may follow resolved
  --message          the update, in Markdown
  --at               when the update is posted (default: now); not before the previous update
  --component        change what the incident does to a component (or add one); the status
                     applies to the whole incident, from its first update to its resolution
  --postmortem-file  with --status postmortem: a Markdown file to publish as the postmortem`,
  'maintenance new': `Usage: ${run} maintenance new --title "..." --component <id> [--component <id> ...]
         --from "2026-12-08 02:00" --to "2026-12-08 04:00" --message "..." [--at <time>]

  --title      what is being done (3 to 120 characters)
  --component  a component from components.yaml that will show "under maintenance"
  --from/--to  the window, in ${timeZone} wall-clock time or as ISO 8601 with an offset
  --message    the announcement (the first update, status scheduled), in Markdown
  --at         when it is published (default: now)

Writes maintenance/<YYYY-MM-DD of --from>-<slug-of-title>.md and prints its id.`,
  'maintenance update': `Usage: ${run} maintenance update <id> --status ${maintenanceStatuses.join('|')} --message "..." [--at <time>]

  <id>       the file name without .md, as printed by \`${run} list\`
  --status   in_progress starts the window early, completed ends it early
  --message  the update, in Markdown
  --at       when the update is posted (default: now); not before the previous update`,
  list: `Usage: ${run} list

Prints the active incidents and the upcoming or running maintenance at "now", with their ids.`,
};
type CommandName = keyof typeof usages;

function fail(command: CommandName, problems: string[], what = 'Fix them and run the command again'): never {
  return failWith(`status${command === 'main' ? '' : ` ${command}`}`, problems, `${what}. Options: ${run} ${command === 'main' ? '' : `${command} `}--help`);
}

// ---------------------------------------------------------------------------------------------
// Reading the folder and checking a write against it

function readSources(command: CommandName): StatusSources {
  const componentsFile = path.join(statusDir, 'components.yaml');
  if (!fs.existsSync(componentsFile)) {
    fail(command, [`${componentsFile} does not exist`], 'Run the command from the project root, or set STATUS_DIR to the status folder');
  }
  const list = (folder: string) => {
    const dir = path.join(statusDir, folder);
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()
      .map((f) => ({ file: path.join(dir, f), source: fs.readFileSync(path.join(dir, f), 'utf8') }));
  };
  return { componentsFile, componentsSource: fs.readFileSync(componentsFile, 'utf8'), incidents: list('incidents'), maintenances: list('maintenance') };
}

/** Writes one file only if the whole folder, with it, passes the same checks as the build. */
function writeChecked(command: CommandName, sources: StatusSources, kind: 'incidents' | 'maintenances', file: string, source: string) {
  const files = [...sources[kind].filter((f) => f.file !== file), { file, source }].sort((a, b) => a.file.localeCompare(b.file));
  const { errors } = parseStatusFiles({ ...sources, [kind]: files });
  if (errors.length) fail(command, errors, 'Fix the options (or the files named) and run the command again');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write beside the file and rename, so the site never reads a half-written file.
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, source);
  fs.renameSync(partial, file);
}

/** The entry with this id, or a failure that says which ids exist (or why the file is unreadable). */
function findEntry<Data>(
  command: CommandName,
  sources: StatusSources,
  entries: Array<StatusEntry<Data>>,
  folder: 'incidents' | 'maintenance',
  rawId: string,
  errors: string[],
): StatusEntry<Data> {
  // Accept what people paste: the id, the file name or its path.
  const id = path.basename(rawId).replace(/\.md$/, '');
  const entry = entries.find((e) => e.id === id);
  if (entry) return entry;
  const file = path.join(statusDir, folder, `${id}.md`);
  if (fs.existsSync(file)) {
    fail(command, errors.filter((e) => e.startsWith(`${file}:`)), `Fix ${file} first; the command only edits valid files`);
  }
  const recent = entries.map((e) => e.id).sort().reverse().slice(0, 8);
  fail(command, [`there is no ${folder === 'incidents' ? 'incident' : 'maintenance'} "${id}" in ${path.join(statusDir, folder)}; recent ids: ${recent.join(', ') || 'none'}`],
    `Use an id printed by \`${run} list\``);
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
// YAML

/** Keys holding instants: quoted, so every YAML parser (js-yaml in Astro too) keeps them as text. */
const instantKeys = new Set(['at', 'scheduledFor', 'scheduledUntil', 'publishedAt']);
const markdownKeys = new Set(['body', 'postmortem']);
/** The sample files wrap prose at about 100 columns. */
const lineWidth = 100;

/** A YAML node for new content, styled like the hand-written files. */
function styledNode(doc: Document, value: unknown): YamlNode {
  const node = doc.createNode(value) as YamlNode;
  visit(node, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || typeof pair.value.value !== 'string') return;
      const key = String(pair.key.value);
      if (instantKeys.has(key)) pair.value.type = 'QUOTE_DOUBLE';
      // Folded like the samples; literal once the author wrote line breaks (lists, paragraphs).
      else if (markdownKeys.has(key)) pair.value.type = pair.value.value.includes('\n') ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED';
    },
  });
  return node;
}

function yamlText(value: unknown, width = lineWidth): string {
  const doc = new Document();
  doc.contents = styledNode(doc, value) as Document['contents'];
  return doc.toString({ lineWidth: width });
}

type Change =
  | { kind: 'append'; path: Array<string | number>; value: Record<string, unknown> }
  | { kind: 'set'; path: Array<string | number>; value: string };

/**
 * Applies changes to a frontmatter, keeping the author's text (line wrapping, comments, quoting)
 * around them: new list items and keys are spliced in. If a splice would not read back as the
 * intended data (flow-style lists, an existing postmortem), the whole frontmatter is re-serialized.
 */
function editFrontmatter(frontmatter: string, changes: Change[]): string {
  const source = frontmatter.endsWith('\n') ? frontmatter : `${frontmatter}\n`;
  const doc = parseDocument(source);
  const splices: Array<{ from: number; to: number; text: string }> = [];
  let spliceable = true;
  for (const change of changes) {
    const node = doc.getIn(change.path, true);
    if (change.kind === 'append') {
      if (isSeq(node) && !node.flow && node.range && node.items.length > 0) {
        const start = node.range[0];
        const column = start - (source.lastIndexOf('\n', start - 1) + 1);
        const text = yamlText([change.value], lineWidth - column).replace(/^(?=.)/gm, ' '.repeat(column));
        splices.push({ from: node.range[1], to: node.range[1], text });
        node.items.push(styledNode(doc, change.value));
      } else {
        spliceable = false;
        if (isSeq(node)) node.items.push(styledNode(doc, change.value));
        else doc.setIn(change.path, styledNode(doc, [change.value]));
      }
    } else if (isScalar(node) && node.range && !change.value.includes('\n')) {
      // A one-word value such as a component status: replace it where it stands.
      splices.push({ from: node.range[0], to: node.range[1], text: yamlText(change.value).trimEnd() });
      node.value = change.value;
    } else {
      // A new top-level key (the postmortem) goes at the end; replacing a block text does not splice.
      if (node !== undefined || change.path.length !== 1) spliceable = false;
      else splices.push({ from: source.length, to: source.length, text: yamlText({ [change.path[0]]: change.value }) });
      const styled = styledNode(doc, { value: change.value });
      doc.setIn(change.path, isMap(styled) ? styled.items[0].value : change.value);
    }
  }
  if (spliceable) {
    let text = source;
    // From the end backwards, so earlier offsets stay valid; at equal offsets the later change
    // goes in first and so ends up after the earlier one.
    const ordered = splices.map((s, i) => ({ ...s, i })).sort((a, b) => b.from - a.from || b.i - a.i);
    for (const s of ordered) text = text.slice(0, s.from) + s.text + text.slice(s.to);
    try {
      if (isDeepStrictEqual(parseYaml(text), doc.toJS())) return text;
    } catch {
      // Not valid YAML after all: fall through to re-serializing.
    }
  }
  return doc.toString({ lineWidth });
}

const markdownFile = (frontmatter: string, body = '') => `---\n${frontmatter}${frontmatter.endsWith('\n') ? '' : '\n'}---\n${body}`;

// ---------------------------------------------------------------------------------------------
// Option checks shared by the commands

const oneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

function requiredText(values: Record<string, unknown>, flag: string, example: string, problems: string[]): string {
  const value = typeof values[flag] === 'string' ? (values[flag] as string).replace(/\r\n?/g, '\n').trim() : '';
  if (!value) problems.push(`--${flag} is required, e.g. --${flag} "${example}"`);
  return value;
}

function checkComponentId(id: string, content: StatusContent, componentsFile: string, problems: string[]): boolean {
  if (content.components.some((c) => c.id === id)) return true;
  problems.push(`--component "${id}" is not a component in ${componentsFile}; use one of: ${content.components.map((c) => c.id).join(', ')}`);
  return false;
}

/** --component id=status values, checked against components.yaml and the status list. */
function affectedComponents(values: string[], content: StatusContent, componentsFile: string, problems: string[]) {
  const affected: IncidentData['components'] = [];
  for (const value of values) {
    const match = /^([^=]*)=(.*)$/.exec(value);
    if (!match) {
      problems.push(`--component "${value}" must be <id>=<status>, e.g. mailboxes=partial_outage (status: ${componentStatuses.join(', ')})`);
      continue;
    }
    const [id, status] = [match[1].trim(), match[2].trim()];
    const known = checkComponentId(id, content, componentsFile, problems);
    if (!oneOf(componentStatuses, status)) {
      problems.push(`--component ${id}=${status}: the status must be one of ${componentStatuses.join(', ')}`);
    } else if (known) {
      if (affected.some((c) => c.id === id)) problems.push(`--component ${id} is given twice; give each component once`);
      else affected.push({ id, status });
    }
  }
  return affected;
}

/** <date>-<slug>, then -2, -3... when the name is taken. */
function freeId(folder: string, date: string, slug: string): string {
  const base = `${date}-${slug}`;
  let id = base;
  for (let n = 2; fs.existsSync(path.join(statusDir, folder, `${id}.md`)); n++) id = `${base}-${n}`;
  return id;
}

function printWritten(file: string, source: string, next: string[]) {
  console.log(`Wrote ${file}:\n`);
  console.log(source.trimEnd());
  console.log('');
  for (const line of next) console.log(line);
  console.log('Publish it by committing the file and deploying: the status page is built from these files.');
}

// ---------------------------------------------------------------------------------------------
// Commands

type Values = Record<string, string | boolean | string[] | undefined>;

function incidentNew(values: Values) {
  const command = 'incident new';
  const sources = readSources(command);
  // Problems elsewhere in the folder are reported by writeChecked, together with the new file.
  const { content } = parseStatusFiles(sources);
  const problems: string[] = [];
  const title = requiredText(values, 'title', 'Delayed delivery of incoming mail', problems);
  const impact = typeof values.impact === 'string' ? values.impact.trim() : '';
  if (!impact) problems.push(`--impact is required: one of ${impacts.join(', ')}`);
  else if (!oneOf(impacts, impact)) problems.push(`--impact "${impact}" must be one of ${impacts.join(', ')}`);
  const componentValues = (values.component as string[] | undefined) ?? [];
  if (!componentValues.length) problems.push('--component is required at least once, e.g. --component mailboxes=partial_outage');
  const components = affectedComponents(componentValues, content, sources.componentsFile, problems);
  const message = requiredText(values, 'message', 'We are investigating delays in incoming mail.', problems);
  const at = typeof values.at === 'string' ? parseTime('at', values.at, problems) : nowMs();
  if (problems.length || at === null) fail(command, problems);

  const id = freeId('incidents', stamp(at).slice(0, 10), slugFromTitle(title) || 'incident');
  const file = path.join(statusDir, 'incidents', `${id}.md`);
  const source = markdownFile(yamlText({ title, impact, components, updates: [{ at: stamp(at), status: 'investigating', body: message }] }));
  writeChecked(command, sources, 'incidents', file, source);
  printWritten(file, source, [
    `Id: ${id}`,
    `Post updates with: ${run} incident update ${id} --status identified --message "..."`,
  ]);
}

function incidentUpdate(values: Values, rawId: string) {
  const command = 'incident update';
  const sources = readSources(command);
  const { content, errors } = parseStatusFiles(sources);
  const incident = findEntry(command, sources, content.incidents, 'incidents', rawId, errors);
  const { updates } = incident.data;
  const problems: string[] = [];

  const status = typeof values.status === 'string' ? values.status.trim() : '';
  if (!status) problems.push(`--status is required: one of ${incidentStatuses.join(', ')}`);
  else if (!oneOf(incidentStatuses, status)) problems.push(`--status "${status}" must be one of ${incidentStatuses.join(', ')}`);
  const message = requiredText(values, 'message', 'We found the cause and are fixing it.', problems);
  const at = typeof values.at === 'string' ? parseTime('at', values.at, problems) : nowMs();

  const last = updates.at(-1)!;
  if (at !== null && at < Date.parse(last.at)) {
    problems.push(`the update would be posted at ${stamp(at)}, before the last update (updates[${updates.length - 1}], ${last.status}, at ${last.at}); updates must be in time order, so give an --at at or after ${last.at}`);
  }
  const resolved = updates.find((u) => u.status === 'resolved');
  if (resolved && status && status !== 'postmortem') {
    problems.push(`incident ${incident.id} was resolved at ${resolved.at}; only a postmortem update may follow. If the problem is back, open a new incident with \`${run} incident new\``);
  }
  if (!resolved && status === 'postmortem') {
    problems.push(`a postmortem must follow a resolved update; post --status resolved first`);
  }

  let postmortem: string | undefined;
  const postmortemFile = values['postmortem-file'];
  if (typeof postmortemFile === 'string') {
    if (status !== 'postmortem') problems.push('--postmortem-file goes with --status postmortem');
    else if (!fs.existsSync(postmortemFile)) problems.push(`--postmortem-file "${postmortemFile}" does not exist`);
    else {
      postmortem = fs.readFileSync(postmortemFile, 'utf8').replace(/\r\n?/g, '\n').trim();
      if (!postmortem) problems.push(`--postmortem-file "${postmortemFile}" is empty; write the postmortem in it first`);
    }
  }

  const changes: Change[] = [];
  for (const { id, status: componentStatus } of affectedComponents((values.component as string[] | undefined) ?? [], content, sources.componentsFile, problems)) {
    const index = (incident.data.components ?? []).findIndex((c) => c.id === id);
    if (index >= 0) changes.push({ kind: 'set', path: ['components', index, 'status'], value: componentStatus });
    else changes.push({ kind: 'append', path: ['components'], value: { id, status: componentStatus } });
  }
  if (problems.length || at === null) fail(command, problems);

  changes.push({ kind: 'append', path: ['updates'], value: { at: stamp(at), status, body: message } });
  if (postmortem !== undefined) changes.push({ kind: 'set', path: ['postmortem'], value: postmortem });
  const original = fs.readFileSync(incident.file, 'utf8');
  const { frontmatter, body } = splitFrontmatter(original);
  const source = markdownFile(editFrontmatter(frontmatter ?? '', changes), body);
  writeChecked(command, sources, 'incidents', incident.file, source);
  printWritten(incident.file, source, status === 'resolved'
    ? [`Resolved. Add a postmortem later with: ${run} incident update ${incident.id} --status postmortem --message "..." --postmortem-file postmortem.md`]
    : status === 'postmortem' ? [] : [`Next update: ${run} incident update ${incident.id} --status ${status === 'investigating' ? 'identified' : status === 'identified' ? 'monitoring' : 'resolved'} --message "..."`]);
}

function maintenanceNew(values: Values) {
  const command = 'maintenance new';
  const sources = readSources(command);
  const { content } = parseStatusFiles(sources);
  const problems: string[] = [];
  const title = requiredText(values, 'title', 'Mail storage migration to new servers', problems);
  const componentValues = (values.component as string[] | undefined) ?? [];
  if (!componentValues.length) problems.push('--component is required at least once, e.g. --component mailboxes');
  const components: string[] = [];
  for (const value of componentValues.map((v) => v.trim())) {
    if (value.includes('=')) problems.push(`--component "${value}": maintenance takes bare ids (they show "under maintenance"), e.g. --component ${value.split('=')[0]}`);
    else if (checkComponentId(value, content, sources.componentsFile, problems)) {
      if (components.includes(value)) problems.push(`--component ${value} is given twice; give each component once`);
      else components.push(value);
    }
  }
  const times = (['from', 'to'] as const).map((flag) => {
    if (typeof values[flag] === 'string') return parseTime(flag, values[flag], problems);
    problems.push(`--${flag} is required, e.g. --${flag} "2026-12-08 0${flag === 'from' ? 2 : 4}:00" (${timeZone})`);
    return null;
  });
  const [from, to] = times;
  if (from !== null && to !== null && to <= from) problems.push(`--to (${stamp(to)}) must be after --from (${stamp(from)})`);
  const message = requiredText(values, 'message', 'We are moving mailboxes to new servers; apps may disconnect for a few minutes.', problems);
  const at = typeof values.at === 'string' ? parseTime('at', values.at, problems) : nowMs();
  if (problems.length || at === null || from === null || to === null) fail(command, problems);

  const id = freeId('maintenance', stamp(from).slice(0, 10), slugFromTitle(title) || 'maintenance');
  const file = path.join(statusDir, 'maintenance', `${id}.md`);
  const data = {
    title,
    components,
    scheduledFor: stamp(from),
    scheduledUntil: stamp(to),
    publishedAt: stamp(at),
    updates: [{ at: stamp(at), status: 'scheduled', body: message }],
  };
  const source = markdownFile(yamlText(data));
  writeChecked(command, sources, 'maintenances', file, source);
  printWritten(file, source, [
    `Id: ${id}`,
    `When the work starts: ${run} maintenance update ${id} --status in_progress --message "..."`,
  ]);
}

function maintenanceUpdate(values: Values, rawId: string) {
  const command = 'maintenance update';
  const sources = readSources(command);
  const { content, errors } = parseStatusFiles(sources);
  const maintenance = findEntry(command, sources, content.maintenances, 'maintenance', rawId, errors);
  const { updates } = maintenance.data;
  const problems: string[] = [];
  const status = typeof values.status === 'string' ? values.status.trim() : '';
  if (!status) problems.push(`--status is required: one of ${maintenanceStatuses.join(', ')}`);
  else if (!oneOf(maintenanceStatuses, status)) problems.push(`--status "${status}" must be one of ${maintenanceStatuses.join(', ')}`);
  const message = requiredText(values, 'message', 'The work has started.', problems);
  const at = typeof values.at === 'string' ? parseTime('at', values.at, problems) : nowMs();
  const last = updates.at(-1);
  if (at !== null && last && at < Date.parse(last.at)) {
    problems.push(`the update would be posted at ${stamp(at)}, before the last update (updates[${updates.length - 1}], ${last.status}, at ${last.at}); updates must be in time order, so give an --at at or after ${last.at}`);
  }
  const completed = updates.find((u) => u.status === 'completed');
  if (completed) {
    problems.push(`maintenance ${maintenance.id} was completed at ${completed.at}; nothing may follow. Announce further work with \`${run} maintenance new\``);
  }
  if (problems.length || at === null) fail(command, problems);

  const original = fs.readFileSync(maintenance.file, 'utf8');
  const { frontmatter, body } = splitFrontmatter(original);
  const source = markdownFile(editFrontmatter(frontmatter ?? '', [{ kind: 'append', path: ['updates'], value: { at: stamp(at), status, body: message } }]), body);
  writeChecked(command, sources, 'maintenances', maintenance.file, source);
  printWritten(maintenance.file, source, status === 'completed' ? [] : [
    `Next update: ${run} maintenance update ${maintenance.id} --status ${status === 'in_progress' ? 'verifying' : 'completed'} --message "..."`,
  ]);
}

function list() {
  const sources = readSources('list');
  const { content, errors } = parseStatusFiles(sources);
  const at = new Date(nowMs());
  const incidents = incidentsAt(content, at).filter((i) => i.active);
  const maintenances = maintenancesAt(content, at).filter((m) => m.upcoming || m.active).reverse();
  console.log(`Status at ${stamp(at.getTime())} (${timeZone}), from ${statusDir}\n`);
  console.log(incidents.length ? 'Active incidents:' : 'No active incidents.');
  for (const i of incidents) {
    console.log(`  ${i.id}  ${i.title}`);
    console.log(`    impact ${i.impact}, ${i.status} since ${i.updatedAt} (opened ${i.startedAt}); ${i.components.map((c) => `${c.id}=${c.status}`).join(', ')}`);
  }
  console.log(maintenances.length ? '\nUpcoming and running maintenance:' : '\nNo upcoming or running maintenance.');
  for (const m of maintenances) {
    console.log(`  ${m.id}  ${m.title}`);
    console.log(`    ${m.status}, ${m.startsAt} to ${m.endsAt}; ${m.components.join(', ')}`);
  }
  console.log(`\nUpdate one with: ${run} incident update <id> ...  or  ${run} maintenance update <id> ...`);
  if (errors.length) {
    // The list above leaves out files that do not parse; the build would refuse them anyway.
    console.error(`\n${errors.length} problem(s) in ${statusDir}; the site will not build until they are fixed:`);
    for (const error of errors) console.error(`  - ${error}`);
    console.error('Fix the files named above.');
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// Dispatch

const text = { type: 'string' } as const;
const many = { type: 'string', multiple: true } as const;
interface Command {
  options: ParseArgsOptionsConfig;
  /** Whether the command takes the id of an entry as its one positional argument. */
  id: boolean;
  run: (values: Values, id: string) => void;
}
const commands: Record<Exclude<CommandName, 'main'>, Command> = {
  'incident new': { options: { title: text, impact: text, component: many, message: text, at: text }, id: false, run: incidentNew },
  'incident update': { options: { status: text, message: text, at: text, component: many, 'postmortem-file': text }, id: true, run: incidentUpdate },
  'maintenance new': { options: { title: text, component: many, from: text, to: text, message: text, at: text }, id: false, run: maintenanceNew },
  'maintenance update': { options: { status: text, message: text, at: text }, id: true, run: maintenanceUpdate },
  list: { options: {}, id: false, run: list },
};

const argv = process.argv.slice(2);
const grouped = argv[0] === 'incident' || argv[0] === 'maintenance';
const name = grouped ? `${argv[0]} ${argv[1] ?? ''}` : (argv[0] ?? '');
if (!Object.hasOwn(commands, name)) {
  const asked = argv.includes('--help') || argv.includes('-h');
  if (asked) {
    console.log(usages.main);
    process.exit(0);
  }
  console.error(name ? `status: unknown command "${name.trim()}"\n` : 'status: which command?\n');
  console.error(usages.main);
  process.exit(1);
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
  console.error(`status ${commandName}: ${(e as Error).message}\n\n${usages[commandName]}`);
  process.exit(1);
}
if (parsed.values.help) {
  console.log(usages[commandName]);
  process.exit(0);
}
const expected = command.id ? 1 : 0;
if (parsed.positionals.length !== expected) {
  const extra = parsed.positionals.slice(expected);
  console.error(command.id && parsed.positionals.length === 0
    ? `status ${commandName}: which one? Give its id, e.g. ${run} ${commandName} 2026-12-08-mail-delays ... (\`${run} list\` prints the ids)`
    : `status ${commandName}: unexpected "${extra.join(' ')}"; put values with spaces in quotes, e.g. --message "We are investigating."`);
  console.error(`\n${usages[commandName]}`);
  process.exit(1);
}
command.run(parsed.values as Values, parsed.positionals[0] ?? '');
