// The build a running server answers from, and the switch to a new one without a failed request.
// The server opens the build `current` points to; when `npm run build` (or `npm run rollback`)
// repoints it, the new build is opened beside the old one (Astro's server bundle keeps its state
// in its own modules, so two load side by side) and swapped in for new requests. Requests already
// in flight finish on the old build, whose files stay on disk as `previous`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { currentBuild, distRoot, hasPointer } from './builds.ts';

// How often the pointer is read: one realpath per half second, and a switch within a second.
const checkEveryMs = 500;

/**
 * Opens the current build with `open(dir)` and keeps `live.current` on the build the pointer
 * names. `open` must finish everything that can fail before it returns, so a build that cannot
 * be opened is reported and the server keeps answering from the one it has. `served(build)` is
 * told each build the server answers from, first and after each switch.
 */
export async function followCurrentBuild<Build>(open: (dir: string) => Promise<Build>, root = distRoot(), served: (build: Build) => void = () => {}): Promise<{ current: Build }> {
  let seen = currentBuild(root);
  const live = { current: await open(seen) };
  served(live.current);
  if (!hasPointer(root)) return live;

  const pointer = path.join(root, 'current');
  let switching = false;
  const check = async () => {
    const next = await fs.realpath(pointer).catch(() => seen);
    if (next === seen || switching) return;
    switching = true;
    seen = next; // a build that fails to open is not retried until the pointer moves again
    const started = performance.now();
    try {
      live.current = await open(next);
      served(live.current);
      console.log(`Serving build ${path.basename(next)} (switched in ${Math.round(performance.now() - started)} ms).`);
    } catch (e) {
      console.error(`Could not open the build ${next}; still serving the one before:`, e);
    } finally {
      switching = false;
    }
  };
  setInterval(check, checkEveryMs).unref();
  return live;
}
