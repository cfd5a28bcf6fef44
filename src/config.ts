// The one place that reads process.env: where content lives, what the site is called.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder holding `articles/<category>/<slug>.mdx` and `categories.yaml` (default ./content). */
export const contentDir = path.resolve(process.env.CONTENT_DIR ?? './content');
export const articlesDir = path.join(contentDir, 'articles');
export const categoriesFile = path.join(contentDir, 'categories.yaml');
/**
 * `support/` holds the desk's policy (sla.yaml) and the plans (plans.yaml). A corpus with its own
 * support/ uses it; one without (a generated benchmark corpus, article fixtures) uses ./content's.
 */
export const supportDir = fs.existsSync(path.join(contentDir, 'support')) ? path.join(contentDir, 'support') : path.resolve('content/support');

/**
 * The built site's public files, where Pagefind's index lives: those of the build this code was
 * bundled into (found the way @astrojs/node finds them, from this module's own file), so a server
 * that has switched to a new build searches that build's index and an old one its own. Outside a
 * build (astro dev, tests) the current build's.
 */
export const builtClientDir = ownBuildClientDir() ?? path.resolve(process.env.DIST_DIR ?? 'dist', 'client');

function ownBuildClientDir(): string | null {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (path.basename(dir) === 'server' && fs.existsSync(path.join(dir, 'entry.mjs'))) return path.join(dir, '..', 'client');
  }
  return null;
}

/**
 * Where the site is published (SITE_URL), read when building (canonical links, sitemap) and when
 * serving (https sites send Strict-Transport-Security): set the same value for both.
 */
export const siteUrl = process.env.SITE_URL ?? 'http://localhost:4321';

/**
 * A host name of its own for the status page (STATUS_HOST, e.g. status.example.com, optionally
 * with a port): requests whose Host is this one get the status page at `/` and its other pages at
 * their natural paths (scripts/serve.mjs). Unset, the status page lives at /status/ only.
 */
export const statusHost = process.env.STATUS_HOST?.trim().toLowerCase() || null;

export const site = {
  /** Name of the help center, shown in the header and titles. */
  name: process.env.SITE_NAME ?? 'Alpenhost Help Center',
  /** The company the help center serves. */
  company: process.env.SITE_COMPANY ?? 'Alpenhost',
};

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number (got "${raw}")`);
  return value;
}

/** Settings of the on-demand server, read once at start. */
export const server = {
  /** Origins allowed to POST besides the request's own (comma-separated PUBLIC_ORIGINS). */
  extraOrigins: (process.env.PUBLIC_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: process.env.TRUST_PROXY === '1',
  /** Feedback votes accepted per client address per minute. */
  feedbackPerMinute: positiveInt('FEEDBACK_RATE_LIMIT', 30),
  /** Tickets accepted per client address per 10 minutes, and per contract key per hour. */
  ticketsPer10Minutes: positiveInt('TICKET_RATE_LIMIT', 20),
  ticketsPerKeyPerHour: positiveInt('TICKET_KEY_RATE_LIMIT', 60),
  /** Searches answered per client address per minute (SEARCH_RATE_LIMIT); a reader typing makes a few per query. */
  searchesPerMinute: positiveInt('SEARCH_RATE_LIMIT', 120),
  /** Status management API requests per client address per minute (STATUS_API_RATE_LIMIT), tokens or not. */
  statusApiPerMinute: positiveInt('STATUS_API_RATE_LIMIT', 120),
  /** Wrong contract keys an address may try per 15 minutes before it is locked out. */
  keyFailuresAllowed: positiveInt('KEY_FAILURE_LIMIT', 5),
  /** Where the console links article sources, e.g. https://git.example/cairn/blob/main/ (optional). */
  sourceUrlBase: process.env.SOURCE_URL_BASE || null,
};

/** Outgoing mail: SMTP_URL (smtp://user:pass@host:587); without it messages stay in the outbox. */
export const mail = {
  smtpUrl: process.env.SMTP_URL || null,
  from: process.env.MAIL_FROM ?? 'Alpenhost Support <support@alpenhost.example>',
  /** Who is alerted when an emergency ticket arrives. */
  onCall: process.env.ONCALL_EMAIL ?? 'oncall@alpenhost.example',
};

/** Demo mode seeds one contract per plan with published keys; never enable it in production. */
export const demoMode = process.env.CAIRN_DEMO === '1';

/** Sign-in to the support console (src/server/session.ts, src/pages/console/login.astro). */
export const consoleAuth = {
  /** A session ends after this many minutes without a request (CONSOLE_IDLE_MINUTES). */
  idleMinutes: positiveInt('CONSOLE_IDLE_MINUTES', 30),
  /** Failed sign-ins an address may make per 15 minutes before it gets 429 (CONSOLE_LOGIN_RATE_LIMIT). */
  loginFailuresPer15Minutes: positiveInt('CONSOLE_LOGIN_RATE_LIMIT', 10),
  /**
   * Mark the session cookie Secure even when the request reached Astro over plain HTTP, as it
   * does behind a TLS-terminating proxy (NODE_ENV=production; https requests always get it).
   */
  secureCookie: process.env.NODE_ENV === 'production',
};

/** The delivery worker (src/server/delivery.ts): outbox mail and webhooks, SLA alerts. */
export const delivery = {
  /** Run the worker inside the server (DELIVERY_WORKER=0 when `npm run worker` runs it apart). */
  inServer: process.env.DELIVERY_WORKER !== '0',
  /** How long a claimed message is its worker's; after that another may take it over. */
  leaseMs: positiveInt('DELIVERY_LEASE_SECONDS', 60) * 1000,
  /** Messages sent at the same time by one worker. */
  concurrency: positiveInt('DELIVERY_CONCURRENCY', 4),
  /** Longest sleep between two looks at the outbox and the deadlines (others' messages arrive by it). */
  pollMs: positiveInt('DELIVERY_POLL_MS', 5000),
  /** Attempts before a message is parked as failed, and the first retry delay (doubling, capped at 1 h). */
  maxAttempts: positiveInt('DELIVERY_MAX_ATTEMPTS', 10),
  retryBaseMs: positiveInt('DELIVERY_RETRY_BASE_MS', 30_000),
  /** Failed webhook attempts in a row before the webhook is disabled and the admins told. */
  webhookFailureLimit: positiveInt('WEBHOOK_FAILURE_LIMIT', 20),
  /** Let webhooks reach private, loopback and link-local addresses (tests, a helpdesk on the LAN). */
  webhookAllowPrivate: process.env.WEBHOOK_ALLOW_PRIVATE === '1',
  /** The second address an unacknowledged emergency is re-paged to, besides ONCALL_EMAIL. */
  onCallBackup: process.env.ONCALL_BACKUP_EMAIL ?? 'oncall-backup@alpenhost.example',
  /** A webhook attempt gives up after this long. */
  webhookTimeoutMs: 5000,
};
