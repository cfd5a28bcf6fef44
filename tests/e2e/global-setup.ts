// Builds the site once (unless E2E_SKIP_BUILD=1), serves it and hands the URL to every e2e file.
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { findChromium } from './browser';
import { startServer, tempDatabase } from './server';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string }
}

export default async function setup(project: TestProject) {
  findChromium(); // fail fast, with the install command, before spending time on a build
  if (process.env.E2E_SKIP_BUILD !== '1') {
    execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const database = await tempDatabase();
  // Every browser in the suite searches from 127.0.0.1; the relevance suite alone asks 52 questions.
  const server = await startServer({ DATABASE_URL: database.url, SEARCH_RATE_LIMIT: '10000' });
  project.provide('baseUrl', server.url);
  return async () => {
    await server.stop();
    database.dispose();
  };
}
