// Renders one article (MDX) to HTML when content is loaded: Sätteri (the Markdown/MDX parser
// Astro itself uses) parses it, the article components in ./components.ts become plain HTML,
// code blocks get Astro's Shiki highlighting and headings get GitHub-style ids. The page then
// inserts finished HTML, so 10,000 articles do not become 10,000 modules for the bundler.
import type { ElementContent, Element, Root, RootContent } from 'hast';
import type { MarkdownHeading } from 'astro';
import GithubSlugger from 'github-slugger';
import { toHtml } from 'hast-util-to-html';
import { mdxToHast } from 'satteri';
import { satteriCollectHastText, satteriCreateHighlightFn } from '@astrojs/markdown-satteri';
import type { SlaPolicy } from '../lib/sla.ts';
import { components, policyComponents, type Component } from './components.ts';
import { h } from './hast.ts';

export interface RenderedArticle {
  html: string;
  headings: MarkdownHeading[];
  /** What the author must fix, as "file:line: reason"; the parts in question are left out of html. */
  problems: string[];
}

type Highlight = (code: string, lang: string, meta?: string) => Promise<Element>;
type Node = RootContent & { position?: { start: { line: number } } };
interface MdxAttribute { type: string; name?: string; value?: string | null | { type: string; value: string } }

/** Lower-case tags an author may write inside an article, e.g. <kbd>Ctrl</kbd>. */
const allowedTags = new Set(['kbd', 'abbr', 'sub', 'sup', 'br', 'mark', 'small', 'details', 'summary', 'span', 'div', 'figure', 'figcaption', 'img']);

/** Astro's `markdown.shikiConfig`, so articles are highlighted like any Markdown in the site. */
export type ShikiConfig = Parameters<typeof satteriCreateHighlightFn>[1];

/**
 * Converts a parsed article to hast: components become HTML, headings get their ids from one
 * GitHub slugger (so the page and the link check agree), and code blocks are handed to `highlight`
 * (when given) to be replaced once the returned promise settles. Synchronous apart from that.
 */
