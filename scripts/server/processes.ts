// How many server processes `npm start` runs (SERVER_PROCESSES): a whole number, or "auto" for
// one per core the machine offers. Pure, so its rules are unit-tested.

/** The count SERVER_PROCESSES asks for, or the reason it cannot be used. */
export function serverProcesses(value: string | undefined, cores: number): { ok: true; count: number } | { ok: false; message: string } {
  if (value === undefined || value.trim() === '') return { ok: true, count: 1 };
  if (value.trim() === 'auto') return { ok: true, count: Math.max(1, cores) };
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    return { ok: false, message: `SERVER_PROCESSES must be a whole number from 1 to 64, or "auto" (one per core); it is "${value}".` };
  }
  return { ok: true, count };
}

/** Node's own size of V8's pool of helper threads (garbage collection, compiling). */
const nodeDefaultHelpers = 4;

/**
 * The V8 flag for a server process's helper threads, or none when the operator set one
 * (node's command line or NODE_OPTIONS). Each process's event loop needs a core of its own; its
 * helpers get what is left, shared between the processes, at least 1 and at most Node's 4. On a
 * 2-core machine Node's 4 helpers, collecting garbage beside the loop, took its core from it
 * under load (docs/benchmarks.md: never-asked searches' p99 about halved with 1).
 */
export function helperThreadsFlag(cores: number, processes: number, execArgv: readonly string[], nodeOptions = ''): string[] {
  if ([...execArgv, ...nodeOptions.split(/\s+/)].some((a) => a.startsWith('--v8-pool-size'))) return [];
  const helpers = Math.max(1, Math.min(nodeDefaultHelpers, Math.floor(cores / Math.max(1, processes)) - 1));
  return [`--v8-pool-size=${helpers}`];
}
