// The one pipeline every hand-edited content file goes through: split the frontmatter (articles,
// status incidents and maintenance), parse the YAML keeping node positions, check the value with
// its zod schema, and turn each zod issue into "file:line: field what-to-do". Articles, status
// seed files, plans, the SLA policy, status templates and search synonyms all read through here,
// so every build error has the same shape. Pure: callers read the files.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Renders a zod issue path the way authors write it: updates[2].at */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`))
    .join('');
}

/**
 * Splits a Markdown file into its frontmatter (the text between the leading --- lines, or null
 * when there is none) and its body; `bodyLine` is how many lines precede the body.
 */
export function splitFrontmatter(source: string): { frontmatter: string | null; body: string; bodyLine: number } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return { frontmatter: null, body: source, bodyLine: 0 };
  return { frontmatter: match[1], body: source.slice(match[0].length), bodyLine: match[0].split('\n').length - 1 };
}

/** A parsed YAML text: its plain value and the file line of any path into it. */
export interface YamlText {
  value: unknown;
  /** The line of the deepest node `path` reaches: a missing field is reported at the entry that lacks it. */
  lineOf: (path: readonly PropertyKey[]) => number;
}

/**
 * Parses YAML text that starts at line `firstLine` of `file` (1 for a whole file, 2 for a
 * frontmatter under its opening ---). `what` names the text in messages ("frontmatter").
 * Timestamps stay the strings authors wrote, so a missing UTC offset is reported, not guessed.
 */
export function readYaml(file: string, source: string, options: { firstLine?: number; what?: string } = {}): Checked<YamlText> {
  const offset = (options.firstLine ?? 1) - 1;
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const [error] = doc.errors;
    const line = lineCounter.linePos(error.pos[0]).line + offset;
    return { ok: false, errors: [`${file}:${line}: ${options.what ? `${options.what} ` : ''}is not valid YAML (${error.message.split('\n')[0]})`] };
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const start = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
      if (start !== undefined) return lineCounter.linePos(start).line + offset;
    }
    return 1 + offset;
  };
  return { ok: true, value: { value: doc.toJS() ?? undefined, lineOf } };
}

export interface IssueOptions {
  /** Where the value sits in the parsed text, e.g. [2] for the third entry of a list file. */
  at?: readonly PropertyKey[];
  /** Names the whole value when an issue has no path: "frontmatter", "(file)". */
  whole?: string;
  /** The keys allowed at a path, listed as the fix when an author writes an unknown one. */
  allowedKeys?: (path: readonly PropertyKey[]) => readonly string[] | undefined;
}

/** Zod issues as "file:line: field what-to-do", the line taken from the YAML text. */
export function issueMessages(file: string, yaml: Pick<YamlText, 'lineOf'>, issues: readonly z.core.$ZodIssue[], options: IssueOptions = {}): string[] {
  return issues.map((issue) => {
    const path = [...(options.at ?? []), ...issue.path];
    const where = formatPath(path) || (options.whole ?? '(file)');
    // An unknown key is reported on its own line, not on the line of the object holding it.
    const line = yaml.lineOf(issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]] : path);
    const allowed = issue.code === 'unrecognized_keys' ? options.allowedKeys?.(issue.path) : undefined;
    const message = issue.code === 'unrecognized_keys' && allowed
      ? `has unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed: ${allowed.join(', ')}`
      : issue.message;
    return `${file}:${line}: ${where} ${message}`;
  });
}

/** Checks parsed YAML (or one part of it, `options.at`) against a schema. */
export function checkYaml<S extends z.ZodType>(file: string, yaml: YamlText, value: unknown, schema: S, options: IssueOptions = {}): Checked<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: issueMessages(file, yaml, parsed.error.issues, options) };
}

/**
 * A whole YAML file through a schema. `source` null means the file does not exist: `missing`
 * says what it holds (and the file is then an error), or `fallback` is its value.
 */
export function parseYamlFile<S extends z.ZodType>(
  file: string,
  source: string | null,
  schema: S,
  options: IssueOptions & { holds: string; fallback?: z.input<S> },
): Checked<z.output<S>> {
  if (source === null && options.fallback === undefined) return { ok: false, errors: [`${file}: is missing; it holds ${options.holds}`] };
  const yaml: Checked<YamlText> = source === null ? { ok: true, value: { value: options.fallback, lineOf: () => 1 } } : readYaml(file, source);
  if (!yaml.ok) return yaml;
  return checkYaml(file, yaml.value, yaml.value.value ?? options.fallback, schema, options);
}

/** A Markdown file whose frontmatter is checked against a schema; the body is returned as written. */
export function parseFrontmatterFile<S extends z.ZodType>(
  file: string,
  source: string,
  schema: S,
  options: Omit<IssueOptions, 'whole' | 'at'> & { /** What the frontmatter must hold, for a file without one. */ holds: string },
): Checked<{ data: z.output<S>; body: string; bodyLine: number }> {
  const { frontmatter, body, bodyLine } = splitFrontmatter(source);
  if (frontmatter === null) return { ok: false, errors: [`${file}:1: has no frontmatter; start the file with a --- block holding ${options.holds}`] };
  const yaml = readYaml(file, frontmatter, { firstLine: 2, what: 'frontmatter' });
  if (!yaml.ok) return yaml;
  const checked = checkYaml(file, yaml.value, yaml.value.value ?? {}, schema, { ...options, whole: 'frontmatter' });
  return checked.ok ? { ok: true, value: { data: checked.value, body, bodyLine } } : checked;
}
