// The content contract for knowledge-base articles and categories: the zod schemas the build
// validates every file against. Pure (no Astro imports) so unit tests and CLIs share it.
import { z } from 'zod';

/** The kinds of article; drives the badge on cards and the search filter. */
export const articleTypes = ['faq', 'tutorial', 'video'] as const;
export type ArticleType = (typeof articleTypes)[number];
export const articleTypeLabels: Record<ArticleType, string> = {
  faq: 'FAQ',
  tutorial: 'Tutorial',
  video: 'Video',
};

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug such as "renew-a-domain"');

export const articleSchema = z
  .object({
    /** The question or task, as a customer would phrase it. Shown as the page heading. */
    title: z.string().trim().min(3, 'must be at least 3 characters').max(120, 'must be at most 120 characters'),
    /** One or two sentences for search results, cards and the meta description. */
    description: z.string().trim().min(10, 'must be at least 10 characters').max(240, 'must be at most 240 characters'),
    /** faq: a short answer; tutorial: numbered steps; video: built around a video. */
    type: z.enum(articleTypes, { error: `must be one of ${articleTypes.join(', ')}` }),
    /** Products the article is about (e.g. "mail-service"); used for filtering. */
    products: z.array(slug).default([]),
    /** Free keywords; indexed by search. */
    tags: z.array(z.string().trim().min(1)).default([]),
    /** Date of the last meaningful change (YYYY-MM-DD). */
    updated: z.coerce.date({ error: 'must be a date such as 2026-11-30' }),
    /** Other ways customers phrase the question; weighted like the title in search. */
    aliases: z.array(z.string().trim().min(2)).default([]),
    /** Slugs (file names without .mdx) of articles to list under "Related articles". */
    related: z.array(slug).default([]),
    /** Featured in "Popular articles" on the home page. */
    popular: z.boolean().default(false),
    /** Drafts are validated but not published. */
    draft: z.boolean().default(false),
  })
  .strict();

export type ArticleData = z.infer<typeof articleSchema>;

export const categorySchema = z
  .object({
    /** Folder name under articles/ and URL segment. */
    id: slug,
    title: z.string().trim().min(2),
    description: z.string().trim().min(10),
    /** Position on the home page, lowest first. */
    order: z.number().int(),
    /** Icon name, see src/components/CategoryIcon.astro. */
    icon: z.string().default('book'),
  })
  .strict();

export type Category = z.infer<typeof categorySchema>;
