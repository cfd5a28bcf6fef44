// Every table Cairn stores. Column names are camelCase here and snake_case in SQL (casing option).
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { keyProblems } from '../src/lib/contracts.ts';
import { feedbackReasons } from '../src/lib/helpfulness.ts';
import { outboxChannels, outboxKinds } from '../src/lib/outbox.ts';
import { slaAlertKinds } from '../src/lib/sla-alerts.ts';
import { plans } from '../src/lib/sla.ts';
import { staffRoles } from '../src/lib/staff.ts';
import { impacts, incidentStatuses, maintenanceStatuses, type ComponentStatus } from '../src/lib/status-schema.ts';
import { statusVias } from '../src/lib/status-input.ts';
import { products, queues } from '../src/lib/tickets.ts';

/**
 * One "Was this helpful?" vote. No IP, user agent or cookie is stored: `voterKey` is a keyed hash
 * of (client address, user agent, article, day) under a secret that changes daily, so it can
 * only say "the same visitor voted again today on this article", never who the visitor is.
 */
export const feedbackVotes = sqliteTable(
  'feedback_votes',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Article slug (its file name). */
    article: text().notNull(),
    /** Hash of the article's source file when the vote was cast, to compare revisions. */
    revision: text().notNull(),
    helpful: integer({ mode: 'boolean' }).notNull(),
    reason: text({ enum: feedbackReasons }),
    /** Optional free text, at most 2,000 characters; purged after the retention period. */
    comment: text(),
    locale: text().notNull().default('en'),
    /** UTC day of the vote (YYYY-MM-DD); one vote per visitor per article per day. */
    day: text().notNull(),
    voterKey: text().notNull().unique(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
    updatedAt: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index('feedback_votes_article_idx').on(t.article, t.createdAt)],
);

/**
 * A random secret per UTC day for keying voter hashes. Rows older than yesterday are deleted, and
 * with them any way to link a stored hash back to an address: that is the daily rotation.
 */
export const dailySecrets = sqliteTable('daily_secrets', {
  day: text().primaryKey(),
  secret: text().notNull(),
});

/**
 * A premium-support contract: which organisation has which plan for which days, and the API key
 * that proves it. The key itself is shown once when the contract is created and never stored;
 * `keyHash` lets a presented key be found, `keyPrefix` lets staff recognise it in lists.
 */
export const contracts = sqliteTable('contracts', {
  id: integer().primaryKey({ autoIncrement: true }),
  /** The customer's legal or trading name as it appears on the contract, e.g. "Acme SA". */
  organisation: text().notNull(),
  /** The plan sold; contracts are for plus, pro or enterprise (standard needs no contract). */
  plan: text({ enum: plans }).notNull(),
  /** First day covered (YYYY-MM-DD, inclusive). */
  startsOn: text().notNull(),
  /** Last day covered (YYYY-MM-DD, inclusive): the day before the same date `months` later. */
  endsOn: text().notNull(),
  /** When staff revoked the contract (its key stops working at once); null while not revoked. */
  revokedAt: integer({ mode: 'timestamp_ms' }),
  /** SHA-256 of the key, lowercase hex; the only form in which the key is kept. */
  keyHash: text().notNull().unique(),
  /** The key's first 8 characters, to recognise it in lists without storing it. */
  keyPrefix: text().notNull(),
  /** Seeded by `npm run contracts -- demo` with a published key; never for real customers. */
  demo: integer({ mode: 'boolean' }).notNull().default(false),
  createdAt: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
});

export const ticketStatuses = ['open', 'answered', 'closed'] as const;

/**
 * A support request. `name`, `email`, `subject` and `description` are personal data: the
 * privacy commands erase them on request and purge closed tickets after the retention period.
 */
