// `npm run screenshots`: serves the built site and saves screenshots of the main pages (light and
// dark, desktop and phone) to docs/screenshots/, for the README and for reviewing changes.
import fs from 'node:fs';
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { startServer } from '../../tests/e2e/server.ts';
import { cliTools, exitCode, runIfEntry, type Env, type Io } from './command-line.ts';

export async function main(argv: string[], env: Env, io: Io): Promise<number> {
  const { say } = cliTools(env, io);
  return exitCode(async () => {
    const out = argv[0] ?? 'docs/screenshots';
    const pages = (env.SCREENSHOT_PAGES ?? '/,/articles/email/,/articles/email/mail-client-settings/,/search/?q=outgoing%20mail%20port,/support/,/nope/').split(',');
    fs.mkdirSync(out, { recursive: true });
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      for (const [label, viewport, theme] of [['desktop', { width: 1280, height: 900 }, 'light'], ['dark', { width: 1280, height: 900 }, 'dark'], ['phone', { width: 390, height: 844 }, 'light']] as const) {
        const context = await browser.newContext({ viewport, colorScheme: theme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        for (const p of pages) {
          await page.goto(server.url + p);
          if (p.startsWith('/search/')) await page.locator('.hit').first().waitFor({ timeout: 5000 }).catch(() => {});
          const name = (p.replace(/[/?=%]+/g, '-').replace(/^-|-$/g, '') || 'home') + `.${label}.png`;
          await page.screenshot({ path: `${out}/${name}`, fullPage: env.FULL_PAGE === '1' });
          say(`${out}/${name}`);
        }
        await context.close();
      }
    } finally {
      await browser.close();
      await server.stop();
    }
  });
}

await runIfEntry(import.meta, main);
