import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatusTemplates } from '../../src/lib/status-templates';

const file = 'content/status/templates.yaml';

describe('status message templates', () => {
  it('reads the team\'s file with a text for every status', () => {
    const result = parseStatusTemplates(fs.readFileSync(file, 'utf8'), file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.templates.incident)).toEqual(['investigating', 'identified', 'monitoring', 'resolved']);
    expect(Object.keys(result.templates.maintenance)).toEqual(['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled']);
  });

  it.each([
    ['a missing status', 'incident: { investigating: "We are looking into it now." }\nmaintenance: {}', '1: incident.identified is required'],
    ['an unknown status', 'incident: { investigating: "We are looking into it now.", identified: "Found the cause here.", monitoring: "Watching it closely now.", resolved: "It works again for everyone.", fixed: "nope nope nope" }\nmaintenance: {}', '1: incident has unknown field(s) "fixed"; allowed: investigating, identified, monitoring, resolved'],
    ['a text too short to help', 'incident: { investigating: "Oops" }', '1: incident.investigating must be at least 10 characters'],
    ['broken YAML', 'incident: [', '1: is not valid YAML'],
  ])('names the file and the field for %s', (_name, source, message) => {
    const result = parseStatusTemplates(source, file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join('\n')).toContain(`${file}:${message}`);
  });

  it('says what the file is for when it is missing', () => {
    const result = parseStatusTemplates(null, file);
    expect(result.ok ? [] : result.errors).toEqual([`${file}: is missing; it holds the composer's message templates (incident: and maintenance: with one text per status)`]);
  });
});