export const tickets = sqliteTable(
  'tickets',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Unguessable public reference, e.g. T-7K2M-Q9XD-4HFA-R3NW (see src/lib/tickets.ts). */
    reference: text().notNull().unique(),
    /** The plan the ticket was filed under (standard when no valid contract key was given). */
    plan: text({ enum: plans }).notNull(),
    queue: text({ enum: queues }).notNull(),
    emergency: integer({ mode: 'boolean' }).notNull().default(false),
    contractId: integer().references(() => contracts.id),
    /** Why a presented contract key was not honoured (the ticket then went in as standard). */
    keyProblem: text({ enum: keyProblems }),
    name: text().notNull(),
    email: text().notNull(),
    product: text({ enum: products }).notNull(),
    subject: text().notNull(),
    description: text().notNull(),
    /** Slug of the article the client came from (a No vote), if any. */
    article: text(),
    status: text({ enum: ticketStatuses }).notNull().default('open'),
    receivedAt: integer({ mode: 'timestamp_ms' }).notNull(),
    /** First-response deadline from the SLA policy; null for standard (best effort). */
    firstResponseDueAt: integer({ mode: 'timestamp_ms' }),
    firstResponseAt: integer({ mode: 'timestamp_ms' }),
    closedAt: integer({ mode: 'timestamp_ms' }),
    /** The agent who pressed "First response sent" (null before, or when recorded by a tool). */
    firstResponseBy: integer().references(() => staff.id, { onDelete: 'set null' }),
  },
  (t) => [index('tickets_queue_idx').on(t.status, t.firstResponseDueAt, t.receivedAt), index('tickets_email_idx').on(t.email)],
);

/** Mail waiting to be sent, and sent mail until purged: nothing is lost when SMTP is down or absent. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    kind: text({ enum: outboxKinds }).notNull(),
    ticketId: integer().references(() => tickets.id, { onDelete: 'cascade' }),
    recipient: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
    sentAt: integer({ mode: 'timestamp_ms' }),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** How it travels: 'mail' (recipient is an address) or 'webhook' (recipient is the URL, body the JSON). */
    channel: text({ enum: outboxChannels }).notNull().default('mail'),
    /** The registered webhook a webhook message goes to; its secret signs the body. */
    webhookId: integer().references(() => webhooks.id, { onDelete: 'cascade' }),
    /**
     * The delivery lease (real clock, never CAIRN_NOW): a worker that claimed the message owns it
     * until then; after it, another worker may take it over (its owner was killed or hangs).
     */
    leaseUntil: integer({ mode: 'timestamp_ms' }),
    /** The worker holding the lease (random per process), so only it marks the outcome. */
    leaseOwner: text(),
    /** Not before then (real clock): the exponential backoff after a failed attempt. Null: at once. */
    nextAttemptAt: integer({ mode: 'timestamp_ms' }),
    /** Parked after too many attempts: left for an admin to retry from the console. */
    failedAt: integer({ mode: 'timestamp_ms' }),
    /** The HTML part of a mail that has one (status notices, subscription mail). */
    html: text(),
    /** The status subscriber a notice goes to: its manage link and List-Unsubscribe are made at send time. */
    subscriberId: integer().references(() => statusSubscribers.id, { onDelete: 'cascade' }),
    /**
     * Which waiting message goes first: 0 for one person's mail and alerts (ticket confirmations,
     * SLA alerts, subscription confirmations, webhooks), 1 for bulk status notices, so 10,000
     * notices never hold up a breach alert.
     */
    priority: integer().notNull().default(0),
  },
  (t) => [index('outbox_pending_idx').on(t.sentAt, t.priority, t.id), index('outbox_due_idx').on(t.sentAt, t.failedAt, t.nextAttemptAt)],
);

/**
 * Where new-ticket and status events are posted, registered by admins in the console.
 * Bodies are signed with `secret` (HMAC-SHA256, see README "Webhooks").
 */
export const webhooks = sqliteTable('webhooks', {
  id: integer().primaryKey({ autoIncrement: true }),
  /** An http(s) URL; private, loopback and link-local targets are refused unless WEBHOOK_ALLOW_PRIVATE=1. */
  url: text().notNull(),
  /** Event types it receives as a JSON array, e.g. ["ticket.created"]; null means every event. */
  events: text({ mode: 'json' }).$type<string[]>(),
  /**
   * Status components whose events it receives, as a JSON array of ids, e.g. ["dns"]; null means
   * every component (and incidents on none). New-ticket events ignore it.
   */
  components: text({ mode: 'json' }).$type<string[]>(),
  /** 32 random bytes, base64url: the HMAC key shared with the receiver. */
  secret: text().notNull(),
  enabled: integer({ mode: 'boolean' }).notNull().default(true),
  /** Failed delivery attempts in a row; reset by a success. At the limit the webhook is disabled. */
  consecutiveFailures: integer().notNull().default(0),
  disabledAt: integer({ mode: 'timestamp_ms' }),
  createdBy: integer().references(() => staff.id, { onDelete: 'set null' }),
  createdAt: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
});

