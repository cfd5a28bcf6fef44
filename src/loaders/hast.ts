// A few lines to build hast trees by hand, for the article components in ./components.ts.
import type { Element, ElementContent, Properties, Text } from 'hast';

export type Child = ElementContent | string | null | undefined | false | Child[];

export function h(tagName: string, properties: Properties = {}, ...children: Child[]): Element {
  return { type: 'element', tagName, properties, children: flatten(children) };
}

export function text(value: string): Text {
  return { type: 'text', value };
}

export function flatten(children: Child[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) out.push(...flatten(child));
    else out.push(typeof child === 'string' ? text(child) : child);
  }
  return out;
}
