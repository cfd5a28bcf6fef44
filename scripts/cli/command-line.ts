// Plumbing shared by the command-line tools in scripts/cli/: how a tool is run (its arguments,
// environment and output given to `main`, an exit code returned), the clock, problem reports,
// tables, the database and lenient argument parsing.
import { format, parseArgs } from 'node:util';
import type { Db } from '../../db/client.ts';

/** The environment a tool reads (process.env when run from a shell). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where a tool writes: the process's streams from a shell, strings collected in tests. */
export interface Io {
  stdout: (chunk: string) => void;
  stderr: (chunk: string) => void;
}

/** Every tool's entry point: runs one command and returns the exit code, never calling process.exit. */
export type Main = (argv: string[], env: Env, io: Io) => Promise<number>;

export const processIo: Io = {
  stdout: (chunk) => void process.stdout.write(chunk),
  stderr: (chunk) => void process.stderr.write(chunk),
};

/** Thrown to stop a tool early with an exit code; `exitCode` turns it into main's result. */
export class Exit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}

/** Runs a tool's body: 0 when it ends, the code of an Exit when it stops early; other errors go on. */
export async function exitCode(body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return 0;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    throw e;
  }
}

/**
 * Runs main with the process's arguments, environment and streams when its module is the one
 * Node was started with (`node scripts/cli/x.ts`), and not when a test imports it.
 */
export async function runIfEntry(meta: ImportMeta, main: Main): Promise<void> {
  if (meta.main) process.exitCode = await main(process.argv.slice(2), process.env, processIo);
}

/** The helpers a tool uses, writing to its io and reading its env. */
export function cliTools(env: Env, io: Io) {
  /** A line on stdout, formatted like console.log. */
  const say = (...parts: unknown[]) => io.stdout(`${format(...parts)}\n`);
  /** A line on stderr, formatted like console.error. */
  const warn = (...parts: unknown[]) => io.stderr(`${format(...parts)}\n`);

  /** The server's clock, so CAIRN_NOW pins "now" in a tool as it does for the site; a bad CAIRN_NOW gets a message, not a stack trace. */
  async function loadNow(tool: string): Promise<() => Date> {
    try {
      return (await import('../../src/server/clock.ts')).clockFrom(env);
    } catch (e) {
      warn(`${tool}: ${(e as Error).message}; unset it to use the real time, or give an instant such as 2026-12-08T02:12:00Z`);
      throw new Exit(1);
    }
  }

  /** Prints "<subject> found N problem(s); nothing was <done>:", the problems, then what to do, and exits 1. */
  function failWith(subject: string, problems: string[], what: string, done = 'written'): never {
    warn(`${subject} found ${problems.length} problem(s); nothing was ${done}:`);
    for (const problem of problems) warn(`  - ${problem}`);
    warn(what);
    throw new Exit(1);
  }

  /** Columns padded to their widest cell, under a rule of dashes. */
  function printTable(headings: string[], rows: string[][]): void {
    const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    say([line(headings), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  }

  /** Opens the database for one command and closes it; a database without a table gets a hint to migrate it. */
  async function withDb<T>(tool: string, work: (db: Db) => Promise<T>, options: WithDbOptions = {}): Promise<T> {
    // Loaded here so that tools without a database do not load its client.
    const { createDb, databaseConfig, dbReady } = await import('../../db/client.ts');
    const config = databaseConfig({ ...env });
    const db = createDb(config);
    try {
      await dbReady(db);
      return await work(db);
    } catch (e) {
      const message = (e as Error).message + String((e as { cause?: Error }).cause?.message ?? '');
      if (/no such table/i.test(message)) {
        const { missingTable = (m: string) => `the database is missing tables (${m.match(/no such table: \w+/i)?.[0] ?? 'not migrated'})`, afterHint } = options;
        const what = typeof missingTable === 'string' ? missingTable : missingTable(message);
        warn(`${tool}: ${what}; run \`npm run db:migrate\` (DATABASE_URL=${config.url.startsWith('file:') ? config.url : 'remote'}) and try again.${afterHint ? ` ${afterHint}` : ''}`);
        throw new Exit(1);
      }
      throw e;
    } finally {
      db.$client.close();
    }
  }

  /** Runs `<tool> <command> [options] [words]` from argv, listing every problem in the arguments to the command. */
  async function runCommand({ argv, tool, usage, commands, examples, booleanFlags = [], strayHint, onlyBareHelp = false, rejectRepeats = false }: CommandLine): Promise<void> {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      if (name) say(usage);
      else warn(`${tool}: which command?\n\n${usage}`);
      throw new Exit(name ? 0 : 1);
    }
    if (!Object.hasOwn(commands, name)) {
      warn(`${tool}: unknown command "${name}"; use one of ${Object.keys(commands).join(', ')}\n\n${usage}`);
      throw new Exit(1);
    }
    const command = commands[name];
    const { values, options, words } = parseLeniently(rest, command.options, booleanFlags);
    if (onlyBareHelp ? values.help === true : values.help) {
      say(usage);
      throw new Exit(0);
    }
    const problems: string[] = [];
    const known = [...command.options, ...booleanFlags].map((o) => `--${o}`);
    for (const token of options) {
      if (booleanFlags.includes(token.name)) {
        if (token.inlineValue) problems.push(`--${token.name} takes no value; write --${token.name} alone`);
      } else if (!command.options.includes(token.name)) {
        problems.push(`${token.rawName} is not an option of ${name}${known.length ? `; its options are ${known.join(', ')}` : ''}`);
      } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
        // Non-strict parsing would take the next flag as the value: `--org --plan pro`.
        problems.push(`${token.rawName} needs a value, e.g. ${token.rawName} ${examples[token.name] ?? 'VALUE'}`);
      }
    }
    const { count, min = count, missing } = command.positionals ?? { count: 0 };
    const extra = words.slice(count);
    if (extra.length) problems.push(`unexpected "${extra.join(' ')}"; ${strayHint(name, command)}`);
    if (words.length < min) problems.push(missing ?? 'an argument is missing');
    if (rejectRepeats) {
      for (const option of command.options) {
        if (options.filter((t) => t.name === option).length > 1) problems.push(`--${option} is given more than once; give it once`);
      }
    }
    await command.run(values as Values, words, problems);
  }

  return { say, warn, loadNow, failWith, printTable, withDb, runCommand };
}

