// Serves the demo: www/ at /, and the built dist/ at /dist/ (what a shop would copy).
// PORT picks the port (default 8080). `import { startServer }` gives tests a server on any port.
// Run as a script, it also starts a fake Magento (`fake-magento`, bridge/fake-magento) and
// salable-bridge against it, both on loopback, and proxies /bridge/… to the bridge, so the demo shows
// Magento REST → bridge → element under the same strict CSP (connect-src 'self').
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { CONTENT_SECURITY_POLICY, createSsrExample } from '../examples/ssr/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The policy the README recommends, and a little stricter: the demo runs under the same one as
 *  the server-rendered example, which owns it (the example stays a standalone file to copy). */
export { CONTENT_SECURITY_POLICY };

/** A binary cargo built (`cargo build -p fake-magento -p salable-bridge`), debug or release. */
function binary(name) {
  const target = process.env.CARGO_TARGET_DIR || `${root}/target`;
  return [`${target}/debug/${name}`, `${target}/release/${name}`].find((p) => existsSync(p));
}

/** The salable-bridge binary cargo built (`cargo build -p salable-bridge`). */
export function bridgeBinary() {
  return binary('salable-bridge');
}

/** The fake Magento binary cargo built (`cargo build -p fake-magento`). */
export function fakeMagentoBinary() {
  return binary('fake-magento');
}

/** Spawns `bin args` and resolves with `{ url, process }` once its stdout says `<what> listening on URL`. */
function spawnListening(bin, args, what, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { RUST_LOG: 'warn', ...process.env, ...env } });
    let out = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error(`${what} did not start: ${out}`)); }, 20000);
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${what} exited (${code}): ${out}`)); });
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = new RegExp(`${what} listening on (http://[^\\s]+)`).exec(out);
      if (m) { clearTimeout(timer); child.removeAllListeners('exit'); resolve({ url: m[1], process: child }); }
    });
  });
}

/** Starts the fake Magento (the bundled fixtures) on 127.0.0.1 and resolves with `{ url, process }`. */
export function startFakeMagento(args = ['--listen', '127.0.0.1:0'], bin = fakeMagentoBinary()) {
  if (!bin) return Promise.reject(new Error('fake-magento is not built: cargo build -p fake-magento'));
  return spawnListening(bin, args, 'fake Magento');
}

const DEMO_TOKEN = 'demo-token';

/**
 * Starts `salable-bridge` with `args` and resolves with `{ url, process }` once it listens. Without
 * `args`, the demo: a fake Magento on loopback (its admin token required) and the bridge in front
 * of it (Only X left 5); the fake stops when the bridge does, and is `fake` in the result.
 */
export async function startBridge(args, bin = bridgeBinary()) {
  if (!bin) throw new Error('salable-bridge is not built: cargo build -p salable-bridge');
  if (args) return spawnListening(bin, args, 'salable-bridge');
  const fake = await startFakeMagento(['--listen', '127.0.0.1:0', '--token', DEMO_TOKEN]);
  try {
    const bridge = await spawnListening(bin, ['serve', '--magento-url', fake.url, '--listen', '127.0.0.1:0', '--only-x-left-threshold', '5'],
      'salable-bridge', { MAGENTO_TOKEN: DEMO_TOKEN });
    bridge.process.once('exit', () => fake.process.kill());
    return { ...bridge, fake: fake.process };
  } catch (e) {
    fake.process.kill();
    throw e;
  }
}

/** Forwards a GET under /bridge/ to the bridge (same origin for the page, so CSP stays 'self'). */
function proxy(bridgeUrl, req, res) {
  const target = new URL(req.url.slice('/bridge'.length) || '/', bridgeUrl);
  const headers = {};
  if (req.headers['if-none-match']) headers['if-none-match'] = req.headers['if-none-match'];
  const upstream = http.get(target, { headers }, (r) => {
    const pass = {};
    for (const h of ['content-type', 'etag', 'cache-control', 'age']) if (r.headers[h]) pass[h] = r.headers[h];
    res.writeHead(r.statusCode, pass);
    r.pipe(res);
  });
  upstream.on('error', () => {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end('{"error":"upstream_error","message":"the bridge is not running"}');
  });
}

export async function startServer(port = Number(process.env.PORT) || 8080, host = process.env.HOST, { bridgeUrl } = {}) {
  const site = sirv(`${root}/www`, { dev: true, etag: true });
  // The server-rendered example (examples/ssr, SPEC §15) under /ssr/; absent until dist/ is built.
  const ssr = await createSsrExample({ base: '/ssr' }).catch(() => null);
  const dist = sirv(`${root}/dist`, { dev: true, etag: true });
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    if (req.url.startsWith('/bridge/')) {
      if (!bridgeUrl || req.method !== 'GET') return notFound();
      return proxy(bridgeUrl, req, res);
    }
    if (ssr && req.url.startsWith('/ssr/') && ssr(req, res)) return;
    if (req.url.startsWith('/dist/')) {
      req.url = req.url.slice('/dist'.length);
      return dist(req, res, notFound);
    }
    return site(req, res, notFound);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let bridge;
  try {
    bridge = await startBridge();
    console.log(`salable-bridge (demo data from a fake Magento): ${bridge.url}/stock/base/FAB-LIN-M.json`);
  } catch (e) {
    console.warn(`the bridge card stays unavailable: ${e.message}`);
  }
  const server = await startServer(undefined, undefined, { bridgeUrl: bridge?.url });
  const { port } = server.address();
  console.log(`salable demo: http://localhost:${port}/  (Ctrl+C to stop)`);
  const stop = () => { bridge?.process.kill(); bridge?.fake?.kill(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
