import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { incidentsAt, maintenancesAt, statusAt, type StatusContent } from '../../src/lib/status';
import {
  badgeColours,
  incidentsAtom,
  incidentsRss,
  maintenanceIcs,
  statusBadgeSvg,
  type BadgeIndicator,
} from '../../src/lib/status-feeds';
import { at, content, desk, deskZone, incident, maintenance, readStatusDir, sampleHistoryDir } from './status-fixtures';

const settings = { siteUrl: 'https://help.alpenhost.ch', name: 'Alpenhost', timeZone: deskZone };

// ---------------------------------------------------------------------------------------------
// Parsing helpers: real parsers, so the tests see what a feed reader or calendar app sees.

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['entry', 'item', 'link', 'atom:link'].includes(name),
});
type Node = Record<string, any>;
const text = (node: unknown): string => (typeof node === 'string' ? node : String((node as Node)['#text']));

function atom(source: string) {
  expect(XMLValidator.validate(source)).toBe(true);
  const feed = xml.parse(source).feed as Node;
  return { feed, entries: (feed.entry ?? []) as Node[] };
}
function rss(source: string) {
  expect(XMLValidator.validate(source)).toBe(true);
  const channel = xml.parse(source).rss.channel as Node;
  return { channel, items: (channel.item ?? []) as Node[] };
}
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) };
}

// ---------------------------------------------------------------------------------------------
// Incident history

const dnsOutage = incident('2026-10-07-dns', {
  title: 'DNS answers slow & failing',
  updates: [
    { at: '2026-10-07T09:12:00+02:00', status: 'investigating', body: 'Some queries time out.' },
    { at: '2026-10-07T11:05:00+02:00', status: 'resolved', body: 'All answers are normal again.' },
  ],
});
const mailDelays = incident('2026-11-03-mail', {
  title: 'Delayed incoming mail',
  impact: 'minor',
  components: [{ id: 'mail-delivery', status: 'degraded_performance' }],
  updates: [
    { at: '2026-11-03T08:00:00+01:00', status: 'investigating', body: 'Mail arrives late.' },
    { at: '2026-11-03T09:30:00+01:00', status: 'identified', body: 'A spam wave filled the queue.' },
    { at: '2026-11-03T11:00:00+01:00', status: 'resolved', body: 'The backlog is delivered.' },
  ],
});
const planned = incident('2026-12-01-later', {
  title: 'Written ahead of time',
  updates: [{ at: '2026-12-01T08:00:00+01:00', status: 'investigating', body: 'Not yet.' }],
});
const history = content({ incidents: [dnsOutage, planned, mailDelays] });
const duringMail = at('2026-11-03T10:00:00+01:00');
const endOfNovember = at('2026-11-30T12:00:00+01:00');

describe.each([
  ['Atom', (c: StatusContent, now: Date) => atom(incidentsAtom(statusAt(c, now, desk), settings)).entries],
  ['RSS', (c: StatusContent, now: Date) => rss(incidentsRss(statusAt(c, now, desk), settings)).items],
])('the %s incident history', (format, entriesOf) => {
  const link = (entry: Node) => (format === 'Atom' ? entry.link[0]['@_href'] : entry.link[0]);
  const id = (entry: Node) => (format === 'Atom' ? entry.id : text(entry.guid));
  const body = (entry: Node) => text(format === 'Atom' ? entry.content : entry['content:encoded']);

  it('lists one entry per visible incident, newest first, linking to its page', () => {
    expect(entriesOf(history, endOfNovember).map(link)).toEqual([
      'https://help.alpenhost.ch/status/incidents/2026-11-03-mail/',
      'https://help.alpenhost.ch/status/incidents/2026-10-07-dns/',
    ]);
  });

  it('uses the permalink as an id that does not change as updates arrive', () => {
    const before = entriesOf(history, duringMail).map(id);
    expect(entriesOf(history, endOfNovember).map(id)).toEqual(before);
    expect(before).toEqual(entriesOf(history, duringMail).map(link));
  });

  it('leaves out an incident whose updates are all in the future', () => {
    expect(entriesOf(history, endOfNovember).map(link).join()).not.toContain('2026-12-01-later');
    expect(entriesOf(history, at('2026-12-01T08:00:00+01:00')).map(link)[0]).toContain('2026-12-01-later');
  });

  it('shows only the updates posted by now, newest first', () => {
    const [mail] = entriesOf(history, duringMail);
    const timeline = body(mail);
    expect(timeline).not.toContain('The backlog is delivered.');
    expect(timeline.indexOf('A spam wave filled the queue.')).toBeLessThan(timeline.indexOf('Mail arrives late.'));
    expect(timeline).toContain('<strong>Identified</strong> · <small>3 Nov 2026, 09:30 CET</small>');
  });

  it('escapes a <script> in an update body instead of passing it on', () => {
    const hostile = content({
      incidents: [incident('2026-11-05-x', { updates: [{ at: '2026-11-05T08:00:00+01:00', status: 'investigating', body: 'Look <script>alert(1)</script> ]]> here' }] })],
    });
    const [entry] = entriesOf(hostile, endOfNovember);
    expect(body(entry)).toContain('Look &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; here');
    expect(body(entry)).not.toContain('<script');
  });

  it('escapes the title, which readers treat as HTML', () => {
    expect(text(entriesOf(history, endOfNovember)[1].title)).toBe('DNS answers slow &amp; failing');
  });
});

