// Content collections: knowledge-base articles (MDX) and their categories (YAML), read from
// CONTENT_DIR so a team can build the site from its own corpus.
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { articleSchema, categorySchema } from './lib/article-schema';
import { articlesDir, categoriesFile } from './config';

const articles = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: articlesDir }),
  schema: articleSchema,
});

const categories = defineCollection({
  loader: file(categoriesFile),
  schema: categorySchema,
});

export const collections = { articles, categories };
