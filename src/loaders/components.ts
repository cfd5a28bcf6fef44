// The components authors may use in any article without an import line: <Steps>, <Callout>,
// <SettingsTable> and <Video>. Each turns its props and already rendered children into plain
// HTML (hast) when the content is loaded, so an article costs the build no JavaScript module.
// Their styles live in src/styles/article-components.css, their scripts in
// src/browser/article-widgets.ts.
import type { ElementContent } from 'hast';
import { z } from 'zod';
import { plans, type Plan, type SlaPolicy } from '../lib/sla.ts';
import { describeDeadlineExample, describeDuration, describeEmergencyPlans, describeHolidays, describePhoneDays, describePhoneHours, zoneName } from '../lib/sla-text.ts';
import { h } from './hast.ts';

type Render = (props: any, children: ElementContent[]) => ElementContent | ElementContent[];
export interface Component { props: z.ZodType; render: Render }

const callouts = {
  note: { label: 'Note', icon: 'M12 8h.01M11 11.5h1v5h1M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z' },
  tip: { label: 'Tip', icon: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z' },
  warning: { label: 'Warning', icon: 'M12 9v4m0 3.5h.01M10.3 3.9 2.4 17.5A2 2 0 0 0 4.1 20.5h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z' },
} as const;

const icon = (d: string, size: number) =>
  h('svg', { 'aria-hidden': 'true', width: size, height: size, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }, h('path', { d }));

/** <Steps>: wraps one Markdown ordered list and shows it as numbered, connected steps. */
const Steps: Component = {
  props: z.object({}).strict(),
  render: (_props, children) => h('div', { className: ['steps'] }, children),
};

/** <Callout type="note|tip|warning" title="…">: a highlighted aside. */
const Callout: Component = {
  props: z.object({
    type: z.enum(['note', 'tip', 'warning']).default('note'),
    title: z.string().min(1).optional(),
  }).strict(),
  render: ({ type, title }: { type: keyof typeof callouts; title?: string }, children) => {
    const { label, icon: d } = callouts[type];
    return h('div', { className: ['callout', type], role: 'note' },
      h('p', { className: ['label'] },
        icon(d, 18),
        h('span', {}, title ?? label),
        title && h('span', { className: ['sr-only'] }, ` (${label})`)),
      h('div', { className: ['body'] }, children));
  },
};

/**
 * <SettingsTable caption columns rows>: settings a customer types into an app (server, port,
 * encryption), with a copy button beside each value once JavaScript runs.
 */
const SettingsTable: Component = {
  props: z.object({
    caption: z.string().min(1),
    columns: z.array(z.string()).min(2).default(['Setting', 'Value']),
    rows: z.array(z.array(z.string()).min(2)).min(1),
  }).strict(),
  render: ({ caption, columns, rows }: { caption: string; columns: string[]; rows: string[][] }) =>
    h('div', { className: ['settings', 'table-scroll'] },
      h('table', {},
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell, i) => i === 0
          ? h('th', { scope: 'row' }, cell)
          : h('td', {},
            h('code', {}, cell),
            h('button', { type: 'button', className: ['copy'], 'data-pagefind-ignore': true, 'data-copy': cell, hidden: true, 'aria-label': `Copy ${row[0]}: ${cell}` }, 'Copy')))))))),
};

/**
 * <Video>: a privacy-friendly video. Nothing is requested from the video host until the reader
 * presses play; captions are switched on in the player and the transcript (the children) is
 * always on the page. `provider` + `id` for hosted videos, or `src` (+ `captions`) for a file
 * under public/.
 */
