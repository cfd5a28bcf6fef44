// `npm run build`: astro build, the Pagefind index and the brotli/gzip copies, all into a new
// folder under dist/builds/, then one rename makes it current. Running servers switch to it on
// their own (scripts/server/live-build.ts); a failed build leaves the served one untouched.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { activate, distRoot, newBuildFolder, sourcesNow, writeStamp } from '../server/builds.ts';

const before = sourcesNow();
const dir = newBuildFolder();
const client = path.join(dir, 'client');
const steps = [
  ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', dir],
  ['scripts/build/index-search.ts', client],
  ['scripts/build/compress.ts', client],
];
for (const args of steps) {
  const { status } = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    console.error(`The build failed (${args[0]}); ${path.relative('.', distRoot())}/current still serves the previous build.`);
    process.exit(status ?? 1);
  }
}
writeStamp(dir, before);
activate(dir);
console.log(`Build ${path.basename(dir)} is current (${path.relative('.', path.join(distRoot(), 'current'))}); running servers switch to it.`);
