// Content collections: knowledge-base articles (MDX, rendered to HTML as they load) and their
// categories (YAML), read from CONTENT_DIR so a team can build the site from its own corpus.
import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { articleSchema, categorySchema } from './lib/article-schema';
import { articleLoader } from './loaders/articles';
import { articlesDir, categoriesFile } from './config';

const articles = defineCollection({
  loader: articleLoader({ base: articlesDir }),
  schema: articleSchema,
});

const categories = defineCollection({
  loader: file(categoriesFile),
  schema: categorySchema,
});

export const collections = { articles, categories };
