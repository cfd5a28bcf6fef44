// `npm run bench:build [-- --counts 1500,10000]`: generates synthetic corpora, builds and indexes
// each (astro build + Pagefind + compression), prints wall time and peak memory, and records them in
// docs/benchmarks.md. Targets live in the issues; nothing here asserts a timing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, writeSection } from './lib/benchmarks-doc.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 ? process.argv[i + 1] : fallback;
};
const counts = arg('counts', '1500,10000').split(',').map(Number);
// --keep leaves each build in .bench/dist-N (and the corpus in .bench/corpus-N) for later measurements.
const keep = process.argv.includes('--keep');
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-'));
const rows = [];

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const started = performance.now();
  const [program, programArgs] = timeBin ? [timeBin, ['-f', 'CAIRN_PEAK_KB=%M', cmd, ...args]] : [cmd, args];
  const r = spawnSync(program, programArgs, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  const peak = /CAIRN_PEAK_KB=(\d+)/.exec(r.stderr)?.[1];
  return { seconds, peakMb: peak ? Number(peak) / 1024 : null, output: r.stdout };
}

try {
  for (const count of counts) {
    const dir = keep ? path.resolve('.bench', `corpus-${count}`) : path.join(work, `corpus-${count}`);
    fs.rmSync(dir, { recursive: true, force: true });
    run(process.execPath, ['scripts/corpus/generate.ts', '--count', String(count), '--out', dir]);
    // Inside the project: the server bundle resolves its packages from node_modules.
    const outDir = path.resolve('.bench', `dist-${count}`);
    // The same two steps as `npm run build`, timed as one: astro build, then the Pagefind index.
    const astro = run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], { CONTENT_DIR: dir });
    const index = run(process.execPath, ['scripts/build/index-search.ts', path.join(outDir, 'client')]);
    const compress = run(process.execPath, ['scripts/build/compress.ts', path.join(outDir, 'client')]);
    const pages = /(\d+) pages indexed/.exec(index.output)?.[1] ?? '?';
    const row = {
      count, pages,
      astro: astro.seconds, index: index.seconds, compress: compress.seconds, total: astro.seconds + index.seconds + compress.seconds,
      peakMb: Math.max(astro.peakMb ?? 0, index.peakMb ?? 0, compress.peakMb ?? 0) || null,
    };
    rows.push(row);
    console.log(`${count} articles: build ${row.astro.toFixed(1)} s + index ${row.index.toFixed(1)} s + compress ${row.compress.toFixed(1)} s = ${row.total.toFixed(1)} s, peak ${row.peakMb ? `${row.peakMb.toFixed(0)} MB` : 'n/a'} (${pages} pages indexed)`);
    if (!keep) {
      fs.rmSync(outDir, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const file = writeSection('Build and index', [
  `Machine: ${machine()}. Command: \`npm run bench:build -- --counts ${counts.join(',')}\`.`,
  '',
  'The same steps as `npm run build`: astro build, Pagefind index, brotli/gzip copies.',
  '',
  '| Articles | astro build | Pagefind index | Compress | Total | Peak memory |',
  '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.count.toLocaleString('en')} | ${r.astro.toFixed(1)} s | ${r.index.toFixed(1)} s | ${r.compress.toFixed(1)} s | ${r.total.toFixed(1)} s | ${r.peakMb ? `${r.peakMb.toFixed(0)} MB` : 'n/a'} |`),
]);
console.log(`Written to ${file}.`);
const jsonOut = arg('json', '');
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