function convertArticle(tree: Root, file: string, available: Record<string, Component>, highlight?: Highlight) {
  const slugger = new GithubSlugger();
  const headings: MarkdownHeading[] = [];
  const problems: string[] = [];
  const pending: Array<Promise<void>> = [];
  const fail = (node: Node, reason: string): null => {
    const line = node.position?.start.line;
    problems.push(`${file}${line ? `:${line}` : ''}: ${reason}`);
    return null;
  };

  function convert(nodes: RootContent[]): ElementContent[] {
    const out: ElementContent[] = [];
    for (const node of nodes as Node[]) {
      const result = convertNode(node);
      if (Array.isArray(result)) out.push(...result);
      else if (result) out.push(result);
    }
    return out;
  }

  function convertNode(node: Node): ElementContent | ElementContent[] | null {
    switch (node.type as string) {
      case 'text':
      case 'comment':
        return node as ElementContent;
      case 'element': {
        const element = node as Element;
        if (element.tagName === 'pre' && highlight) {
          const code = element.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
          if (code) {
            const lang = (code.data as { lang?: string } | undefined)?.lang ?? 'plaintext';
            const meta = (code.data as { meta?: string } | undefined)?.meta;
            // The highlighted block takes this element's place when it is ready.
            const placeholder: Element = { type: 'element', tagName: 'pre', properties: {}, children: [] };
            pending.push(highlight(textOf(code).replace(/\n$/, ''), lang, meta).then((highlighted) => void Object.assign(placeholder, highlighted)));
            return placeholder;
          }
        }
        const children = convert(element.children);
        if (/^h[1-6]$/.test(element.tagName)) {
          const text = textOf({ ...element, children });
          const slug = typeof element.properties.id === 'string' ? element.properties.id : slugger.slug(text);
          headings.push({ depth: Number(element.tagName[1]), slug, text });
          return { ...element, properties: { ...element.properties, id: slug }, children };
        }
        return { ...element, children };
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const jsx = node as unknown as { name: string | null; attributes: MdxAttribute[]; children: RootContent[] } & Node;
        const children = convert(jsx.children);
        if (jsx.name === null) return children;
        const props = attributesOf(jsx);
        if (!props) return null;
        const component = available[jsx.name];
        if (component) {
          const parsed = component.props.safeParse(props);
          if (!parsed.success) {
            const issues = parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')} ` : ''}${i.message}`);
            return fail(jsx, `<${jsx.name}>: ${issues.join('; ')}`);
          }
          return component.render(parsed.data, children);
        }
        if (allowedTags.has(jsx.name)) return h(jsx.name, props as Element['properties'], children);
        return fail(jsx, `unknown component <${jsx.name}>; articles may use ${Object.keys(available).map((c) => `<${c}>`).join(', ')} and plain tags such as <kbd>`);
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const value = String((node as { value?: string }).value ?? '').trim();
        // {/* comments */} are fine; anything else would need JavaScript at build time.
        if (/^\/\*[\s\S]*\*\/$/.test(value)) return null;
        return fail(node, `expressions such as {${value.slice(0, 40)}} are not supported in articles; write the text itself`);
      }
      case 'mdxjsEsm':
        return fail(node, 'import and export lines are not needed: the article components are available in every article');
      default:
        return null; // frontmatter (yaml/toml) and anything without HTML output
    }
  }

  function attributesOf(jsx: { name: string | null; attributes: MdxAttribute[] } & Node) {
    const props: Record<string, unknown> = {};
    for (const attr of jsx.attributes) {
      if (attr.type !== 'mdxJsxAttribute' || !attr.name) return fail(jsx, `<${jsx.name}>: spread attributes such as {...props} are not supported`);
      const value = attr.value;
      if (value === null || value === undefined) props[attr.name] = true;
      else if (typeof value === 'string') props[attr.name] = value;
      else {
        // Expression values must be plain data: JSON such as {["Port", "993"]} or {true}.
        try {
          props[attr.name] = JSON.parse(value.value);
        } catch {
          return fail(jsx, `<${jsx.name}> ${attr.name}={${value.value.slice(0, 40)}} must be plain data written as JSON, e.g. {[["Port", "993"]]}`);
        }
      }
    }
    return props;
  }

  const children = convert(tree.children);
  return { children, headings, problems, highlighted: Promise.all(pending) };
}

function parseArticle(source: string, file: string): { tree: Root } | { problem: string } {
  try {
    return { tree: mdxToHast(source, { features: { gfm: true, smartPunctuation: true, frontmatter: true } }) as Root };
  } catch (error) {
    // Sätteri's messages start with line:column, e.g. "3:1: Expected a closing tag for `<Steps>`".
    const message = (error as Error).message.split('\n')[0];
    return { problem: `${file}${/^\d+:\d+: /.test(message) ? ':' : ': '}${message}` };
  }
}

const componentsFor = (policy?: SlaPolicy) => (policy ? { ...components, ...policyComponents(policy) } : components);

/**
 * The heading ids an article's page will have, computed by the renderer itself (without
 * highlighting code), so the link check accepts exactly the anchors that exist on the page.
 */
export function articleHeadingIds(source: string, policy?: SlaPolicy): string[] {
  const parsed = parseArticle(source, '');
  if ('problem' in parsed) return [];
  return convertArticle(parsed.tree, '', componentsFor(policy)).headings.map((heading) => heading.slug);
}

/** `policy` (content/support/sla.yaml) enables <Sla> and <SlaExample>, which state its facts. */
export async function createArticleRenderer(shiki: ShikiConfig = {}, policy?: SlaPolicy) {
  const available = componentsFor(policy);
  const highlight = (await satteriCreateHighlightFn('shiki', shiki)) as Highlight | undefined;

  return async function renderArticle(source: string, file: string): Promise<RenderedArticle> {
    const parsed = parseArticle(source, file);
    if ('problem' in parsed) return { html: '', headings: [], problems: [parsed.problem] };
    const { children, headings, problems, highlighted } = convertArticle(parsed.tree, file, available, highlight);
    await highlighted;
    return { html: toHtml({ type: 'root', children }), headings, problems };
  };
}

/** The text of a node, as Astro's own heading-id and highlight plugins read it. */
const textOf = (node: ElementContent | Element): string => satteriCollectHastText(node as never, undefined);