/**
 * SLA alerts raised about a ticket (src/lib/sla-alerts.ts), at most one of each kind: the row is
 * inserted with its mail in one transaction, and the unique key makes a second server's attempt
 * a no-op. `token` is random per attempt, so the mail is only written by the attempt that won.
 */
export const slaAlerts = sqliteTable(
  'sla_alerts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    ticketId: integer().notNull().references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text({ enum: slaAlertKinds }).notNull(),
    /** When it was raised, on the server's clock (CAIRN_NOW when pinned). */
    raisedAt: integer({ mode: 'timestamp_ms' }).notNull(),
    token: text().notNull(),
    acknowledgedAt: integer({ mode: 'timestamp_ms' }),
    acknowledgedBy: integer().references(() => staff.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('sla_alerts_ticket_kind_idx').on(t.ticketId, t.kind), index('sla_alerts_token_idx').on(t.token)],
);

/**
 * Ticket deflection, counted per day with no personal data: how often the form suggested
 * articles, how often one was opened, and how often a ticket was still sent afterwards.
 */
export const deflectionEvents = ['suggestions_shown', 'suggestion_opened', 'ticket_sent', 'ticket_sent_after_suggestion'] as const;
export const deflectionDaily = sqliteTable(
  'deflection_daily',
  {
    day: text().notNull(),
    event: text({ enum: deflectionEvents }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.event] })],
);

/** Support-team accounts for the console. Passwords are stored as scrypt hashes only. */
export const staff = sqliteTable('staff', {
  id: integer().primaryKey({ autoIncrement: true }),
  /** Lowercased sign-in address. */
  email: text().notNull().unique(),
  role: text({ enum: staffRoles }).notNull(),
  /** `scrypt$N$r$p$salt$hash` (base64url), see src/server/passwords.ts. */
  passwordHash: text().notNull(),
  disabled: integer({ mode: 'boolean' }).notNull().default(false),
  /**
   * Set when the password was generated by `npm run staff -- add/set-password` and so is known to
   * whoever ran the command: the console lets the account do nothing but change it until it has.
   */
  mustChangePassword: integer({ mode: 'boolean' }).notNull().default(false),
  /**
   * Addresses that failed to sign in to this account since its last success (each counted once
   * per 15-minute window); reset on success. Feeds the account-wide lock, see src/server/sign-in.ts.
   */
  failedLogins: integer().notNull().default(0),
  /** Account-wide lock: sign-in refused until then, except from a browser this account signed in on before. */
  lockedUntil: integer({ mode: 'timestamp_ms' }),
  createdAt: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
});

/** Console sessions. Only a SHA-256 of the cookie's token is stored, so a database leak opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    staffId: integer().notNull().references(() => staff.id, { onDelete: 'cascade' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
    /** Moves forward on use; the session ends after the idle limit without use. */
    lastSeenAt: integer({ mode: 'timestamp_ms' }).notNull(),
    /** Absolute end, whatever the activity. */
    expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_staff_idx').on(t.staffId)],
);

/**
 * What customers search for, per day and normalised query, with no personal data: how often,
 * how often nothing was found, which rank was opened, and whether a No vote or a ticket followed.
 */
export const searchDaily = sqliteTable(
  'search_daily',
  {
    day: text().notNull(),
    /** Lowercased, trimmed, inner spaces collapsed, at most 100 characters. */
    query: text().notNull(),
    searches: integer().notNull().default(0),
    zeroResults: integer().notNull().default(0),
    /** Results opened, and the sum of their ranks (1 = first), for the average rank opened. */
    opened: integer().notNull().default(0),
    openedRankSum: integer().notNull().default(0),
    noVotes: integer().notNull().default(0),
    tickets: integer().notNull().default(0),
    /**
     * What the search did to the query, when it did anything (src/lib/search-planner.ts
     * describeOutcome): 'searched as “password”, without “site”'. Null when searched as typed.
     */
    plan: text(),
  },
  (t) => [primaryKey({ columns: [t.day, t.query] })],
);

