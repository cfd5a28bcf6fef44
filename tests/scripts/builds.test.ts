// The builds tree of scripts/server/builds.ts in a temp folder: which build is current after each
// `npm run build` and `npm run rollback`, what is kept, and what tools find at dist/client.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activate, currentBuild, newBuildFolder, rollback } from '../../scripts/server/builds.ts';

let root: string;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-builds-')); });
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** What `npm run build` leaves: a new folder with the page it built, made current. */
function build(page: string): string {
  const dir = newBuildFolder(root);
  fs.mkdirSync(path.join(dir, 'client'));
  fs.mkdirSync(path.join(dir, 'server'));
  fs.writeFileSync(path.join(dir, 'client/index.html'), page);
  activate(dir, root);
  return dir;
}

const served = () => fs.readFileSync(path.join(root, 'client/index.html'), 'utf8');
const builds = () => fs.readdirSync(path.join(root, 'builds')).length;

describe('the builds tree', () => {
  it('makes each new build current, keeps the one before it and deletes older ones', () => {
    build('first');
    const second = build('second');
    const third = build('third');
    expect(currentBuild(root)).toBe(third);
    expect(fs.realpathSync(path.join(root, 'previous'))).toBe(second);
    expect(builds()).toBe(2);
    expect(served()).toBe('third');
  });

  it('goes back to the previous build on rollback, and forward again on a second one', () => {
    const first = build('first');
    const second = build('second');
    expect(rollback(root)).toBe(first);
    expect(served()).toBe('first');
    expect(rollback(root)).toBe(second);
    expect(served()).toBe('second');
  });

  it('has nothing to roll back to after the first build', () => {
    build('first');
    expect(() => rollback(root)).toThrow(/No previous build/);
  });

  it('keeps a build started later that has not finished yet', () => {
    const older = newBuildFolder(root);
    fs.mkdirSync(path.join(older, 'client'));
    const running = path.join(root, 'builds', '9999-still-building');
    fs.mkdirSync(running);
    activate(older, root);
    build('next');
    expect(fs.existsSync(running)).toBe(true);
  });

  it('replaces the single-folder layout of earlier versions', () => {
    fs.mkdirSync(path.join(root, 'client'));
    fs.writeFileSync(path.join(root, 'client/index.html'), 'old layout');
    fs.writeFileSync(path.join(root, '.cairn-build.json'), '{}');
    expect(currentBuild(root)).toBe(root);
    build('new');
    expect(served()).toBe('new');
    expect(fs.existsSync(path.join(root, '.cairn-build.json'))).toBe(false);
  });
});
