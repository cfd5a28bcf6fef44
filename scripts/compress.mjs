// Writes .gz and .br copies of every compressible file in dist/client so the server sends
// compressed bytes without compressing on each request.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const root = path.resolve(process.argv[2] ?? 'dist/client');
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const compressible = /\.(html|css|js|mjs|json|xml|svg|txt|webmanifest)$/;
const started = performance.now();

const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' })
  // Pagefind's index and wasm files are compressed already; its scripts are not.
  .filter((f) => compressible.test(f) && (!f.startsWith('pagefind/') || /^pagefind\/[^/]+\.(js|css|json)$/.test(f)))
  .map((f) => path.join(root, f));

let before = 0;
let after = 0;
// A bounded pool: zlib runs on libuv's threads, and thousands of files at once would only queue.
const queue = [...files];
async function worker() {
  for (let file = queue.pop(); file; file = queue.pop()) {
    const data = fs.readFileSync(file);
    if (data.length < 512) continue;
    const [gz, br] = await Promise.all([
      gzip(data, { level: 6 }),
      brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    ]);
    fs.writeFileSync(`${file}.gz`, gz);
    fs.writeFileSync(`${file}.br`, br);
    before += data.length;
    after += br.length;
  }
}
await Promise.all(Array.from({ length: 8 }, worker));
console.log(`Compressed ${files.length} files in ${Math.round(performance.now() - started)} ms (${(before / 1e6).toFixed(1)} MB → ${(after / 1e6).toFixed(1)} MB with brotli)`);
