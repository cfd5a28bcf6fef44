// Writes one section of docs/benchmarks.md, replacing that section's previous figures.
import fs from 'node:fs';
import os from 'node:os';

const file = 'docs/benchmarks.md';
const header = '# Benchmarks\n\nFigures written by the `npm run bench…` scripts. Each section is replaced when its script runs again.\n';

export function machine() {
  return `${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** Replaces (or appends) the section whose heading starts with `## ${title}`. */
export function writeSection(title: string, lines: string[]) {
  const section = [`## ${title} (${new Date().toISOString().slice(0, 10)})`, '', ...lines, ''].join('\n');
  let doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : header;
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  doc = doc.replace(new RegExp(`\\n## ${escaped}[\\s\\S]*?(?=\\n## |$)`), '').trimEnd();
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync(file, `${doc}\n\n${section}`.replace(/\n{3,}/g, '\n\n'));
  return file;
}
