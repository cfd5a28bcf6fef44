// Status subscriptions by mail, as data: the subscribe form's contract, who is told of what, and
// the text of every mail (confirmation, "manage your subscription", status notices) in plain text
// and HTML. Pure apart from hashing; storing and sending are in db/queries/subscriptions.ts and
// src/server/subscriptions.ts.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { escapeHtml } from './html.ts';
import { formatInZone } from './sla.ts';

/** An unconfirmed request is kept this long; its confirmation link stops working after it. */
export const confirmationDays = 7;
export const confirmationMs = confirmationDays * 24 * 3_600_000;

/** Stands for the subscriber's own manage link in a notice enqueued for many: filled in at send time. */
export const manageUrlPlaceholder = '{{manage_url}}';

export const subscribePaths = {
  form: '/status/subscribe/',
  confirm: '/status/subscribe/confirm/',
  manage: '/status/subscribe/manage/',
  unsubscribe: '/status/subscribe/unsubscribe/',
} as const;

/**
 * The subscribe form: an address and a scope; with scope "some", one field per chosen component
 * named `component-<id>` (checkboxes, so the form works without JavaScript).
 */
export const subscribeInputSchema = z.looseObject({
  email: z.string({ error: 'is required' }).trim().toLowerCase().max(254, 'must be at most 254 characters')
    .pipe(z.email({ error: 'must be an e-mail address, e.g. ana@example.com' })),
  scope: z.enum(['all', 'some'], { error: 'must be all or some' }).default('all'),
});

/** The manage form: the scope and the components, as on the subscribe form, and the link's token. */
export const manageInputSchema = z.looseObject({
  token: z.string().min(1).max(200),
  action: z.enum(['update', 'unsubscribe'], { error: 'must be update or unsubscribe' }),
  scope: z.enum(['all', 'some']).default('all'),
});

/**
 * The components chosen on a form: null for everything, else the known ids ticked. "some" with
 * none ticked is an error the form shows beside the list.
 */
export function chosenComponents(
  fields: Record<string, unknown>,
  knownIds: readonly string[],
): { ok: true; components: string[] | null } | { ok: false; fields: Record<string, string[]> } {
  if (fields.scope !== 'some') return { ok: true, components: null };
  const ticked = knownIds.filter((id) => {
    const value = fields[`component-${id}`];
    return value === 'on' || value === true || value === id;
  });
  if (!ticked.length) return { ok: false, fields: { components: ['choose at least one component, or everything'] } };
  return { ok: true, components: ticked };
}

/** Whether a subscriber with these components (null: everything) hears of an event on `affected`. */
export function isConcerned(subscribed: readonly string[] | null, affected: readonly string[]): boolean {
  return subscribed === null || affected.some((id) => subscribed.includes(id));
}

/** A random link token (shown once, in the mail) and the hash that is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface MailText {
  subject: string;
  text: string;
  html: string;
}

const page = (title: string, inner: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933;max-width:36rem;margin:0 auto;padding:1rem">${inner}</body></html>`;
const link = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
const para = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;

export function confirmationMail(company: string, confirmUrl: string, components: string[] | null): MailText {
  const scope = components ? `these components: ${components.join(', ')}` : 'every component';
  const subject = `Confirm your subscription to the ${company} status`;
  const text = [
    `Someone, hopefully you, asked to receive ${company} status updates by e-mail at this address, for ${scope}.`,
    '',
    `To confirm, open this link within ${confirmationDays} days:`,
    confirmUrl,
    '',
    'If you did not ask for this, ignore this message: nothing will be sent to you.',
  ].join('\n');
  const html = page(subject, para(`Someone, hopefully you, asked to receive ${company} status updates by e-mail at this address, for ${scope}.`) +
    `<p>${link(confirmUrl, 'Confirm your subscription')} (within ${confirmationDays} days)</p>` +
    para('If you did not ask for this, ignore this message: nothing will be sent to you.'));
  return { subject, text, html };
}

export function manageMail(company: string, manageUrl: string): MailText {
  const subject = `Your subscription to the ${company} status`;
  const text = [
    `Someone, hopefully you, asked to subscribe this address to ${company} status updates. It is subscribed already.`,
    '',
    'To change the components you hear about, or to unsubscribe, open:',
    manageUrl,
    '',
    'If you did not ask, you can ignore this message; nothing changes.',
  ].join('\n');
  const html = page(subject, para(`Someone, hopefully you, asked to subscribe this address to ${company} status updates. It is subscribed already.`) +
    `<p>${link(manageUrl, 'Manage your subscription')}: change the components you hear about, or unsubscribe.</p>` +
    para('If you did not ask, you can ignore this message; nothing changes.'));
  return { subject, text, html };
}

export interface StatusNotice {
  /** Never sent twice: "incident:<id>:<update id>", "maintenance:<id>:in_progress"… */
  key: string;
  what: 'incident' | 'maintenance';
  id: string;
  title: string;
  /** "Investigating", "Resolved", "Scheduled", "In progress"… */
  statusLabel: string;
  /** The update's text (Markdown source, sent as written). */
  message: string;
  /** The instant of the update (or of the transition). */
  at: Date;
  /** Affected components with their names and what the update says they are. */
  components: Array<{ id: string; name: string; state: string }>;
  /** For maintenance: its window. */
  window?: { from: Date; until: Date };
  /** For a rescheduled maintenance: the window it had before. */
  previousWindow?: { from: Date; until: Date };
  /** For a published postmortem: its text (Markdown source, sent as written). */
  postmortem?: string;
}