/**
 * Rate limits and lockouts of every app server (rate-limiter-flexible's Drizzle store): one row per
 * limiter key and window, counted with one atomic UPSERT, so N servers allow the limit once, not N
 * times. `key` is a keyed hash (src/server/rate-limit.ts), never an address or a contract key.
 * Rows an hour past their window are deleted by the limiter.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text().primaryKey(),
    /** Points consumed in the current window. */
    points: integer().notNull(),
    /** When the current window ends. */
    expire: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [index('rate_limits_expire_idx').on(t.expire)],
);

/**
 * Secrets every app server must share, created by whichever server needs one first: `rate-limits`
 * keys the rate_limits rows, `trusted-devices` signs the cookie that lets a browser past the
 * account-wide sign-in lock. Never logged, never shown.
 */
export const serverSecrets = sqliteTable('server_secrets', {
  name: text().primaryKey(),
  /** 32 random bytes, base64url. */
  secret: text().notNull(),
  createdAt: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
});

// ---------------------------------------------------------------------------------------------
// The status page (src/server/status-store.ts writes it, src/server/status.ts serves it). Instants
// the status page shows are kept as the ISO 8601 text they were written with (offset included),
// the same strings as content/status/ files, so export gives back what was imported.

/** A component customers see on the status page; seeded from content/status/components.yaml. */
export const statusComponents = sqliteTable('status_components', {
  /** Stable slug used by incidents, maintenance and the API, e.g. "mail-imap". */
  id: text().primaryKey(),
  name: text().notNull(),
  /** Heading the component is listed under; components sharing it form a group. */
  group: text().notNull(),
  description: text().notNull(),
  /** Position on the page, lowest first. */
  order: integer().notNull(),
});

/** An incident; its timeline is in status_incident_updates. */
export const statusIncidents = sqliteTable('status_incidents', {
  /** <YYYY-MM-DD>-<slug>: the permalink and API id, never changed. */
  id: text().primaryKey(),
  title: text().notNull(),
  impact: text({ enum: impacts }).notNull(),
  /** Optional longer description in Markdown (the body of an incident file). */
  body: text().notNull().default(''),
  /** The postmortem in Markdown, once published. */
  postmortem: text(),
});

/** One update of an incident, with the component statuses it posted: history never changes. */
export const statusIncidentUpdates = sqliteTable(
  'status_incident_updates',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    incidentId: text().notNull().references(() => statusIncidents.id, { onDelete: 'cascade' }),
    /** ISO 8601 instant with offset. */
    at: text().notNull(),
    status: text({ enum: incidentStatuses }).notNull(),
    body: text().notNull(),
    /** What this update says each affected component is, from its instant to the next update. */
    components: text({ mode: 'json' }).$type<Array<{ id: string; status: ComponentStatus }>>().notNull(),
    /** This update reopened a resolved incident. */
    reopen: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('status_incident_updates_incident_idx').on(t.incidentId, t.id)],
);

/** A maintenance window; its timeline is in status_maintenance_updates. */
export const statusMaintenances = sqliteTable('status_maintenances', {
  /** <YYYY-MM-DD>-<slug>: the permalink and API id, never changed. */
  id: text().primaryKey(),
  title: text().notNull(),
  body: text().notNull().default(''),
  /** Ids of the components shown under maintenance during the window. */
  components: text({ mode: 'json' }).$type<string[]>().notNull(),
  scheduledFor: text().notNull(),
  scheduledUntil: text().notNull(),
  /** When the announcement appears; null: from its first update, or at once. */
  publishedAt: text(),
  /** When it was called off; a cancelled maintenance never runs. */
  cancelledAt: text(),
  /** Why it was called off, in Markdown (optional). */
  cancellation: text(),
});

export const statusMaintenanceUpdates = sqliteTable(
  'status_maintenance_updates',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    maintenanceId: text().notNull().references(() => statusMaintenances.id, { onDelete: 'cascade' }),
    at: text().notNull(),
    status: text({ enum: maintenanceStatuses }).notNull(),
    body: text().notNull(),
  },
  (t) => [index('status_maintenance_updates_maintenance_idx').on(t.maintenanceId, t.id)],
);

/**
 * One row (id 1): `version` goes up with every status write, in the write's transaction, so each
 * app server learns of a change with one cheap query and reloads only then.
 */
