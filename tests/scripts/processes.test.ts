// SERVER_PROCESSES: how many server processes `npm start` runs, and the helper threads each gets.
import { describe, expect, it } from 'vitest';
import { helperThreadsFlag, serverProcesses } from '../../scripts/server/processes';

describe('serverProcesses', () => {
  it('runs one process unless told otherwise', () => {
    expect(serverProcesses(undefined, 8)).toEqual({ ok: true, count: 1 });
    expect(serverProcesses(' ', 8)).toEqual({ ok: true, count: 1 });
  });

  it('takes a whole number, or "auto" for one per core', () => {
    expect(serverProcesses('3', 8)).toEqual({ ok: true, count: 3 });
    expect(serverProcesses('auto', 2)).toEqual({ ok: true, count: 2 });
    expect(serverProcesses('auto', 0)).toEqual({ ok: true, count: 1 });
  });

  it.each(['0', '-2', '1.5', 'two', '65'])('refuses %s with a sentence saying what it takes', (value) => {
    expect(serverProcesses(value, 8)).toEqual({ ok: false, message: expect.stringContaining('SERVER_PROCESSES must be a whole number from 1 to 64') });
  });
});

describe('helperThreadsFlag', () => {
  it('leaves each process a core for its event loop and gives its helpers what is left', () => {
    expect(helperThreadsFlag(2, 1, [])).toEqual(['--v8-pool-size=1']);
    expect(helperThreadsFlag(4, 1, [])).toEqual(['--v8-pool-size=3']);
    expect(helperThreadsFlag(16, 1, [])).toEqual(['--v8-pool-size=4']); // Node's own default, no more
    expect(helperThreadsFlag(8, 8, [])).toEqual(['--v8-pool-size=1']);
    expect(helperThreadsFlag(2, 4, [])).toEqual(['--v8-pool-size=1']);
  });

  it("keeps the operator's own setting, on the command line or in NODE_OPTIONS", () => {
    expect(helperThreadsFlag(2, 1, ['--v8-pool-size=6'])).toEqual([]);
    expect(helperThreadsFlag(2, 1, ['--import', 'x'], '--max-old-space-size=512 --v8-pool-size=3')).toEqual([]);
  });
});
