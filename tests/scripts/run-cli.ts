// Runs a command-line tool as staff would, in one of two ways: its main() in this process (fast;
// what most tests use), or `node scripts/cli/<tool>.ts` in a child process, once per tool, to
// prove that the file still starts as a program and exits with main's code.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Env, Main } from '../../scripts/cli/command-line.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const execFileAsync = promisify(execFile);

export interface Result { status: number; stdout: string; stderr: string }

/** main(args, env, io) with io collecting what the tool writes. */
export async function runMain(main: Main, args: string[], env: Env): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, env, { stdout: (chunk) => { stdout += chunk; }, stderr: (chunk) => { stderr += chunk; } });
  return { status, stdout, stderr };
}

/** `node scripts/cli/<tool>.ts ...args` from the repository's root, with exactly this environment. */
export async function spawnCli(tool: string, args: string[], env: Env): Promise<Result> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [path.join(root, `scripts/cli/${tool}.ts`), ...args], { cwd: root, env, encoding: 'utf8' });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
