// SERVER_PROCESSES: how many server processes `npm start` runs.
import { describe, expect, it } from 'vitest';
import { serverProcesses } from '../../scripts/server/processes';

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
