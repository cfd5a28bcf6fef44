// src/lib is the domain: db/schema.ts imports its enumerations, never the other way round, so the
// folders depend one way (STYLE.md, "One fact, one home").
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const libDir = path.resolve('src/lib');
const importsOf = (source: string) => [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('src/lib depends on nothing outside the domain', () => {
  const files = fs.readdirSync(libDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|mts|js|mjs)$/.test(f));

  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports nothing from db/', () => {
    const offending = files.flatMap((file) => {
      const from = path.join(libDir, file);
      return importsOf(fs.readFileSync(from, 'utf8'))
        .filter((spec) => spec.startsWith('.') && path.relative(path.resolve('db'), path.resolve(path.dirname(from), spec)).split(path.sep)[0] !== '..')
        .map((spec) => `src/lib/${file} imports ${spec}`);
    });
    expect(offending).toEqual([]);
  });
});
