// The local server of the benchmark's pages in headless Chromium (bench/cold-start.mjs,
// bench/throughput-chromium.mjs): the repository's npm/ and bench/ folders, and the benchmark's
// documents (bench/inputs.mjs) under /input/<name>, each with its MIME type and `no-store`, so
// every page load fetches afresh.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Serves npm/, bench/ and `documents` (a Map name → text) on 127.0.0.1. Returns {origin, close}.
 * With `isolated`, pages are cross-origin isolated (COOP and COEP headers), which is what gives
 * `performance.now()` a resolution of microseconds instead of 100 µs in Chromium.
 */
export async function serveBench(documents, { isolated = false } = {}) {
  const isolation = isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const send = (body, type) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...isolation });
      res.end(body);
    };
    try {
      if (path.startsWith('/input/') && documents.has(path.slice(7))) return send(documents.get(path.slice(7)), types['.md']);
      if (!/^\/(npm|bench)\/[\w./-]+$/.test(path) || path.includes('..')) throw new Error('not served');
      send(await readFile(root + path.slice(1)), types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream');
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}
