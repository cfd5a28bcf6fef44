// `npm run rollback`: serves the build before the current one again (running servers switch to it
// within a second); run it again to go forward.
import path from 'node:path';
import { rollback } from './builds.ts';

try {
  console.log(`Build ${path.basename(rollback())} is current again; running servers switch to it.`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
