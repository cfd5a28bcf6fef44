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

// A type alias, not an interface: getStaticPaths props must be assignable to a plain record.
export type CategoryPage = {
  category: CategoryEntry;
  articles: Article[];
  total: number;
  currentPage: number;
  lastPage: number;
};

/** Category listings, popular first then by title, cut into pages of `pageSize`. */
export async function categoryPages(pageSize = 50): Promise<CategoryPage[]> {
  const { categories, articles } = await loadKb();
  return categories.flatMap((category) => {
    const list = articles
      .filter((a) => a.category.id === category.id)
      .sort((a, b) => Number(b.entry.data.popular) - Number(a.entry.data.popular) || a.entry.data.title.localeCompare(b.entry.data.title));
    const lastPage = Math.max(1, Math.ceil(list.length / pageSize));
    return Array.from({ length: lastPage }, (_, i) => ({
      category, total: list.length, currentPage: i + 1, lastPage,
      articles: list.slice(i * pageSize, (i + 1) * pageSize),
    }));
  });
}
