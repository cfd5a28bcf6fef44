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
import { components, policyComponents } from './components.ts';
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

/** `policy` (content/support/sla.yaml) enables <Sla> and <SlaExample>, which state its facts. */
export async function createArticleRenderer(shiki: ShikiConfig = {}, policy?: SlaPolicy) {
  const available = policy ? { ...components, ...policyComponents(policy) } : components;
  const highlight = (await satteriCreateHighlightFn('shiki', shiki)) as Highlight | undefined;

  return async function renderArticle(source: string, file: string): Promise<RenderedArticle> {
    let tree: Root;
    try {
      tree = mdxToHast(source, { features: { gfm: true, smartPunctuation: true, frontmatter: true } }) as Root;
    } catch (error) {
      // Sätteri's messages start with line:column, e.g. "3:1: Expected a closing tag for `<Steps>`".
      const message = (error as Error).message.split('\n')[0];
      return { html: '', headings: [], problems: [`${file}${/^\d+:\d+: /.test(message) ? ':' : ': '}${message}`] };
    }
    const slugger = new GithubSlugger();
    const headings: MarkdownHeading[] = [];
    const problems: string[] = [];
    const fail = (node: Node, reason: string): null => {
      const line = node.position?.start.line;
      problems.push(`${file}${line ? `:${line}` : ''}: ${reason}`);
      return null;
    };

    async function convert(nodes: RootContent[]): Promise<ElementContent[]> {
      const out: ElementContent[] = [];
      for (const node of nodes as Node[]) {
        const result = await convertNode(node);
        if (Array.isArray(result)) out.push(...result);
        else if (result) out.push(result);
      }
      return out;
    }

    async function convertNode(node: Node): Promise<ElementContent | ElementContent[] | null> {
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
              return highlight(textOf(code).replace(/\n$/, ''), lang, meta);
            }
          }
          const children = await convert(element.children);
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
          const children = await convert(jsx.children);
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

    const children = await convert(tree.children);
    return { html: toHtml({ type: 'root', children }), headings, problems };
  };
}

/** The text of a node, as Astro's own heading-id and highlight plugins read it. */
const textOf = (node: ElementContent | Element): string => satteriCollectHastText(node as never, undefined);
