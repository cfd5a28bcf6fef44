// Where builds live and which one is served. `npm run build` writes each build into a folder of
// its own and only then repoints `current`, so a running server never sees a half-written build:
//
//   dist/builds/<id>/         client/, server/ and .cairn-build.json of one build
//   dist/current -> builds/<id>    the build servers answer from (a symlink, replaced by rename)
//   dist/previous -> builds/<id>   the one before, kept for `npm run rollback`
//   dist/client, dist/server       links through current/, for tools that read a build's files
//
// DIST_DIR moves the whole tree (tests, benchmarks). A folder with client/ and server/ and no
// current/ (a plain `astro build --outDir`, as the benchmarks make) is served as it is.
import fs from 'node:fs';
import path from 'node:path';

export const distRoot = () => path.resolve(process.env.DIST_DIR ?? 'dist');

const stampName = '.cairn-build.json';

/** The build folder `current` points to, resolved once (a later switch does not change it). */
export function currentBuild(root = distRoot()) {
  const pointer = path.join(root, 'current');
  if (fs.existsSync(pointer)) return fs.realpathSync(pointer);
  return root;
}

/** True when the root is the builds tree above rather than one plain build folder. */
export const hasPointer = (root = distRoot()) => fs.existsSync(path.join(root, 'current'));

/** A new, empty folder for the next build; ids sort by time, so pruning can tell old from new. */
export function newBuildFolder(root = distRoot()) {
  const id = new Date().toISOString().replace(/[:.]/g, '-');
  fs.mkdirSync(path.join(root, 'builds'), { recursive: true });
  // A build started in the same millisecond gets -1, -2…, which still sorts after it.
  for (let n = 0; ; n++) {
    const dir = path.join(root, 'builds', n ? `${id}-${n}` : id);
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Points `name` at `target` in one rename, so a reader sees the old link or the new, never none. */
function replaceLink(root: string, name: string, target: string) {
  const temporary = path.join(root, `.${name}-${process.pid}`);
  fs.rmSync(temporary, { force: true });
  fs.symlinkSync(path.relative(root, target), temporary);
  fs.renameSync(temporary, path.join(root, name));
}

/**
 * Makes `buildDir` the build servers answer from: `previous` keeps the build it replaces, the
 * links for tools are made (replacing a client/ and server/ from the single-folder layout of
 * earlier versions), and builds older than both are deleted.
 */
export function activate(buildDir: string, root = distRoot()) {
  const replaced = hasPointer(root) ? currentBuild(root) : null;
  replaceLink(root, 'current', buildDir);
  if (replaced && replaced !== buildDir) replaceLink(root, 'previous', replaced);
  for (const part of ['client', 'server']) {
    const link = path.join(root, part);
    if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) continue;
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(path.join('current', part), link);
  }
  fs.rmSync(path.join(root, stampName), { force: true });
  prune(root, [buildDir, replaced]);
}

/** Deletes the builds older than the ones kept; newer ones may be another build still running. */
function prune(root: string, keep: Array<string | null>) {
  const kept = keep.filter((dir) => dir !== null).map((dir) => path.basename(dir));
  const newest = kept.toSorted().at(-1) ?? '';
  for (const id of fs.readdirSync(path.join(root, 'builds'))) {
    if (!kept.includes(id) && id < newest) fs.rmSync(path.join(root, 'builds', id), { recursive: true, force: true });
  }
}

/** Swaps `current` and `previous`: the build before the last one is served again. */
export function rollback(root = distRoot()) {
  const previous = path.join(root, 'previous');
  if (!fs.existsSync(previous)) throw new Error(`No previous build in ${root} to go back to.`);
  const target = fs.realpathSync(previous);
  const replaced = currentBuild(root);
  replaceLink(root, 'current', target);
  replaceLink(root, 'previous', replaced);
  return target;
}

// What a build was made from, so `npm start` rebuilds only when something changed since.
const contentDir = () => path.resolve(process.env.CONTENT_DIR ?? './content');
const sources = () => ['src', 'public', 'db/schema.ts', 'astro.config.mjs', 'package.json', 'scripts/build/build.ts', 'scripts/server/builds.ts', 'scripts/build/index-search.ts', 'scripts/build/compress.ts', contentDir(), 'content/support'];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** What to record before building: a source saved during the build then counts as newer. */
export const sourcesNow = () => ({ contentDir: contentDir(), sourcesMtime: Math.max(...sources().map(newestMtime)) });

export function writeStamp(buildDir: string, before: ReturnType<typeof sourcesNow>) {
  fs.writeFileSync(path.join(buildDir, stampName), JSON.stringify({ ...before, builtAt: new Date().toISOString() }));
}

/** The current build was made from the same content folder and nothing in the sources is newer. */
export function buildIsCurrent(root = distRoot()) {
  const build = currentBuild(root);
  const stampFile = path.join(build, stampName);
  if (!fs.existsSync(path.join(build, 'server/entry.mjs')) || !fs.existsSync(stampFile)) return false;
  const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as ReturnType<typeof sourcesNow>;
  const now = sourcesNow();
  return stamp.contentDir === now.contentDir && now.sourcesMtime <= stamp.sourcesMtime;
}