export const statusMeta = sqliteTable('status_meta', {
  id: integer().primaryKey(),
  version: integer().notNull().default(0),
  /** When the content was last written (by a post, an import or the seed). */
  updatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
});

/** Who posted what on the status page, when and from where. Written in the same transaction as the change. */
export const statusAudit = sqliteTable(
  'status_audit',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: integer({ mode: 'timestamp_ms' }).notNull(),
    /** A staff e-mail, a CLI user (--by or $USER) or an API token's name. */
    actor: text().notNull(),
    via: text({ enum: statusVias }).notNull(),
    /** e.g. incident.create, incident.update, maintenance.cancel, status.import. */
    action: text().notNull(),
    /** The incident or maintenance id. */
    target: text().notNull(),
    /** One line on what changed, e.g. "monitoring; mail-imap: degraded_performance". */
    summary: text().notNull(),
  },
  (t) => [index('status_audit_at_idx').on(t.at)],
);

/**
 * Bearer tokens for the status management API (`npm run staff -- token add`). The token is shown
 * once and never stored: `tokenHash` (SHA-256, lowercase hex) finds it; revoking works at once.
 */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer().primaryKey({ autoIncrement: true }),
  /** What uses it, e.g. "Monitoring". */
  name: text().notNull(),
  tokenHash: text().notNull().unique(),
  createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
  /** Who created it (CLI user or staff e-mail). */
  createdBy: text().notNull(),
  revokedAt: integer({ mode: 'timestamp_ms' }),
  lastUsedAt: integer({ mode: 'timestamp_ms' }),
});

/**
 * Who asked to be told of status changes by mail. The address only (no IP or user agent);
 * `components` null means everything. Unconfirmed rows are requests (double opt-in) and expire
 * after 7 days; `npm run privacy -- purge` deletes them.
 */
export const statusSubscribers = sqliteTable('status_subscribers', {
  id: integer().primaryKey({ autoIncrement: true }),
  /** Lowercased. */
  email: text().notNull().unique(),
  components: text({ mode: 'json' }).$type<string[]>(),
  requestedAt: integer({ mode: 'timestamp_ms' }).notNull(),
  confirmedAt: integer({ mode: 'timestamp_ms' }),
});

/**
 * Links in subscription mail: random values, stored only as SHA-256 (hex). A confirm token
 * expires with its request; a manage token (manage or unsubscribe) is made for each mail sent.
 */
export const statusSubscriberTokens = sqliteTable(
  'status_subscriber_tokens',
  {
    tokenHash: text().primaryKey(),
    subscriberId: integer().notNull().references(() => statusSubscribers.id, { onDelete: 'cascade' }),
    purpose: text({ enum: ['confirm', 'manage'] }).notNull(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('status_subscriber_tokens_subscriber_idx').on(t.subscriberId)],
);

/**
 * Status notices already enqueued, one row per event key (e.g. "maintenance:<id>:in_progress"),
 * written with the notices in one transaction: an automatic transition is announced once, even
 * by two servers.
 */
export const statusNoticesSent = sqliteTable('status_notices_sent', {
  key: text().primaryKey(),
  at: integer({ mode: 'timestamp_ms' }).notNull(),
});

/**
 * One row (id 1): the last instant (server clock, CAIRN_NOW when pinned) up to which the delivery
 * workers announced maintenance windows opening and closing on the clock. Shared by every server,
 * so after all of them were down the next step announces what happened in between, and only that.
 */
export const statusClock = sqliteTable('status_clock', {
  id: integer().primaryKey(),
  coveredUntil: integer({ mode: 'timestamp_ms' }).notNull(),
});

export type StatusSubscriber = typeof statusSubscribers.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type StatusAuditRow = typeof statusAudit.$inferSelect;

export type Staff = typeof staff.$inferSelect;
export type Session = typeof sessions.$inferSelect;

export type Ticket = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type OutboxMessage = typeof outbox.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type SlaAlert = typeof slaAlerts.$inferSelect;

export type FeedbackVote = typeof feedbackVotes.$inferSelect;
export type NewFeedbackVote = typeof feedbackVotes.$inferInsert;
export type Contract = typeof contracts.$inferSelect;
export type NewContract = typeof contracts.$inferInsert;