/** How much of a postmortem a notice carries: the whole text is on the status page, and one mail per subscriber is stored until purged. */
export const postmortemExcerptChars = 1_500;

/** The postmortem's first paragraphs that fit in `max` characters (at least a cut first one), and whether any was left out. */
export function postmortemExcerpt(text: string, max = postmortemExcerptChars): { text: string; cut: boolean } {
  const whole = text.trim();
  if (whole.length <= max) return { text: whole, cut: false };
  let kept = '';
  for (const paragraph of whole.split(/\n\s*\n/)) {
    const next = kept ? `${kept}\n\n${paragraph}` : paragraph;
    if (next.length > max) break;
    kept = next;
  }
  if (!kept) kept = `${whole.slice(0, max).replace(/\s+\S*$/, '')} …`;
  return { text: kept, cut: true };
}

/** "3 Dec 2026, 14:05 Europe/Zurich (13:05 UTC)": the status time zone and UTC. */
export function bothZones(at: Date, timeZone: string): string {
  const local = formatInZone(at, timeZone).slice(0, 16).replace('T', ' ');
  const utc = at.toISOString().slice(0, 16).replace('T', ' ');
  return `${local} ${timeZone} (${utc} UTC)`;
}

/**
 * A notice's mail. The manage link is `manageUrlPlaceholder`, filled per subscriber when sent
 * (fillManageLink), so one text serves every subscriber of one INSERT … SELECT.
 */
export function noticeMail(notice: StatusNotice, options: { company: string; permalink: string; timeZone: string }): MailText {
  const label = notice.what === 'incident' ? 'Incident' : 'Maintenance';
  const subject = `[${options.company} status] ${notice.statusLabel}: ${notice.title}`;
  const states = notice.components.map((c) => `- ${c.name}: ${c.state}`);
  const span = (w: { from: Date; until: Date }) => `${bothZones(w.from, options.timeZone)} to ${bothZones(w.until, options.timeZone)}`;
  const windows = [
    ...(notice.window ? [`${notice.previousWindow ? 'New window' : 'Window'}: ${span(notice.window)}`] : []),
    ...(notice.previousWindow ? [`Was: ${span(notice.previousWindow)}`] : []),
  ];
  const postmortem = notice.postmortem !== undefined ? postmortemExcerpt(notice.postmortem) : null;
  const lines = [
    `${label}: ${notice.title}`,
    `${notice.statusLabel} — ${bothZones(notice.at, options.timeZone)}`,
    ...windows,
    '',
    notice.message,
    '',
    ...(postmortem ? ['Postmortem:', '', postmortem.text, ...(postmortem.cut ? ['', `The whole postmortem: ${options.permalink}`] : []), ''] : []),
    ...(states.length ? ['Components:', ...states, ''] : []),
    `Details: ${options.permalink}`,
    '',
    `You receive this because you subscribed to ${options.company} status updates.`,
    `Manage your subscription or unsubscribe: ${manageUrlPlaceholder}`,
  ];
  const html = page(subject,
    `<h1 style="font-size:1.25rem">${escapeHtml(notice.title)}</h1>` +
    `<p><strong>${escapeHtml(notice.statusLabel)}</strong> — ${escapeHtml(bothZones(notice.at, options.timeZone))}</p>` +
    windows.map(para).join('') +
    para(notice.message) +
    (postmortem ? `<h2 style="font-size:1.1rem">Postmortem</h2>${para(postmortem.text)}${postmortem.cut ? `<p>${link(options.permalink, 'Read the whole postmortem')}</p>` : ''}` : '') +
    (states.length ? `<ul>${notice.components.map((c) => `<li>${escapeHtml(c.name)}: ${escapeHtml(c.state)}</li>`).join('')}</ul>` : '') +
    `<p>${link(options.permalink, 'Details on the status page')}</p>` +
    `<p style="font-size:.875rem;color:#52606d">You receive this because you subscribed to ${escapeHtml(options.company)} status updates. ` +
    `<a href="${manageUrlPlaceholder}">Manage your subscription or unsubscribe</a>.</p>`);
  return { subject, text: lines.join('\n'), html };
}

/** Puts one subscriber's manage link where the placeholder is (the HTML part gets it escaped). */
export function fillManageLink(mail: { text: string; html: string | null }, manageUrl: string): { text: string; html: string | null } {
  return {
    text: mail.text.split(manageUrlPlaceholder).join(manageUrl),
    html: mail.html === null ? null : mail.html.split(manageUrlPlaceholder).join(escapeHtml(manageUrl)),
  };
}

/** RFC 8058 headers: mail apps offer one-click unsubscribe, a POST to the URL. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