describe('the Atom feed', () => {
  it('points its self link at history.atom and its alternate link at the status page', () => {
    const { feed } = atom(incidentsAtom(statusAt(history, endOfNovember, desk), settings));
    expect(feed.link.map((l: Node) => [l['@_rel'], l['@_href']])).toEqual([
      ['alternate', 'https://help.alpenhost.ch/status/'],
      ['self', 'https://help.alpenhost.ch/status/history.atom'],
    ]);
  });

  it('dates each entry by its latest visible update and the feed by the latest of all', () => {
    const { feed, entries } = atom(incidentsAtom(statusAt(history, duringMail, desk), settings));
    expect(entries.map((e) => [e.updated, e.published])).toEqual([
      ['2026-11-03T08:30:00.000Z', '2026-11-03T07:00:00.000Z'],
      ['2026-10-07T09:05:00.000Z', '2026-10-07T07:12:00.000Z'],
    ]);
    expect(feed.updated).toBe('2026-11-03T08:30:00.000Z');
  });

  it('is byte-identical for two requests between updates, so it never stamps `now`', () => {
    expect(incidentsAtom(statusAt(history, at('2026-11-20T00:00:00Z'), desk), settings)).toBe(incidentsAtom(statusAt(history, endOfNovember, desk), settings));
  });

  it('is a valid empty feed before anything is published', () => {
    const { feed, entries } = atom(incidentsAtom(statusAt(content({}), endOfNovember, desk), settings));
    expect(entries).toEqual([]);
    expect(feed.updated).toBe('1970-01-01T00:00:00.000Z');
  });

  it('accepts a site URL written with a trailing slash', () => {
    const { entries } = atom(incidentsAtom(statusAt(history, endOfNovember, desk), { ...settings, siteUrl: 'https://help.alpenhost.ch/' }));
    expect(entries[0].id).toBe('https://help.alpenhost.ch/status/incidents/2026-11-03-mail/');
  });

  it('writes times in the configured zone', () => {
    const { entries } = atom(incidentsAtom(statusAt(history, duringMail, desk), { ...settings, timeZone: 'America/New_York' }));
    expect(text(entries[0].content)).toContain('3 Nov 2026, 03:30 GMT-5');
  });

  it('puts the description first and the postmortem last, once it is visible', () => {
    const withPostmortem = content({
      incidents: [
        incident('2026-10-07-dns', {
          updates: [
            { at: '2026-10-07T09:12:00+02:00', status: 'investigating', body: 'Looking.' },
            { at: '2026-10-07T11:05:00+02:00', status: 'resolved', body: 'Fixed.' },
            { at: '2026-10-09T16:00:00+02:00', status: 'postmortem', body: 'The postmortem is below.' },
          ],
          postmortem: '## Cause\n\nA router filter.',
        }, 'Zones use both name servers.'),
      ],
    });
    const html = (now: Date) => text(atom(incidentsAtom(statusAt(withPostmortem, now, desk), settings)).entries[0].content);
    expect(html(at('2026-10-08T00:00:00Z'))).not.toContain('Postmortem');
    const full = html(endOfNovember);
    expect(full.startsWith('<p>Zones use both name servers.</p>')).toBe(true);
    expect(full.endsWith('<h3>Postmortem</h3>\n<h4>Cause</h4>\n<p>A router filter.</p>')).toBe(true);
  });
});