const Video: Component = {
  props: z.object({
    title: z.string().min(1),
    provider: z.enum(['youtube', 'vimeo']).default('youtube'),
    id: z.string().regex(/^[\w-]+$/, 'must be the video id from its address').optional(),
    src: z.string().startsWith('/', 'must be a path under public/, such as /videos/setup.mp4').optional(),
    captions: z.string().startsWith('/', 'must be a path under public/, such as /videos/setup.vtt').optional(),
    duration: z.string().regex(/^\d+:\d\d$/, 'must look like 4:05').optional(),
    lang: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as en').default('en'),
  }).strict().refine((p) => Boolean(p.id) !== Boolean(p.src), 'needs either id (a hosted video) or src (a file), not both'),
  render: (p: { title: string; provider: 'youtube' | 'vimeo'; id?: string; src?: string; captions?: string; duration?: string; lang: string }, children) => {
    const host = p.provider === 'vimeo' ? 'Vimeo' : 'YouTube';
    const embed = p.provider === 'vimeo'
      ? `https://player.vimeo.com/video/${encodeURIComponent(p.id ?? '')}?autoplay=1&dnt=1&texttrack=${p.lang}`
      : `https://www.youtube-nocookie.com/embed/${encodeURIComponent(p.id ?? '')}?autoplay=1&rel=0&cc_load_policy=1&cc_lang_pref=${p.lang}&hl=${p.lang}`;
    const player = p.src
      ? h('video', { controls: true, preload: 'none', src: p.src },
        p.captions && h('track', { kind: 'captions', src: p.captions, srclang: p.lang, label: 'Captions', default: true }))
      : h('cairn-video', { className: ['player'], 'data-embed': embed, 'data-title': p.title },
        h('button', { type: 'button', className: ['play'] },
          h('span', { className: ['disc'], 'aria-hidden': 'true' },
            h('svg', { width: 30, height: 30, viewBox: '0 0 24 24' }, h('path', { fill: 'currentColor', d: 'M8 5.5v13l10.5-6.5z' }))),
          h('span', { className: ['title'] }, p.title),
          h('span', { className: ['hint'] }, `Play video${p.duration ? ` · ${p.duration}` : ''} · captions on`)));
    return h('figure', { className: ['video'] },
      player,
      h('figcaption', {},
        !p.src && `Playing loads the video from ${host}; nothing is sent to ${host} before you press play.`,
        h('details', { className: ['transcript'] },
          h('summary', {}, 'Read the transcript'),
          h('div', { className: ['text'] }, children))));
  },
};

export const components: Record<string, Component> = { Steps, Callout, SettingsTable, Video };

const slaFacts = ['desk', 'zone', 'holidays', 'phone', 'phoneDays', 'phoneHours', 'target', 'emergencyPlans'] as const;

/**
 * Components that state the support desk's facts from content/support/sla.yaml, so an article
 * never restates them (STYLE.md, "One fact, one home"):
 * - <Sla show="desk" /> "06:00 to 23:00"; show="zone" "Zurich"; show="holidays" "1 January, …";
 *   show="phone" "Monday to Friday, 09:00–18:00", or its parts show="phoneDays" / "phoneHours";
 *   show="target" plan="plus" "4 hours"; show="emergencyPlans" "Pro and Enterprise".
 * - <SlaExample plan="pro" at="2026-12-01T22:30" />: a worked deadline for a ticket received at
 *   that local time, computed with the real rule.
 */
export function policyComponents(policy: SlaPolicy): Record<string, Component> {
  const Sla: Component = {
    props: z.object({ show: z.enum(slaFacts), plan: z.enum(plans).optional() }).strict()
      .refine((p) => (p.show === 'target') === (p.plan !== undefined), 'takes plan="…" with show="target", and only then')
      .refine((p) => p.plan === undefined || policy.targetsMinutes[p.plan] !== undefined, 'names a plan without a target in content/support/sla.yaml')
      .refine((p) => !p.show.startsWith('phone') || policy.phone !== undefined, 'states phone hours, but content/support/sla.yaml has no phone entry')
      .refine((p) => p.show !== 'emergencyPlans' || policy.emergencyPlans.length > 0, 'names the emergency plans, but content/support/sla.yaml lists none'),
    render: ({ show, plan }: { show: (typeof slaFacts)[number]; plan?: Plan }) => {
      const text = {
        desk: () => `${policy.desk.opens} to ${policy.desk.closes}`,
        zone: () => zoneName(policy.timeZone),
        holidays: () => describeHolidays(policy) ?? 'no day of the year',
        phone: () => describePhoneHours(policy)!,
        phoneDays: () => describePhoneDays(policy)!,
        phoneHours: () => `${policy.phone!.opens} to ${policy.phone!.closes}`,
        target: () => describeDuration(policy.targetsMinutes[plan!]!),
        emergencyPlans: () => describeEmergencyPlans(policy)!,
      }[show]();
      return { type: 'text', value: text };
    },
  };
  const SlaExample: Component = {
    props: z.object({
      plan: z.enum(plans),
      at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local time as YYYY-MM-DDTHH:MM, e.g. 2026-12-01T22:30'),
    }).strict().refine((p) => describeDeadlineExample(p.plan, p.at, policy) !== null, 'needs a plan with a target in content/support/sla.yaml'),
    render: ({ plan, at }: { plan: Plan; at: string }) => {
      const example = describeDeadlineExample(plan, at, policy)!;
      const name = `${plan[0].toUpperCase()}${plan.slice(1)}`;
      return [h('strong', {}, `${name}, ${example.received}.`), { type: 'text', value: ` Sent then, ${example.clock}; the answer is due by ` }, h('strong', {}, example.due), { type: 'text', value: '.' }];
    },
  };
  return { Sla, SlaExample };
}
