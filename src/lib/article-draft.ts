// A new knowledge-base article as a draft: its slug from the title and its starting source
// (frontmatter the schema accepts, and a body skeleton). Pure: the date and the taken slugs are passed in.
import { stringify } from 'yaml';
import type { ArticleType } from './article-schema.ts';

/** Long enough for a question, short enough that the URL stays readable in a chat or a mail. */
export const maxSlugLength = 60;

/**
 * The file name for a title: lowercase ASCII words joined by hyphens ("Réseau" gives "reseau"),
 * apostrophes dropped ("what's" gives "whats"), cut at a word boundary to at most 60 characters.
 * Empty when the title has no Latin letter or digit.
 */
export function slugFromTitle(title: string, maxLength = maxSlugLength): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  // A single word longer than the limit has no boundary to cut at; cut it where it is.
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : slug.slice(0, maxLength);
}

/** The slug itself when free, else the first of slug-2, slug-3... not taken (slugs are corpus-wide). */
export function uniqueSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${slug.slice(0, maxSlugLength - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Passes the schema's 10-character minimum, and says plainly what to replace it with. */
export const placeholderDescription = 'Draft: describe in one sentence what this article answers.';

/** Opening prompt and two headings per type, following how the published articles are built. */
const skeletons: Record<ArticleType, { opening: string; headings: [string, string] }> = {
  faq: {
    opening: 'Answer the question in the first two sentences, as you would on the phone. Then add what the reader needs to act on the answer.',
    headings: ['Details', 'If it still does not work'],
  },
  tutorial: {
    opening: 'Say in one or two sentences what the reader will have done at the end, and how long it takes.',
    headings: ['Before you start', 'Steps'],
  },
  video: {
    opening: 'Say in one or two sentences what the video shows and how long it is; the transcript goes below the player.',
    headings: ['What you will need', 'Transcript'],
  },
};

/** One YAML scalar, quoted only when needed and never folded over several lines. */
const scalar = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd();

/**
 * The source of a new draft. `draft: true` keeps it off the site while it is written, and the
 * title in lowercase is its first alias so search matches it before anyone adds others.
 */
export function draftSource(input: { title: string; type: ArticleType; updated: string }): string {
  const title = input.title.trim();
  const { opening, headings } = skeletons[input.type];
  return `---
title: ${scalar(title)}
description: ${scalar(placeholderDescription)}
type: ${input.type}
products: []
tags: []
updated: ${input.updated}
aliases:
  - ${scalar(title.toLowerCase())}
related: []
draft: true
---

${opening}

## ${headings[0]}

Replace this paragraph.

## ${headings[1]}

Replace this paragraph.
`;
}
