// Astro configuration: a prerendered knowledge base plus on-demand routes on @astrojs/node.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import node from '@astrojs/node';
import contentCheck from './src/integrations/content-check.ts';
import { contentDir, siteUrl, supportDir } from './src/config.ts';
import { contentSecurityPolicy } from './src/server/security-headers.ts';

export default defineConfig({
  site: siteUrl,
  // API routes live at /api/name (no slash); pages are linked with one. Accept both.
  trailingSlash: 'ignore',
  output: 'static',
  // Middleware mode: scripts/server/serve.ts serves static files itself (precompressed, cached) and
  // hands only on-demand routes to Astro.
  // staticHeaders: the CSP of each prerendered page goes to dist/_headers.json for scripts/server/serve.ts to
  // send as a header (a <meta> policy could not forbid framing); on-demand pages send their own.
  adapter: node({ mode: 'middleware', staticHeaders: true }),
  // Astro's own Origin check is off: it refuses every form POST without an Origin header, and
  // RFC 8058 one-click unsubscribe is exactly that (mail apps POST from their servers). Every POST
  // route checks the Origin itself (src/server/http.ts checkOrigin: public posts, the console
  // guard, the ticket and subscription forms); only /status/subscribe/unsubscribe/ skips it.
  security: { csp: contentSecurityPolicy(), checkOrigin: false },
  integrations: [contentCheck({ contentDir, supportDir }), mdx(), react()],
  build: { inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  markdown: { shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } } },
  vite: {
    build: {
      rollupOptions: {
        // Every MDX module carries Astro's head-inject directive; the bundler warns once per
        // article, which buries real warnings when the corpus has thousands of them.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
  },
});
