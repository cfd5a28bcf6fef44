// Read access to the knowledge base for pages: published articles and categories, sorted and
// joined once per build.
import { getCollection, type CollectionEntry } from 'astro:content';
import { articleUrl } from '../lib/content-check';

export type ArticleEntry = CollectionEntry<'articles'>;
export type CategoryEntry = CollectionEntry<'categories'>['data'];

export interface Article {
  entry: ArticleEntry;
  slug: string;
  category: CategoryEntry;
  url: string;
}

let cache: Promise<{ categories: CategoryEntry[]; articles: Article[] }> | undefined;

export function loadKb() {
  cache ??= (async () => {
    const categories = (await getCollection('categories')).map((c) => c.data).sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
    const byId = new Map(categories.map((c) => [c.id, c]));
    const articles = (await getCollection('articles', (e) => !e.data.draft))
      .map((entry) => {
        const [categoryId, slug] = entry.id.split('/');
        const category = byId.get(categoryId)!;
        return { entry, slug, category, url: articleUrl(categoryId, slug) };
      })
      .sort((a, b) => a.entry.data.title.localeCompare(b.entry.data.title));
    return { categories, articles };
  })();
  return cache;
}

export function byUpdated(a: Article, b: Article) {
  return b.entry.data.updated.getTime() - a.entry.data.updated.getTime() || a.entry.data.title.localeCompare(b.entry.data.title);
}

export function formatDate(date: Date) {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
