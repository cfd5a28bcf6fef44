// Pagefind in a worker thread (src/server/search-pool.ts starts it from this text, imported with
// ?raw, so the built server needs no separate file). Plain script, no imports of the project: it
// loads the build's pagefind.js the way src/server/search.ts did in the HTTP thread, runs the
// searches asked of it one message at a time, and keeps each search's results (Pagefind's result
// objects, with their locations) until the HTTP thread has loaded the data it needs and releases
// them. Messages:
//   { op: 'search', id, text, filters }   → { id, results: [[page, score], ...] }
//   { op: 'data', id, search, pages }      → { id, data: [PagefindData, ...] } (in the order asked)
//   { op: 'release', searches }            → no answer
// A failure answers { id, error }. On start: { ready: true } or { failed: message, unavailable }.
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const origin = 'http://pagefind.invalid';

async function loadPagefind(clientDir, options) {
  const bundleDir = path.join(clientDir, 'pagefind');
  let source;
  try {
    source = fs.readFileSync(path.join(bundleDir, 'pagefind.js'), 'utf8');
  } catch {
    const error = new Error(`No search index in ${bundleDir}: run npm run build.`);
    error.unavailable = true;
    throw error;
  }
  // pagefind.js is a browser ES module. Run it as a function body instead, so that `fetch` inside
  // it is ours (reading files below bundleDir) and `window`/`document` are absent, as in a
  // browser worker. pagefind is pinned; tests/server/search.test.ts fails if its shape changes.
  const body = source
    .replace(/export\s*\{([^}]*)\};?\s*$/, 'return {$1};')
    .replaceAll('import.meta.url', JSON.stringify(`${origin}/pagefind/pagefind.js`));
  if (!body.endsWith('};') || body.includes('import.meta')) throw new Error(`Unexpected shape of ${bundleDir}/pagefind.js (Pagefind ${source.slice(0, 40)}…).`);
  // Read synchronously: this thread does nothing else, and a fragment is a few KB. Pagefind's
  // files are gzip'd with a "pagefind_dcd" signature inside; ungzipped here by zlib, Pagefind
  // finds the signature first and skips its own, slower, JavaScript inflate.
  const readBundleFile = async (input) => {
    const { pathname } = new URL(String(input), origin);
    const file = path.join(clientDir, decodeURIComponent(pathname));
    if (!file.startsWith(bundleDir + path.sep)) return new Response(null, { status: 404 });
    try {
      const bytes = fs.readFileSync(file);
      return new Response(bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes);
    } catch {
      return new Response(null, { status: 404 });
    }
  };
  const pagefind = new Function('fetch', 'window', 'document', body)(readBundleFile, undefined, undefined);
  await pagefind.options({ ...options, basePath: '/pagefind/' });
  await pagefind.init();
  return pagefind;
}

// Each search's results by its message id, until released.
const searches = new Map();

async function handle(pagefind, message) {
  if (message.op === 'search') {
    const { results } = await pagefind.search(message.text, { filters: message.filters });
    searches.set(message.id, new Map(results.map((r) => [r.id, r])));
    return { id: message.id, results: results.map((r) => [r.id, r.score]) };
  }
  if (message.op === 'data') {
    const results = searches.get(message.search);
    if (!results) throw new Error(`Search ${message.search} was released.`);
    // Pagefind returns its cached fragment object, changed again by the next data() of the same
    // page; the fields are copied out before anything else runs.
    const data = [];
    for (const page of message.pages) {
      const d = await results.get(page).data();
      data.push({ url: d.url, excerpt: d.excerpt, meta: d.meta, sub_results: (d.sub_results ?? []).map(({ title, url, excerpt }) => ({ title, url, excerpt })) });
    }
    return { id: message.id, data };
  }
  if (message.op === 'release') {
    for (const id of message.searches) searches.delete(id);
    return undefined;
  }
  throw new Error(`Unknown operation ${message.op}.`);
}

loadPagefind(workerData.clientDir, workerData.options).then(
  (pagefind) => {
    // One message at a time: Pagefind's fragments are shared objects (see handle).
    let queue = Promise.resolve();
    parentPort.on('message', (message) => {
      queue = queue.then(() => handle(pagefind, message)).then(
        (answer) => answer && parentPort.postMessage(answer),
        (error) => parentPort.postMessage({ id: message.id, error: String(error?.message ?? error) }),
      );
    });
    parentPort.postMessage({ ready: true });
  },
  (error) => parentPort.postMessage({ failed: String(error?.message ?? error), unavailable: Boolean(error?.unavailable) }),
);
