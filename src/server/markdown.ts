// Markdown for status updates and postmortems. Raw HTML in the source is shown as text: these
// files are written in a hurry at 3 a.m., and a stray tag must not break the page.
import { Marked } from 'marked';
import { escapeHtml } from './http';

const md = new Marked({ gfm: true, breaks: false });
md.use({ renderer: { html: ({ text }) => escapeHtml(text) } });

export function marked(source: string): string {
  return md.parse(source, { async: false });
}
