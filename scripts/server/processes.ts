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
