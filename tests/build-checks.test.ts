// The build refuses a broken corpus and says exactly what to fix; the e2e runner says how to get
// a browser when none is installed.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findChromium } from './e2e/browser';

function buildCorpus(contentDir: string) {
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    env: { ...process.env, CONTENT_DIR: contentDir },
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('astro build on a broken corpus', () => {
  it('fails before rendering anything, naming each file, line, field and link', () => {
    const result = buildCorpus('tests/fixtures/broken-corpus');
    const output = result.output;
    expect(result.status).toBe(1);
    expect(output).toContain('The content has 2 problem(s)');
    expect(output).toContain('tests/fixtures/broken-corpus/articles/email/imap-settings.mdx:4: type must be one of faq, tutorial, video');
    expect(output).toContain('tests/fixtures/broken-corpus/articles/email/smtp-settings.mdx:7: link "/articles/email/pop3-settings/" points to no page');
  });

  it('fails when an article uses a component it cannot render, naming the file, line and fix', () => {
    const result = buildCorpus('tests/fixtures/bad-components-corpus');
    const output = result.output;
    expect(result.status).toBe(1);
    expect(output).toContain('The articles have 2 problem(s) in their text');
    expect(output).toContain('tests/fixtures/bad-components-corpus/articles/email/imap-settings.mdx:9: unknown component <Tabs>');
    expect(output).toContain('tests/fixtures/bad-components-corpus/articles/email/imap-settings.mdx:13: <SettingsTable>: rows ');
  });
});

describe('finding Chromium for the end-to-end tests', () => {
  it('fails with the command that installs one when none is found', () => {
    expect(() => findChromium({}, ['/nonexistent/chromium'])).toThrow(/apt-get install -y chromium/);
  });

  it('uses CHROMIUM_PATH when set, and says so when it points nowhere', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath }, [])).toBe(process.execPath);
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chrome' }, [])).toThrow('CHROMIUM_PATH=/nonexistent/chrome does not exist');
  });
});
