// Whether the server process is still serving the build this code was bundled into. A server
// that switches to a new build keeps the old one loaded (ES modules cannot be unloaded), so the
// old build's status polling and caches would otherwise live on, one set per redeploy.
// scripts/server/http-server.ts names the served build's client folder under a global symbol;
// outside it (astro dev, tests that import modules) every build counts as served.
import fs from 'node:fs';
import path from 'node:path';
import { builtClientDir } from '../config';

const servingKey = Symbol.for('cairn.servingClient');
const own = (() => {
  try {
    return fs.realpathSync(builtClientDir);
  } catch {
    return undefined;
  }
})();

/** Whether this build is the one being served (after a rollback, again). */
export function isServedBuild(): boolean {
  const serving = (globalThis as Record<symbol, string | undefined>)[servingKey];
  return serving === undefined || own === undefined || serving === own;
}

/**
 * Offers `value` to scripts/server/http-server.ts under `key`, for this build (found by its client
 * folder: a server bundle keeps its caches in its own modules, and two builds can be open side by
 * side). Outside a build folder (astro dev) nothing is offered and Astro answers every request.
 */
export function offerToServer(key: string, value: unknown): void {
  if (own === undefined) return;
  (((globalThis as Record<symbol, unknown>)[Symbol.for(key)] ??= new Map()) as Map<string, unknown>).set(own, value);
}

const retired: Array<() => void> = [];

/** `release` runs each time the server stops serving this build: drop what only it would use. */
export function onBuildRetired(release: () => void): void {
  retired.push(release);
}

let served = true;
setInterval(() => {
  const now = isServedBuild();
  if (served && !now) {
    for (const release of retired) release();
    console.log(`Build ${path.basename(path.dirname(own ?? ''))} retired: its caches dropped, its status polling paused.`);
  }
  served = now;
}, 1000).unref();
