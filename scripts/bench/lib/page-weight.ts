// Weighs one built page as a first visit downloads it before any interaction: the HTML, the
// stylesheets it links, and the JavaScript it runs on load, each gzipped at level 9. Shared by the
// Cairn and Starlight benchmarks so both sites are measured by the same rules.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// What counts as "loaded before interaction":
// - <link rel="stylesheet"> and the CSS files they @import;
// - every <script src> (module or classic) and <link rel="modulepreload">, plus the static
//   imports of those modules, followed transitively. Dynamic import() is lazy and not counted
//   there; what it can fetch (literal specifiers only) is reported apart as lazyJs*, because a
//   site may fire it on idle rather than on demand (Starlight loads its search UI that way);
// - Astro islands hydrated without user action (client:load, client:idle, client:only): their
//   component-url and renderer-url. client:visible and client:media wait for the reader.
// Inline <style> and <script> are already part of the HTML bytes. Fonts, images and search
// indexes are not counted: neither site loads them for an article before a search or scroll.
const EAGER_ISLANDS = new Set(['load', 'idle', 'only']);

/**
 * @param distDir directory the site is served from (`/` maps here): Starlight's `dist`, Cairn's
 *   `dist/client`
 * @param htmlPath the page's HTML file, absolute or relative to distDir
 */
export function pageWeight(distDir: string, htmlPath: string) {
  const root = path.resolve(distDir);
  const htmlFile = path.resolve(root, htmlPath);
  const html = readOrThrow(htmlFile, `page ${htmlPath}`);
  const pageUrl = '/' + toPosix(path.relative(root, htmlFile)).replace(/(^|\/)index\.html$/, '$1');

  const css = new Set<string | null>();
  const js = new Set<string | null>();
  for (const tag of html.matchAll(/<(link|script|astro-island)\b([^>]*)>/gi)) {
    const name = tag[1].toLowerCase();
    const attrs = parseAttributes(tag[2]);
    if (name === 'link') {
      const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('stylesheet') && attrs.href) css.add(urlToFile(root, attrs.href, pageUrl));
      if (rel.includes('modulepreload') && attrs.href) js.add(urlToFile(root, attrs.href, pageUrl));
    } else if (name === 'script') {
      const type = (attrs.type ?? '').toLowerCase();
      const runs = type === '' || type === 'module' || type.includes('javascript');
      if (attrs.src && runs) js.add(urlToFile(root, attrs.src, pageUrl));
    } else if (attrs.client !== undefined && EAGER_ISLANDS.has(attrs.client)) {
      for (const key of ['component-url', 'renderer-url']) if (attrs[key]) js.add(urlToFile(root, attrs[key], pageUrl));
    }
  }
  const cssFiles = closure(root, [...css].filter((f) => f !== null), cssImports);
  const jsFiles = closure(root, [...js].filter((f) => f !== null), jsImports);
  const lazyStart = jsFiles.flatMap((f) => resolveAll(root, f, dynamicImports(fs.readFileSync(f, 'utf8'))));
  const lazyJsFiles = closure(root, [...new Set(lazyStart)], jsImports).filter((f) => !jsFiles.includes(f));

  const htmlBuffer = Buffer.from(html);
  const sum = (files: string[]) => files.reduce((acc, f) => {
    const data = fs.readFileSync(f);
    return { bytes: acc.bytes + data.length, gzip: acc.gzip + gzipSize(data) };
  }, { bytes: 0, gzip: 0 });
  const cssSum = sum(cssFiles);
  const jsSum = sum(jsFiles);
  const lazySum = sum(lazyJsFiles);
  return {
    url: pageUrl,
    htmlBytes: htmlBuffer.length,
    htmlGzip: gzipSize(htmlBuffer),
    cssBytes: cssSum.bytes,
    cssGzip: cssSum.gzip,
    jsBytes: jsSum.bytes,
    jsGzip: jsSum.gzip,
    lazyJsBytes: lazySum.bytes,
    lazyJsGzip: lazySum.gzip,
    cssFiles: cssFiles.map((f) => toPosix(path.relative(root, f))),
    jsFiles: jsFiles.map((f) => toPosix(path.relative(root, f))),
    lazyJsFiles: lazyJsFiles.map((f) => toPosix(path.relative(root, f))),
  };
}

const gzipSize = (data: Buffer) => zlib.gzipSync(data, { level: 9 }).length;
const toPosix = (p: string) => p.split(path.sep).join('/');

function readOrThrow(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${what} not found at ${file}: is the site built, and is distDir the directory served at /?`);
  }
}

/** Attribute values of one tag, unquoted; bare attributes map to ''. */
function parseAttributes(source: string): Record<string, string | undefined> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

const entities: Record<string, string> = { amp: '&', quot: '"', '#39': "'", '#x27': "'", lt: '<', gt: '>' };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (_, e: string) => entities[e]);
}

/**
 * A same-site URL as a file under root; null for other origins and data: URLs. A URL the HTML
 * names must exist; one found by scanning JS text may be a false match (an example in a comment).
 */
function urlToFile(root: string, url: string, fromUrl: string, required = true): string | null {
  if (/^(data|blob|javascript):/i.test(url)) return null;
  const resolved = new URL(url, new URL(fromUrl, 'http://site.invalid'));
  if (resolved.origin !== 'http://site.invalid') return null;
  const file = path.join(root, decodeURIComponent(resolved.pathname));
  if (!file.startsWith(root + path.sep)) return null;
  if (!required) return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
  readOrThrow(file, `${url} (linked from ${fromUrl})`);
  return file;
}

/** The files a module's specifiers point at, resolved against the module's own URL. */
function resolveAll(root: string, file: string, specs: string[]): string[] {
  const fileUrl = '/' + toPosix(path.relative(root, file));
  // Bare specifiers cannot be fetched by a browser without an import map; Astro never emits them.
  return specs.filter((s) => /^(\.{1,2}\/|\/)/.test(s)).map((s) => urlToFile(root, s, fileUrl, false)).filter((f) => f !== null);
}

/** Files reachable from `start` through `importsOf`, each once, in discovery order. */
function closure(root: string, start: string[], importsOf: (code: string) => string[]): string[] {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length) {
    const file = queue.shift()!;
    for (const dep of resolveAll(root, file, importsOf(fs.readFileSync(file, 'utf8')))) {
      if (!seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  return [...seen];
}

// Static `import … from "x"`, `import "x"` and `export … from "x"` in bundler output (minified
// or not). `import("x")` is a dynamic import and deliberately does not match.
function jsImports(code: string): string[] {
  const specs: string[] = [];
  const re = /(?:^|[;\s})])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"'\n]+)["']/g;
  for (const m of code.matchAll(re)) specs.push(m[1]);
  return specs;
}

// `import("x")` with a literal specifier; computed ones cannot be followed statically.
function dynamicImports(code: string): string[] {
  return [...code.matchAll(/\bimport\s*\(\s*(["'`])([^"'`$\n]+)\1\s*\)/g)].map((m) => m[2]);
}

function cssImports(code: string): string[] {
  return [...code.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/g)].map((m) => m[1]);
}
