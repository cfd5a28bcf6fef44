// The security headers of every response, in one place. Astro hashes each page's scripts and
// styles (security.csp in astro.config.mjs takes contentSecurityPolicy() below) and sends that CSP
// itself on the pages it renders on demand; scripts/server/serve.ts sets securityHeaders() on everything
// it answers first: prerendered pages with the CSP Astro wrote for them in dist/_headers.json,
// assets, 404s and API answers.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AstroUserConfig } from 'astro';
import { siteUrl } from '../config.ts';
import { isConsolePath } from '../lib/console-paths.ts';

type CspConfig = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;

/**
 * Console answers: staff act on customer data there, so no site may frame them (clickjacking).
 * Adds frame-ancestors to the CSP the headers carry, and X-Frame-Options for older browsers.
 */
export function forbidFraming(headers: Headers): void {
  const csp = headers.get('Content-Security-Policy');
  if (csp) headers.set('Content-Security-Policy', [...directivesOf(csp), "frame-ancestors 'none'"].join('; '));
  headers.set('X-Frame-Options', 'DENY');
}

function directivesOf(csp: string): string[] {
  return csp.split(';').map((d) => d.trim()).filter(Boolean);
}

/** SHA-256 of a script or style as CSP writes it. */
export function cspHash(text: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(text).digest('base64')}`;
}

/**
 * Astro's `security.csp`: the directives every page shares; Astro adds the hashes of the scripts
 * and styles it bundles into each page. Call it from the config only (it reads files).
 */
export function contentSecurityPolicy(): CspConfig {
  // Classic scripts that must run while the page is parsed (the theme before first paint, local
  // times as they arrive) stay inline; they live as files so their hashes are known here.
  const inlineDir = new URL('../browser/inline/', import.meta.url);
  const inlineScripts = fs.readdirSync(inlineDir).filter((f) => f.endsWith('.js')).sort();
  return {
    algorithm: 'SHA-256',
    directives: [
      "default-src 'self'",
      "base-uri 'self'",
      "object-src 'none'",
      "form-action 'self'",
      // Article videos, requested only once the reader presses play (src/browser/article-widgets.ts).
      'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
    ],
    scriptDirective: {
      // Pagefind compiles WebAssembly when search falls back to running in the browser.
      resources: ["'self'", "'wasm-unsafe-eval'"],
      hashes: inlineScripts.map((f) => cspHash(fs.readFileSync(new URL(f, inlineDir), 'utf8'))),
    },
    styleDirective: {
      // <style> and stylesheets: 'self' plus Astro's hashes of the inlined ones. Attributes: Shiki
      // colours each token of article code with style="…" in the loader, where Astro cannot hash
      // them; style attributes cannot run script, so they are let through.
      resources: [{ resource: "'self'", kind: 'element' }, { resource: "'unsafe-inline'", kind: 'attribute' }],
    },
  };
}

/** `/articles/email/`, `/articles/email/index.html` → `/articles/email`, the key of dist/_headers.json. */
export function pageKey(url: string): string {
  let pathname = url.split(/[?#]/)[0];
  try { pathname = decodeURIComponent(pathname); } catch { /* keep it as sent */ }
  pathname = pathname.replace(/\/index\.html$/, '/').replace(/\.html$/, '');
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : '/';
}

export interface HeaderPolicy {
  /** CSP of each prerendered page, by pageKey; `/404` also answers every other path. */
  pages: Map<string, string>;
  /** The site is served over https (SITE_URL): browsers are told to keep to it. */
  https: boolean;
}

/** The headers for one request URL. Astro replaces the CSP on the pages it renders. */
export function headersFor(url: string, policy: HeaderPolicy): Headers {
  const key = pageKey(url);
  // A path that is no prerendered page ends as an asset, an API answer, an on-demand page (whose
  // CSP Astro sets) or the 404 page, so it starts with the 404 page's policy.
  const csp = policy.pages.get(key) ?? policy.pages.get('/404') ?? "default-src 'self'";
  const headers = new Headers({
    'Content-Security-Policy': directivesOf(csp).join('; '),
    'X-Content-Type-Options': 'nosniff',
    // Other sites see our origin only; YouTube's player refuses embeds sent with no referrer.
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  });
  if (isConsolePath(key)) forbidFraming(headers);
  if (policy.https) headers.set('Strict-Transport-Security', 'max-age=31536000');
  return headers;
}

/** Reads the build's page policies once; scripts/server/serve.ts calls the result for each request. */
export function securityHeaders(distDir: string, site: string = siteUrl): (url: string) => Headers {
  const file = path.join(distDir, '_headers.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build (it writes each page's Content-Security-Policy there).`);
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as { pathname: string; headers: { key: string; value: string }[] }[];
  // Pages share a handful of policies (6 at 10,000 articles): each kept once rather than one copy
  // per page (25 MB of the server's heap at 10,000 articles).
  const policies = new Map<string, string>();
  const once = (csp: string) => {
    const kept = policies.get(csp);
    if (kept !== undefined) return kept;
    policies.set(csp, csp);
    return csp;
  };
  const pages = new Map(entries.flatMap(({ pathname, headers }) =>
    headers.filter((h) => h.key.toLowerCase() === 'content-security-policy').map((h) => [pageKey(pathname), once(h.value)] as const)));
  const policy: HeaderPolicy = { pages, https: new URL(site).protocol === 'https:' };
  return (url) => headersFor(url, policy);
}
