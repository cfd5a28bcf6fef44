// The one place that reads process.env: where content lives, what the site is called.
import path from 'node:path';

/** Folder holding `articles/<category>/<slug>.mdx` and `categories.yaml` (default ./content). */
export const contentDir = path.resolve(process.env.CONTENT_DIR ?? './content');
export const articlesDir = path.join(contentDir, 'articles');
export const categoriesFile = path.join(contentDir, 'categories.yaml');

export const site = {
  /** Name of the help center, shown in the header and titles. */
  name: process.env.SITE_NAME ?? 'Alpenhost Help Center',
  /** The company the help center serves. */
  company: process.env.SITE_COMPANY ?? 'Alpenhost',
};