describe('the RSS feed', () => {
  it('points its atom:link self at history.rss and marks guids as permalinks', () => {
    const { channel, items } = rss(incidentsRss(statusAt(history, endOfNovember, desk), settings));
    expect(channel['atom:link'][0]['@_href']).toBe('https://help.alpenhost.ch/status/history.rss');
    expect(channel['atom:link'][0]['@_rel']).toBe('self');
    expect(items.map((i) => i.guid['@_isPermaLink'])).toEqual(['true', 'true']);
    expect(channel.lastBuildDate).toBe('Tue, 03 Nov 2026 10:00:00 GMT');
  });

  it('gives the latest update as the description', () => {
    const [mail] = rss(incidentsRss(statusAt(history, duringMail, desk), settings)).items;
    expect(text(mail.description)).toBe('<p><strong>Identified</strong> · <small>3 Nov 2026, 09:30 CET</small></p>\n<p>A spam wave filled the queue.</p>');
  });
});

describe.each([
  ['keeps a paragraph wrapped over lines one paragraph', 'Mail is\nlate.', '<p>Mail is\nlate.</p>'],
  ['keeps paragraphs apart', 'One.\n\nTwo.', '<p>One.</p>\n<p>Two.</p>'],
  ['turns a dash list with wrapped items into a list', '- one\n  more\n- two', '<ul>\n<li>one\nmore</li>\n<li>two</li>\n</ul>'],
  ['turns a numbered list into an ordered list', '1. first\n2. second', '<ol>\n<li>first</li>\n<li>second</li>\n</ol>'],
  ['shifts headings below the entry heading', '## Cause\nA filter.', '<h4>Cause</h4>\n<p>A filter.</p>'],
  ['renders bold and code, but not bold inside code', '**Do** run `a**b**`', '<p><strong>Do</strong> run <code>a**b**</code></p>'],
  ['makes a root-relative link absolute', 'See [the guide](/articles/mail/imap/).', '<p>See <a href="https://help.alpenhost.ch/articles/mail/imap/">the guide</a>.</p>'],
  ['keeps an https link and escapes its ampersand', '[log](https://x.ch/?a=1&b=2)', '<p><a href="https://x.ch/?a=1&amp;b=2">log</a></p>'],
  ['leaves a javascript: link as text', '[click](javascript:alert(1))', '<p>[click](javascript:alert(1))</p>'],
  ['escapes raw HTML', '<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>'],
  ['escapes an HTML tag inside a sentence', 'a <script>x()</script> b', '<p>a &lt;script&gt;x()&lt;/script&gt; b</p>'],
  ['leaves a data: image as text', '![x](data:image/svg+xml,abc)', '<p>![x](data:image/svg+xml,abc)</p>'],
  ['keeps a mailto link', '[write](mailto:support@alpenhost.ch)', '<p><a href="mailto:support@alpenhost.ch">write</a></p>'],
  ['drops control characters XML forbids', 'bell\u0007 here', '<p>bell here</p>'],
])('an update body in Markdown', (behaviour, markdown, html) => {
  it(behaviour, () => {
    const one = content({ incidents: [incident('2026-11-05-x', { updates: [{ at: '2026-11-05T08:00:00+01:00', status: 'investigating', body: markdown }] })] });
    expect(text(atom(incidentsAtom(statusAt(one, endOfNovember, desk), settings)).entries[0].content)).toContain(html);
  });
});

// ---------------------------------------------------------------------------------------------
// Maintenance calendar

const storage = maintenance('2026-12-08-mail-storage', {
  title: 'Mail storage migration',
  components: ['mailboxes', 'mail-delivery'],
  scheduledFor: '2026-12-08T02:00:00+01:00',
  scheduledUntil: '2026-12-08T04:00:00+01:00',
  publishedAt: '2026-11-28T10:00:00+01:00',
  updates: [
    { at: '2026-11-28T10:00:00+01:00', status: 'scheduled', body: 'Wir migrieren die Postfächer auf neue Server – Mail-Apps verbinden sich danach von selbst wieder, kein Mail geht verloren.' },
    { at: '2026-12-08T02:00:00+01:00', status: 'in_progress', body: 'The migration has started.' },
    { at: '2026-12-08T03:10:00+01:00', status: 'completed', body: 'All mailboxes are on the new servers.' },
  ],
}, 'A mailbox is unavailable only while it is moved.');
const summerDatabases = maintenance('2026-07-14-databases', {
  title: 'Database upgrade; MariaDB, 11.8',
  components: ['dns'],
  scheduledFor: '2026-07-14T01:00:00+02:00',
  scheduledUntil: '2026-07-14T03:00:00Z',
});
const unannounced = maintenance('2027-01-12-dns', {
  components: ['dns'],
  scheduledFor: '2027-01-12T01:00:00+01:00',
  scheduledUntil: '2027-01-12T02:00:00+01:00',
  publishedAt: '2026-12-20T10:00:00+01:00',
});
const calendarContent = content({ maintenances: [storage, summerDatabases, unannounced] });
const ics = (now: Date, extra: Partial<typeof settings & { timeZone: string }> = {}) =>
  maintenanceIcs(statusAt(calendarContent, now, desk), { ...settings, ...extra });
