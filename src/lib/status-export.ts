// Status content written back as content/status/ files (components.yaml, incidents/*.md,
// maintenance/*.md), for teams who keep their status history in git: the same format
// parseStatusFiles reads, so export then import gives the same content. Pure: no file access.
import { isDeepStrictEqual } from 'node:util';
import { Document, isScalar, visit, type Node as YamlNode } from 'yaml';
import type { SourceFile } from './content-check.ts';
import { effectiveComponents } from './status.ts';
import type { IncidentData, IncidentUpdate, MaintenanceData, StatusContent, StatusEntry } from './status-schema.ts';

/** Keys holding instants: quoted, so every YAML parser (js-yaml too) keeps them as the text written. */
const instantKeys = new Set(['at', 'scheduledFor', 'scheduledUntil', 'publishedAt', 'cancelledAt']);
const markdownKeys = new Set(['body', 'postmortem', 'cancellation']);

/** YAML styled like the hand-written files: quoted instants, folded prose, literal blocks once it has line breaks. */
function yaml(value: unknown): string {
  const doc = new Document();
  const node = doc.createNode(value) as YamlNode;
  visit(node, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || typeof pair.value.value !== 'string') return;
      const key = String(pair.key.value);
      if (instantKeys.has(key)) pair.value.type = 'QUOTE_DOUBLE';
      else if (markdownKeys.has(key)) pair.value.type = pair.value.value.includes('\n') ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED';
    },
  });
  doc.contents = node as Document['contents'];
  return doc.toString({ lineWidth: 100 });
}

const markdownFile = (frontmatter: object, body: string) => `---\n${yaml(frontmatter)}---\n${body ? (body.endsWith('\n') ? body : `${body}\n`) : ''}`;

/**
 * An incident's frontmatter: when every update stands for the same statuses, they are written once
 * at the incident level (the historic format); otherwise each update that changes them lists them.
 */
function incidentFrontmatter(data: IncidentData): object {
  const effective = effectiveComponents(data);
  const uniform = effective.every((list) => isDeepStrictEqual(list, effective[0]));
  const updates = data.updates.map((update, i) => {
    const out: IncidentUpdate = { at: update.at, status: update.status, body: update.body };
    if (!uniform && (i === 0 || !isDeepStrictEqual(effective[i], effective[i - 1]))) out.components = effective[i];
    if (update.reopen) out.reopen = true;
    return out;
  });
  return {
    title: data.title,
    impact: data.impact,
    ...(uniform && effective[0]?.length ? { components: effective[0] } : {}),
    updates,
    ...(data.postmortem !== undefined ? { postmortem: data.postmortem } : {}),
  };
}

function maintenanceFrontmatter(data: MaintenanceData): object {
  const { title, components, scheduledFor, scheduledUntil, publishedAt, cancelledAt, cancellation, updates } = data;
  return {
    title,
    components,
    scheduledFor,
    scheduledUntil,
    ...(publishedAt !== undefined ? { publishedAt } : {}),
    ...(cancelledAt !== undefined ? { cancelledAt } : {}),
    ...(cancellation !== undefined ? { cancellation } : {}),
    updates: updates.map(({ at, status, body }) => ({ at, status, body })),
  };
}

/** The files for `content`, paths relative to the status folder (components.yaml, incidents/<id>.md, maintenance/<id>.md). */
export function statusFiles(content: StatusContent): SourceFile[] {
  const header =
    '# The components shown on the status page, exported by `npm run status -- export`.\n' +
    '# Fields: id (slug, never renamed once published), name, group, description, order (lowest first).\n\n';
  const components = [...content.components]
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .map(({ id, name, group, description, order }) => ({ id, name, group, description, order }));
  const byId = <T,>(list: Array<StatusEntry<T>>) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  return [
    { file: 'components.yaml', source: header + yaml(components) },
    ...byId(content.incidents).map((i) => ({ file: `incidents/${i.id}.md`, source: markdownFile(incidentFrontmatter(i.data), i.body) })),
    ...byId(content.maintenances).map((m) => ({ file: `maintenance/${m.id}.md`, source: markdownFile(maintenanceFrontmatter(m.data), m.body) })),
  ];
}
