// The one place that reads process.env: where content lives, what the site is called.
import path from 'node:path';

/** Folder holding `articles/<category>/<slug>.mdx` and `categories.yaml` (default ./content). */
export const contentDir = path.resolve(process.env.CONTENT_DIR ?? './content');
export const articlesDir = path.join(contentDir, 'articles');
export const categoriesFile = path.join(contentDir, 'categories.yaml');

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
  /** Wrong contract keys an address may try per 15 minutes before it is locked out. */
  keyFailuresAllowed: positiveInt('KEY_FAILURE_LIMIT', 5),
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