const byUid = (source: string) => new Map(events(source).events.map((e) => [e.uid, e]));

describe('the maintenance calendar', () => {
  it('holds one event per published maintenance, past and upcoming', () => {
    expect(events(ics(endOfNovember)).events.map((e) => e.uid).sort()).toEqual([
      '2026-07-14-databases@help.alpenhost.ch',
      '2026-12-08-mail-storage@help.alpenhost.ch',
    ]);
    expect(events(ics(at('2026-12-21T00:00:00Z'))).events).toHaveLength(3);
  });

  it('lists the events soonest window first', () => {
    const starts = events(ics(at('2026-12-21T00:00:00Z'))).events.map((e) => e.startDate.toJSDate().getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('keeps each UID across requests, so clients update the event in place', () => {
    const before = [...byUid(ics(endOfNovember)).keys()].sort();
    const after = [...byUid(ics(at('2026-12-09T00:00:00Z'))).keys()].filter((uid) => before.includes(uid)).sort();
    expect(after).toEqual(before);
  });

  it.each([
    ['the announcement alone is sequence 0', '2026-11-30T00:00:00Z', 0, '2026-11-28T09:00:00.000Z'],
    ['the in-progress update raises it to 1', '2026-12-08T01:30:00Z', 1, '2026-12-08T01:00:00.000Z'],
    ['the completed update raises it to 2', '2026-12-09T00:00:00Z', 2, '2026-12-08T02:10:00.000Z'],
  ])('%s, stamped with that update', (_, now, sequence, stamp) => {
    const event = byUid(ics(at(now))).get('2026-12-08-mail-storage@help.alpenhost.ch')!;
    expect(event.sequence).toBe(sequence);
    expect((event.component.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe(stamp);
    expect((event.component.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().toISOString()).toBe(stamp);
  });

  it('stamps a maintenance nobody posted on at its automatic updates, never at now', () => {
    // No update in the file: the window opening and closing are its only (automatic) updates.
    const event = byUid(ics(endOfNovember)).get('2026-07-14-databases@help.alpenhost.ch')!;
    expect((event.component.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe('2026-07-14T03:00:00.000Z');
    expect(event.sequence).toBe(1);
    expect(ics(at('2026-12-01T00:00:00Z'))).toBe(ics(endOfNovember));
  });

  it('is byte-identical for two requests between updates', () => {
    expect(ics(at('2026-11-29T00:00:00Z'))).toBe(ics(endOfNovember));
  });

  it.each([
    ['a winter window (+01:00)', '2026-12-08-mail-storage', '2026-12-08T01:00:00.000Z', '2026-12-08T03:00:00.000Z'],
    ['a summer window (+02:00 to Z)', '2026-07-14-databases', '2026-07-13T23:00:00.000Z', '2026-07-14T03:00:00.000Z'],
  ])('gives %s as UTC instants equal to the schedule', (_, id, start, end) => {
    const event = byUid(ics(at('2026-12-09T00:00:00Z'))).get(`${id}@help.alpenhost.ch`)!;
    expect(event.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
    expect([event.startDate.toJSDate().toISOString(), event.endDate.toJSDate().toISOString()]).toEqual([start, end]);
  });

  it('describes the affected components and the latest update, with a link', () => {
    const event = byUid(ics(endOfNovember)).get('2026-12-08-mail-storage@help.alpenhost.ch')!;
    expect(event.summary).toBe('Mail storage migration');
    expect(event.description).toBe(
      'Affected: Mailboxes and webmail, Sending and receiving\n\n' +
        'Scheduled: Wir migrieren die Postfächer auf neue Server – Mail-Apps verbinden sich danach von selbst wieder, kein Mail geht verloren.\n\n' +
        'A mailbox is unavailable only while it is moved.\n\n' +
        'Details: https://help.alpenhost.ch/status/maintenance/2026-12-08-mail-storage/',
    );
    expect(event.component.getFirstPropertyValue('url')).toBe('https://help.alpenhost.ch/status/maintenance/2026-12-08-mail-storage/');
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
  });

  it('escapes commas and semicolons in the summary', () => {
    const source = ics(endOfNovember);
    expect(source).toContain('SUMMARY:Database upgrade\\; MariaDB\\, 11.8');
    expect(byUid(source).get('2026-07-14-databases@help.alpenhost.ch')!.summary).toBe('Database upgrade; MariaDB, 11.8');
  });

  it('names the calendar and its display zone, Zurich unless configured', () => {
    expect(events(ics(endOfNovember)).calendar.getFirstPropertyValue('x-wr-calname')).toBe('Alpenhost maintenance');
    expect(events(ics(endOfNovember)).calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Zurich');
    expect(events(ics(endOfNovember, { timeZone: 'Europe/Vienna' })).calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Vienna');
  });

  it.each([
    ['with events', endOfNovember],
    ['without events', at('2026-01-01T00:00:00Z')],
  ])('writes the calendar properties before the first component, %s', (_, now) => {
    const source = maintenanceIcs(statusAt(content({ maintenances: [storage] }), now, desk), settings);
    const lines = source.split('\r\n');
    const firstComponent = lines.findIndex((line, i) => i > 0 && (line.startsWith('BEGIN:') || line === 'END:VCALENDAR'));
    expect(lines.slice(0, firstComponent)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Alpenhost//Cairn status//EN',
      'NAME:Alpenhost maintenance',
      'X-WR-CALNAME:Alpenhost maintenance',
      'X-WR-TIMEZONE:Europe/Zurich',
    ]);
    expect(lines.slice(firstComponent).filter((line) => line.startsWith('X-WR-'))).toEqual([]);
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const source = ics(at('2026-12-09T00:00:00Z'));
    const lines = source.split('\r\n');
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(source).not.toContain('\uFFFD');
  });

  it('ends every line, the last one too, with CRLF', () => {
    const source = ics(endOfNovember);
    expect(source.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(source.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

// ---------------------------------------------------------------------------------------------
// Badge

const svg = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['rect', 'text'].includes(name) });
const badge = (label: string, indicator: BadgeIndicator) => {
  const source = statusBadgeSvg(label, indicator);
  expect(XMLValidator.validate(source)).toBe(true);
  return { source, root: svg.parse(source).svg as Node };
};

describe.each([
  ['none', 'All systems operational', '#1a7f37'],
  ['minor', 'Degraded performance', '#f2c744'],
  ['major', 'Partial outage', '#b35900'],
  ['critical', 'Major outage', '#cf222e'],
  ['maintenance', 'Maintenance in progress', '#0969da'],
] as const)('the %s badge', (indicator, label, fill) => {
  it(`reads "status | ${label}" on ${fill}`, () => {
    const { root } = badge(label, indicator);
    expect(root['@_role']).toBe('img');
    expect(root.title).toBe(`status: ${label}`);
    expect(root.rect[0]['@_fill']).toBe(fill);
    expect(root.g.text.map((t: Node) => text(t))).toEqual(['status', label]);
    expect(badgeColours[indicator].fill).toBe(fill);
  });
});

describe('the badge', () => {
  it('escapes & and < in the label', () => {
    const { source, root } = badge('R&D <beta>', 'minor');
    expect(source).not.toContain('<beta>');
    expect(root.title).toBe('status: R&D <beta>');
    expect(text(root.g.text[1])).toBe('R&D <beta>');
  });

  it('grows with the label so the text fits', () => {
    const width = (label: string) => Number(badge(label, 'none').root['@_width']);
    expect(width('All systems operational')).toBeGreaterThan(width('Major outage') + 50);
    // Real Verdana 11px: 34px for "status", 129px for the label, plus 6px padding on each side.
    expect(width('All systems operational')).toBeGreaterThan(180);
    expect(width('All systems operational')).toBeLessThan(195);
  });
});

// ---------------------------------------------------------------------------------------------
// Maintenance in the history feeds

describe.each([
  ['Atom', (c: StatusContent, now: Date) => atom(incidentsAtom(statusAt(c, now, desk), settings)).entries],
  ['RSS', (c: StatusContent, now: Date) => rss(incidentsRss(statusAt(c, now, desk), settings)).items],
])('maintenance in the %s feed', (format, entriesOf) => {
  const id = (entry: Node) => (format === 'Atom' ? entry.id : text(entry.guid));
  const body = (entry: Node) => text(format === 'Atom' ? entry.content : entry['content:encoded']);
  const category = (entry: Node) => (format === 'Atom' ? entry.category['@_term'] : text(entry.category)).toLowerCase();
  const storageId = 'https://help.alpenhost.ch/status/maintenance/2026-12-08-mail-storage/';
  const mixed = content({ incidents: [dnsOutage, mailDelays], maintenances: [storage, unannounced] });
  const entryOf = (now: Date) => entriesOf(mixed, now).find((e) => id(e) === storageId)!;

  it('gets an entry of its own from its announcement, among the incidents by date, marked as maintenance', () => {
    expect(entriesOf(mixed, at('2026-11-28T08:00:00Z')).map(id)).not.toContain(storageId);
    expect(entriesOf(mixed, endOfNovember).map(id)).toEqual([
      storageId,
      'https://help.alpenhost.ch/status/incidents/2026-11-03-mail/',
      'https://help.alpenhost.ch/status/incidents/2026-10-07-dns/',
    ]);
    expect(category(entryOf(endOfNovember))).toBe('maintenance');
    expect(category(entriesOf(mixed, endOfNovember)[1])).toBe('incident');
  });

  it('keeps its id while it goes from scheduled to in progress to completed, the timeline growing', () => {
    const stages = ['2026-11-30T00:00:00Z', '2026-12-08T01:30:00Z', '2026-12-09T00:00:00Z'].map((t) => entryOf(at(t)));
    expect(stages.map(id)).toEqual([storageId, storageId, storageId]);
    expect(body(stages[0])).toContain('8 Dec 2026, 02:00 CET to 8 Dec 2026, 04:00 CET · Affects Mailboxes and webmail, Sending and receiving');
    expect(body(stages[0])).not.toContain('The migration has started.');
    expect(body(stages[1])).toContain('<strong>In progress</strong>');
    const done = body(stages[2]);
    expect(done.indexOf('All mailboxes are on the new servers.')).toBeLessThan(done.indexOf('The migration has started.'));
    expect(done).toContain('A mailbox is unavailable only while it is moved.');
  });
});

it('dates the Atom entry of a maintenance at its latest update, and the feed with it', () => {
  const { feed, entries } = atom(incidentsAtom(statusAt(content({ maintenances: [storage] }), at('2026-12-08T01:30:00Z'), desk), settings));
  expect(new Date(entries[0].updated).toISOString()).toBe('2026-12-08T01:00:00.000Z');
  expect(new Date(entries[0].published).toISOString()).toBe('2026-11-28T09:00:00.000Z');
  expect(new Date(feed.updated).toISOString()).toBe('2026-12-08T01:00:00.000Z');
});

// ---------------------------------------------------------------------------------------------
// The sample content

describe('the feeds over the sample history', () => {
  const { content: sample, errors } = readStatusDir(sampleHistoryDir);

  it('parses without errors', () => {
    expect(errors).toEqual([]);
  });

  it('lists every visible incident and maintenance in both feeds, with the DNS postmortem', () => {
    const visible = incidentsAt(sample, endOfNovember);
    const planned = maintenancesAt(sample, endOfNovember);
    expect(visible.length).toBeGreaterThan(0);
    expect(planned.length).toBeGreaterThan(0);
    const { entries } = atom(incidentsAtom(statusAt(sample, endOfNovember, desk), settings));
    const ids = entries.map((e) => e.id);
    expect(ids.filter((id) => id.includes('/incidents/'))).toEqual(visible.map((i) => `https://help.alpenhost.ch/status/incidents/${i.id}/`));
    expect(ids.filter((id) => id.includes('/maintenance/')).sort()).toEqual(planned.map((m) => `https://help.alpenhost.ch/status/maintenance/${m.id}/`).sort());
    expect(rss(incidentsRss(statusAt(sample, endOfNovember, desk), settings)).items).toHaveLength(visible.length + planned.length);
    const dns = entries.find((e) => e.id.includes('dns-timeouts'))!;
    expect(text(dns.content)).toContain('<h3>Postmortem</h3>\n<h4>Summary</h4>');
  });

  it('puts every published maintenance in a calendar ical.js reads', () => {
    const source = maintenanceIcs(statusAt(sample, endOfNovember, desk), settings);
    const { events: all } = events(source);
    expect(all.map((e) => e.uid).sort()).toEqual(maintenancesAt(sample, endOfNovember).map((m) => `${m.id}@help.alpenhost.ch`).sort());
    for (const line of source.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
});