export interface WithDbOptions {
  /** What is wrong when a table is missing, from the error's message; by default the missing table. */
  missingTable?: string | ((message: string) => string);
  /** Said after "run `npm run db:migrate` (...) and try again.", e.g. "Nothing was deleted." */
  afterHint?: string;
}

// ---------------------------------------------------------------------------------------------
// Arguments: parsed leniently so that every problem is listed at once, not the first only.

/** An option as parseArgs's tokens give it. */
export interface OptionToken {
  kind: 'option';
  index: number;
  name: string;
  rawName: string;
  value?: string;
  inlineValue?: boolean;
}

/**
 * parseArgs that never throws: string options, boolean flags and --help/-h. Returns the option
 * tokens other than --help, and the words: positionals that are not really the value of an
 * unknown option (`--seats 5`).
 */
export function parseLeniently(args: string[], stringOptions: readonly string[], booleanFlags: readonly string[] = []) {
  const { values, tokens } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(stringOptions.map((o) => [o, { type: 'string' as const }])),
      ...Object.fromEntries(booleanFlags.map((o) => [o, { type: 'boolean' as const }])),
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const options: OptionToken[] = [];
  const swallowed = new Set<number>();
  for (const [i, token] of tokens.entries()) {
    if (token.kind !== 'option' || token.name === 'help') continue;
    options.push(token);
    if (!stringOptions.includes(token.name) && !booleanFlags.includes(token.name)) {
      const next = tokens[i + 1];
      if (!token.inlineValue && next?.kind === 'positional' && next.index === token.index + 1) swallowed.add(next.index);
    }
  }
  const words = tokens.flatMap((t) => (t.kind === 'positional' && !swallowed.has(t.index) ? [t.value] : []));
  return { values, options, words };
}

/** Option values by name (flags given with a value, such as --dry-run=1, hold that text). */
export type Values = Record<string, string | undefined>;

export interface Command {
  /** Options that take a value. */
  options: readonly string[];
  /**
   * How many positionals the command takes, and what to say when one is missing (default: none).
   * `min` when fewer are enough (a command with sub-commands of different lengths).
   */
  positionals?: { count: number; min?: number; missing?: string };
  /** Adds its own problems to those found in the arguments and fails before writing if any. */
  run: (values: Values, words: string[], problems: string[]) => Promise<void>;
}

export interface CommandLine {
  /** The arguments after the tool's name. */
  argv: string[];
  /** Starts every message, e.g. "contracts". */
  tool: string;
  usage: string;
  commands: Record<string, Command>;
  /** An example value per option, for "needs a value" problems (VALUE where none is given). */
  examples: Record<string, string>;
  /** Options of every command that take no value, such as dry-run. */
  booleanFlags?: readonly string[];
  /** What follows `unexpected "<words>"; ` for stray words. */
  strayHint: (name: string, command: Command) => string;
  /** Show the usage only for a bare --help/-h, not for --help=x (which is then ignored). */
  onlyBareHelp?: boolean;
  /** Report an option given more than once (parseArgs keeps the last, which may not be the one meant). */
  rejectRepeats?: boolean;
}

