// Markdown for status updates, incident descriptions and postmortems: one engine (marked) for the
// page, the permalinks and the Atom/RSS feeds. These files are written in a hurry at 3 a.m. by
// staff, yet read by everyone, so the output only ever holds what Markdown itself makes.
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './html.ts';

export interface StatusMarkdownOptions {
  /** Makes a root-relative link absolute; feed readers resolve relative links unreliably. */
  absolute?: (path: string) => string;
  /** Levels added to headings, so a "## Cause" sits below the heading of the entry around it. */
  headingOffset?: number;
}

/**
 * Link and image targets that stay links: web pages, mail addresses and paths on this site. A
 * `javascript:` or `data:` URL, or a relative path that would resolve differently in a feed,
 * is shown as the Markdown the author wrote.
 */
const safeTarget = /^(?:https?:\/\/|mailto:|\/)/i;

function engine({ absolute = (path: string) => path, headingOffset = 0 }: StatusMarkdownOptions) {
  const target = (href: string) => (href.startsWith('/') && !href.startsWith('//') ? absolute(href) : href);
  return new Marked({ gfm: true, breaks: false }).use({
    renderer: {
      // Raw HTML is shown as text: a stray tag must not break the page or run anything.
      html: ({ text, block }: Tokens.HTML | Tokens.Tag) => (block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text)),
      heading({ tokens, depth }: Tokens.Heading) {
        const level = Math.min(6, depth + headingOffset);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      link({ href, title, tokens, raw }: Tokens.Link) {
        if (!safeTarget.test(href)) return escapeHtml(raw);
        const titled = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(target(href))}"${titled}>${this.parser.parseInline(tokens)}</a>`;
      },
      image({ href, title, text, raw }: Tokens.Image) {
        if (!safeTarget.test(href)) return escapeHtml(raw);
        const titled = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(target(href))}" alt="${escapeHtml(text)}"${titled}>`;
      },
    },
  });
}

const plain = engine({});

/** HTML for a status text; options shift headings and absolutise links for feeds. */
export function statusMarkdown(source: string, options?: StatusMarkdownOptions): string {
  return (options ? engine(options) : plain).parse(source, { async: false });
}
