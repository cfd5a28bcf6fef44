// Two projects: fast unit tests of pure modules, and end-to-end tests that build the site,
// serve it and drive Chromium.
import { defineConfig } from 'vitest/config';
import { readSupport, supportPlugin } from './src/integrations/content-check.ts';

// Server modules tested in-process (src/server/tickets.ts) read the support policy through the
// build's virtual module; unit tests get the same, from content/support.
const support = readSupport('content/support');
if (!support.ok) throw new Error(support.errors.join('\n'));

export default defineConfig({
  test: {
    // Two files at a time, also end to end: a file spends half its time waiting on its servers
    // and browser, so two of them keep both cores busy (8 min 22 s for npm test against 12 min 5 s
    // one at a time). Vitest's default, one worker fewer than the cores, would be one here.
    maxWorkers: 2,
    projects: [
      {
        plugins: [supportPlugin(support.content)],
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
