// Status feeds to subscribe to: incidents and maintenance as Atom and RSS, maintenance as iCalendar,
// the badge SVG. Every absolute URL and id comes from `siteUrl`, never from a request.
import { Feed } from 'feed';
import ical, { escape as escapeIcalText, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { bySoonestWindow, statusPaths, type IncidentState, type MaintenanceState, type StatusSnapshot } from './status';
import {
  incidentStatusLabels,
  maintenanceStatusLabels,
  type Impact,
  type IncidentStatus,
  type MaintenanceStatus,
} from './status-schema';
import { escapeHtml } from './html';
import { statusMarkdown } from './status-markdown';

export interface StatusFeedSettings {
  /**
   * Public origin of the help center, e.g. "https://help.alpenhost.ch" (a trailing slash is
   * ignored): SITE_URL, never the request's Host, so ids and links do not change with the host
   * a reader happened to use and a forged Host is never written into a cacheable feed.
   */
  siteUrl: string;
  /** Who runs the page, e.g. "Alpenhost": feed titles, author and the calendar name. */
  name: string;
  /** IANA zone for the times written in entries and the calendar's X-WR-TIMEZONE: the desk's, from sla.yaml. */
  timeZone: string;
}

/**
 * What a feed or calendar says it was last changed when nothing is visible yet. Never `now`: the
 * output must stay byte-identical between requests until the team publishes something, so
 * conditional requests and calendar clients do not see a change every poll.
 */
const nothingPublished = new Date(0);

function urls(siteUrl: string) {
  const base = siteUrl.replace(/\/+$/, '');
  return {
    status: `${base}/status/`,
    atom: `${base}/status/history.atom`,
    rss: `${base}/status/history.rss`,
    incident: (id: string) => `${base}${statusPaths.incident(id)}`,
    maintenance: (id: string) => `${base}${statusPaths.maintenance(id)}`,
    /** Root-relative links in update bodies, made absolute: feed readers resolve them unreliably. */
    absolute: (path: string) => `${base}${path}`,
    host: new URL(base).hostname,
  };
}

// ---------------------------------------------------------------------------------------------
// Escaping and Markdown

/**
 * Characters XML 1.0 forbids even escaped (one in an update body would make the whole feed
 * unparseable); RFC 5545 forbids the same control characters in calendar text.
 */
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML and HTML text and attribute values (quotes too, so one function serves both). */
function escapeXml(text: string): string {
  return escapeHtml(text.replace(notXml, ''));
}

/**
 * An update body, description or postmortem as feed HTML: the status Markdown engine with
 * headings shifted below the entry's own <h3> and root-relative links made absolute.
 */
function markdownHtml(markdown: string, absolute: (path: string) => string): string {
  return statusMarkdown(markdown.replace(notXml, ''), { absolute, headingOffset: 2 }).trimEnd();
}

// ---------------------------------------------------------------------------------------------
// Incident history: Atom and RSS

/** "7 Oct 2026, 11:05 CEST": the zone abbreviation matters because entries span DST changes. */
function formatter(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return (iso: string) => format.format(new Date(iso));
}

function updateHtml(
  update: { at: string; status: IncidentStatus | MaintenanceStatus; body: string },
  label: string,
  when: (iso: string) => string,
  absolute: (path: string) => string,
) {
  return `<p><strong>${escapeXml(label)}</strong> · <small>${escapeXml(when(update.at))}</small></p>\n${markdownHtml(update.body, absolute)}`;
}

/**
 * One entry's HTML: the file's longer description, the visible updates newest first (as on
 * Statuspage's history feed), then the postmortem once it is visible, since the postmortem
 * update says it is "below".
 */
function incidentHtml(incident: IncidentState, when: (iso: string) => string, absolute: (path: string) => string) {
  const parts: string[] = [];
  if (incident.body.trim()) parts.push(markdownHtml(incident.body, absolute));
  for (const update of [...incident.updates].reverse()) {
    parts.push(updateHtml(update, incidentStatusLabels[update.status], when, absolute));
  }
  if (incident.postmortem !== null) parts.push(`<h3>Postmortem</h3>\n${markdownHtml(incident.postmortem, absolute)}`);
  return parts.join('\n');
}

/** "8 Dec 2026, 02:00 CET to 8 Dec 2026, 04:00 CET · Affects Mailboxes and webmail" */
function maintenanceWindowHtml(maintenance: MaintenanceState, when: (iso: string) => string, componentNames: Map<string, string>) {
  const affected = maintenance.components.map((id) => componentNames.get(id) ?? id).join(', ');
  return `<p>${escapeXml(`${when(maintenance.scheduledFor)} to ${when(maintenance.scheduledUntil)} · Affects ${affected}`)}</p>`;
}

/** A maintenance entry: its window and components, the longer description, the updates newest first. */
function maintenanceHtml(
  maintenance: MaintenanceState,
  when: (iso: string) => string,
  absolute: (path: string) => string,
  componentNames: Map<string, string>,
) {
  const parts = [maintenanceWindowHtml(maintenance, when, componentNames)];
  if (maintenance.body.trim()) parts.push(markdownHtml(maintenance.body, absolute));
  for (const update of [...maintenance.updates].reverse()) {
    parts.push(updateHtml(update, maintenanceStatusLabels[update.status], when, absolute));
  }
  return parts.join('\n');
}

interface FeedEntry {
  title: string;
  /** The latest visible change: the entry's Atom <updated>. */
  date: Date;
  /** When it first appeared on the page; entries are listed newest first by this. */
  published: Date;
  description: string;
  content: string;
  category: 'Incident' | 'Maintenance';
  /** The permalink: Atom id and RSS guid. */
  id: string;
}

function historyFeed(snapshot: StatusSnapshot, settings: StatusFeedSettings): Feed {
  const url = urls(settings.siteUrl);
  const when = formatter(settings.timeZone);
  const componentNames = new Map(snapshot.components.map((c) => [c.id, c.name]));
  const { incidents, maintenances } = snapshot;
  const latest = Math.max(
    nothingPublished.getTime(),
    ...incidents.map((i) => Date.parse(i.updatedAt)),
    ...maintenances.map((m) => Date.parse(m.updatedAt ?? m.publishedAt ?? m.scheduledFor)),
  );
  const feed = new Feed({
    id: url.atom,
    title: `${settings.name} status history`,
    description: `Incidents and maintenance on the ${settings.name} status page, newest first.`,
    link: url.status,
    language: 'en',
    updated: new Date(latest),
    generator: 'Cairn',
    author: { name: settings.name, link: url.status },
    feedLinks: { atom: url.atom, rss: url.rss },
  });
  const entries: FeedEntry[] = [
    ...incidents.map((incident): FeedEntry => {
      const latestUpdate = incident.updates.at(-1)!;
      return {
        title: incident.title,
        id: url.incident(incident.id),
        date: new Date(incident.updatedAt),
        published: new Date(incident.startedAt),
        description: updateHtml(latestUpdate, incidentStatusLabels[latestUpdate.status], when, url.absolute),
        content: incidentHtml(incident, when, url.absolute),
        category: 'Incident',
      };
    }),
    // Each maintenance is an entry of its own from its announcement on, as Statuspage's feed
    // carries scheduled maintenance; its updates ("In progress", "Completed") revise that entry.
    ...maintenances.map((maintenance): FeedEntry => {
      const latestUpdate = maintenance.updates.at(-1);
      const announced = maintenance.publishedAt ?? maintenance.updates[0]?.at ?? maintenance.scheduledFor;
      return {
        title: maintenance.title,
        id: url.maintenance(maintenance.id),
        date: new Date(maintenance.updatedAt ?? announced),
        published: new Date(announced),
        description: latestUpdate
          ? updateHtml(latestUpdate, maintenanceStatusLabels[latestUpdate.status], when, url.absolute)
          : maintenanceWindowHtml(maintenance, when, componentNames),
        content: maintenanceHtml(maintenance, when, url.absolute, componentNames),
        category: 'Maintenance',
      };
    }),
  ];
  // Newest first by first appearance, as the history page lists them; ids break ties so the
  // order never depends on the order the store returned them in.
  entries.sort((a, b) => b.published.getTime() - a.published.getTime() || a.id.localeCompare(b.id));
  for (const entry of entries) {
    feed.addItem({
      // Titles are escaped too: `feed` wraps them in CDATA and Atom declares them type="html".
      title: escapeXml(entry.title),
      // No separate id: the permalink is the Atom id and the RSS guid (isPermaLink), built from
      // siteUrl and the entry's id only, so it stays the same forever, whichever host served it.
      link: entry.id,
      date: entry.date,
      published: entry.published,
      description: entry.description,
      content: entry.content,
      // Atom needs the term; RSS and readers show the name.
      category: [{ name: entry.category, term: entry.category.toLowerCase() }],
    });
  }
  return feed;
}

/** Incidents and maintenance as Atom 1.0: every entry visible in the snapshot, newest first, updates up to its instant only. */
export function incidentsAtom(snapshot: StatusSnapshot, settings: StatusFeedSettings): string {
  return historyFeed(snapshot, settings).atom1();
}

/** The same entries as RSS 2.0, with the timeline in content:encoded and the latest update as description. */
export function incidentsRss(snapshot: StatusSnapshot, settings: StatusFeedSettings): string {
  return historyFeed(snapshot, settings).rss2();
}

// ---------------------------------------------------------------------------------------------
// Maintenance calendar

function maintenanceDescription(maintenance: MaintenanceState, componentNames: Map<string, string>, link: string) {
  const latest = maintenance.updates.at(-1);
  return [
    `Affected: ${maintenance.components.map((id) => componentNames.get(id) ?? id).join(', ')}`,
    latest ? `${maintenanceStatusLabels[latest.status]}: ${latest.body}` : null,
    maintenance.body.trim() || null,
    `Details: ${link}`,
  ]
    .filter((part) => part !== null)
    .join('\n\n')
    .replace(notXml, '');
}

/**
 * Every maintenance published in the snapshot, past and upcoming, as an RFC 5545 calendar to
 * subscribe to, soonest window first (clients do not care; a person reading the file does).
 *
 * - UID is `<id>@<host>`: the file name never changes, so clients update the event in place.
 * - SEQUENCE is the number of visible updates minus one (0 for the announcement). Every update
 *   changes DESCRIPTION, and clients such as Outlook ignore a revised event whose SEQUENCE did not
 *   rise (RFC 5545 §3.8.7.4).
 * - DTSTAMP and LAST-MODIFIED are the latest visible update (else the publication): without a
 *   METHOD, DTSTAMP means the last revision (§3.8.7.2), and using `now` would change the file on
 *   every poll.
 * - DTSTART/DTEND are the scheduled window, written in UTC. ical-generator's calendar `timezone`
 *   option is not used: with plain Dates it writes the server process's local wall time without
 *   an offset (floating), and a TZID would need a VTIMEZONE it cannot generate without a plugin.
 *   X-WR-TIMEZONE still tells clients which zone to display.
 * - TRANSP is TRANSPARENT: a maintenance window is not the subscriber's busy time.
 */
export function maintenanceIcs(snapshot: StatusSnapshot, settings: StatusFeedSettings): string {
  const url = urls(settings.siteUrl);
  const componentNames = new Map(snapshot.components.map((c) => [c.id, c.name]));
  const calendar = ical({
    // ical-generator escapes event text but writes NAME and X-WR-CALNAME as given.
    name: escapeIcalText(`${settings.name} maintenance`, false),
    prodId: { company: settings.name.replace(/[/\r\n]/g, ' '), product: 'Cairn status', language: 'EN' },
  });
  for (const maintenance of [...snapshot.maintenances].sort(bySoonestWindow)) {
    const link = url.maintenance(maintenance.id);
    const revised = maintenance.updatedAt === null ? nothingPublished : new Date(maintenance.updatedAt);
    calendar.createEvent({
      id: `${maintenance.id}@${url.host}`,
      sequence: Math.max(0, maintenance.updates.length - 1),
      start: new Date(maintenance.scheduledFor),
      end: new Date(maintenance.scheduledUntil),
      stamp: revised,
      lastModified: revised,
      summary: maintenance.title.replace(notXml, ''),
      description: maintenanceDescription(maintenance, componentNames, link),
      url: link,
      status: maintenance.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  // ical-generator writes calendar X- properties after the events, but RFC 5545's grammar puts
  // calendar properties first (icalbody = calprops component), so the zone goes in by hand. A
  // folded line starts with a space, so the search cannot hit text inside a description.
  const source = calendar.toString();
  const firstComponent = source.search(/^(?:BEGIN:VEVENT|END:VCALENDAR)/m);
  const zone = `X-WR-TIMEZONE:${escapeIcalText(settings.timeZone, false)}\r\n`;
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator omits that one.
  return `${source.slice(0, firstComponent)}${zone}${source.slice(firstComponent)}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Badge

export type BadgeIndicator = Impact | 'maintenance';

/**
 * Fill and text colour per indicator, in the shields.io hues (green, yellow, orange, red, blue)
 * but dark enough for white text at 4.5:1; yellow cannot be, so it gets dark text instead.
 */
export const badgeColours: Record<BadgeIndicator, { fill: string; text: string }> = {
  none: { fill: '#1a7f37', text: '#ffffff' },
  minor: { fill: '#f2c744', text: '#1f2328' },
  major: { fill: '#b35900', text: '#ffffff' },
  critical: { fill: '#cf222e', text: '#ffffff' },
  maintenance: { fill: '#0969da', text: '#ffffff' },
};

/**
 * Approximate advance widths of Verdana at 11px, the shields.io font. Close enough to size the
 * box; textLength then stretches the text to it, so a fallback font still fits.
 */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[ijlI|!.,:;'`]/.test(char)) width += 3;
    else if (char === ' ') width += 3.9;
    else if (/[frt()[\]{}\-/]/.test(char)) width += 4.5;
    else if (/[mwMW@%]/.test(char)) width += 10;
    else if (/[A-Z0-9]/.test(char)) width += 7.2;
    else width += 6.6;
  }
  return Math.round(width * 10) / 10;
}

/** A shields-style "status | <label>" badge, e.g. for a README or an intranet page. */
export function statusBadgeSvg(label: string, indicator: BadgeIndicator): string {
  const left = 'status';
  const padding = 6;
  const leftText = textWidth(left);
  // textLength="0" would collapse the text in some renderers; an empty label gets a sliver instead.
  const rightText = Math.max(1, textWidth(label));
  const leftWidth = Math.round(leftText + 2 * padding);
  const rightWidth = Math.round(rightText + 2 * padding);
  const width = leftWidth + rightWidth;
  const { fill, text } = badgeColours[indicator];
  const title = escapeXml(`${left}: ${label}`);
  // Rounded corners without a clipPath: ids would clash when several badges are inlined in one page.
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<rect width="${width}" height="20" rx="3" fill="${fill}"/>`,
    `<rect width="${leftWidth}" height="20" rx="3" fill="#555555"/>`,
    `<rect x="${leftWidth - 3}" width="3" height="20" fill="#555555"/>`,
    `<g font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">`,
    `<text x="${leftWidth / 2}" y="14" fill="#ffffff" textLength="${leftText}" lengthAdjust="spacingAndGlyphs">${left}</text>`,
    `<text x="${leftWidth + rightWidth / 2}" y="14" fill="${text}" textLength="${rightText}" lengthAdjust="spacingAndGlyphs">${escapeXml(label)}</text>`,
    `</g>`,
    `</svg>`,
  ].join('');
}
