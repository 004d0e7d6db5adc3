// The production path's real processes for the deploy suites: fake Magento, salable-bridge, varnishd
// and nginx, each on 127.0.0.1 with an ephemeral port and its own temporary folder, each stopped by
// `stop()` (the suites call it in `after`). Nothing here talks beyond loopback.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const VCL = `${root}/deploy/varnish/salable.vcl`;
export const NGINX_CONF = `${root}/deploy/nginx/salable-stock.conf`;

const SBIN = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/**
 * The path of a tool, or a thrown error saying how to install it: a missing Varnish or nginx
 * fails the suite, it never skips it.
 */
export function requireTool(name, pkg) {
  const dirs = [...(process.env.PATH || '').split(path.delimiter), ...SBIN];
  const found = dirs.map((d) => path.join(d, name)).find((p) => existsSync(p));
  if (!found) {
    throw new Error(`${name} is not installed: the production path suite needs Debian's ${pkg} package ` +
      `(bash scripts/setup.sh --test installs it)`);
  }
  return found;
}

/** A binary cargo built (the suites build them first): salable-bridge or fake-magento. */
function built(name) {
  const target = process.env.CARGO_TARGET_DIR || `${root}/target`;
  const found = [`${target}/debug/${name}`, `${target}/release/${name}`].find((p) => existsSync(p));
  if (!found) throw new Error(`${name} is not built: cargo build -p salable-bridge -p fake-magento`);
  return found;
}

export const bridgeBinary = () => built('salable-bridge');

/** Builds salable-bridge and the fake Magento (a no-op when the bridge suite built them already). */
export function buildBridge() {
  const build = spawnSync('cargo', ['build', '-q', '-p', 'salable-bridge', '-p', 'fake-magento'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('cargo build -p salable-bridge -p fake-magento failed');
}

/** Spawns `command` and resolves `{ url, process, stop }` once its stdout matches `pattern`. */
function startListening(command, args, pattern, { env = {}, timeoutMs = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { RUST_LOG: 'warn', ...process.env, ...env } });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${command} did not start: ${out}${err}`)); }, timeoutMs);
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${command} exited (${code}): ${out}${err}`)); });
    child.stderr.on('data', (c) => { err = (err + c).slice(-4000); });
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: m[1], process: child, stop: () => stopChild(child) });
      }
    });
  });
}

/** SIGTERM, then SIGKILL after 3 s; resolves when the process has exited. */
export function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}

/**
 * The fake Magento as a process: the bundled fixtures (or `fixtures`, a folder with a
 * manifest.json), plus `synthetic` SKUs LOAD-0000… The one place that names its binary.
 */
export function startFakeMagento({ token = 'deploy-test-token', synthetic = 0, fixtures } = {}) {
  const args = ['--listen', '127.0.0.1:0', '--token', token];
  if (synthetic) args.push('--synthetic', String(synthetic));
  if (fixtures) args.push('--fixtures', fixtures);
  return startListening(built('fake-magento'), args, /fake Magento listening on (http:\/\/[^\s]+)/).then((f) => ({ ...f, token }));
}

/** `salable-bridge serve` against `magentoUrl` with `token`, on 127.0.0.1:0; extra flags in `args`. */
export function startBridge(magentoUrl, token, args = []) {
  return startListening(
    bridgeBinary(),
    ['serve', '--magento-url', magentoUrl, '--listen', '127.0.0.1:0', '--only-x-left-threshold', '5', ...args],
    /salable-bridge listening on (http:\/\/[^\s]+)/,
    { env: { MAGENTO_TOKEN: token } },
  );
}

/**
 * A pass-through proxy between the bridge and Magento that counts each request target and can
 * hold every answer back by `delayMs`: Magento's side of "how many calls", a slow Magento, and
 * (`down`) an unreachable one.
 */
export function startMagentoTap(magentoUrl) {
  const upstream = new URL(magentoUrl);
  const tap = { counts: new Map(), total: 0, delayMs: 0, down: false };
  const server = http.createServer((req, res) => {
    if (tap.down) return req.socket.destroy(); // Magento unreachable
    tap.total += 1;
    tap.counts.set(req.url, (tap.counts.get(req.url) || 0) + 1);
    setTimeout(() => {
      const fwd = http.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (r) => { res.writeHead(r.statusCode, r.headers); r.pipe(res); },
      );
      fwd.on('error', () => { res.writeHead(502); res.end(); });
      req.pipe(fwd);
    }, tap.delayMs);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    tap.url = `http://127.0.0.1:${server.address().port}`;
    tap.reset = () => { tap.counts.clear(); tap.total = 0; };
    tap.stop = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
    resolve(tap);
  }));
}

/** A free loopback port (the kernel's choice; released at once for the caller to bind). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Resolves once a TCP connection to `port` succeeds, polling every 50 ms up to `timeoutMs`. */
export async function waitForPort(port, timeoutMs = 15000, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process behind port ${port} exited`);
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

/**
 * Replaces `from` by `to` in `text`, failing unless it occurs exactly once: how an operations team
 * templates the shipped files, and a guard that a substitution never silently misses (`times`:
 * how often it must occur, each replaced).
 */
export function substitute(text, from, to, times = 1) {
  const parts = text.split(from);
  if (parts.length - 1 !== times) throw new Error(`expected ${times} ${JSON.stringify(from)} in the template, found ${parts.length - 1}`);
  return parts.join(to);
}

/**
 * varnishd in the foreground with deploy/varnish/salable.vcl, its backend pointed at `backend`
 * (a URL) and `edits` ([from, to] pairs) applied, in its own working folder.
 */
export async function startVarnish(backend, edits = []) {
  const varnishd = requireTool('varnishd', 'varnish');
  const varnishstat = requireTool('varnishstat', 'varnish');
  const dir = await mkdtemp(path.join(tmpdir(), 'salable-varnish-'));
  const b = new URL(backend);
  let vcl = await readFile(VCL, 'utf8');
  vcl = substitute(vcl, '.host = "127.0.0.1";', `.host = "${b.hostname}";`);
  vcl = substitute(vcl, '.port = "8787";', `.port = "${b.port}";`);
  for (const [from, to, times] of edits) vcl = substitute(vcl, from, to, times);
  await writeFile(`${dir}/salable.vcl`, vcl);
  const port = await freePort();
  const child = spawn(varnishd, [
    '-F', '-j', 'none', '-n', dir, '-a', `127.0.0.1:${port}`, '-f', `${dir}/salable.vcl`,
    '-s', 'malloc,64m', '-p', 'thread_pool_min=50', '-p', 'thread_pools=1', '-p', 'thread_pool_max=2000',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => { log = (log + c).slice(-8000); });
  child.stderr.on('data', (c) => { log = (log + c).slice(-8000); });
  try {
    await waitForPort(port, 30000, () => child.exitCode === null);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`varnishd did not start: ${e.message}\n${log}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    dir,
    /** Varnish's own counters (MAIN.backend_req, MAIN.bgfetch, …) by name. */
    counters() {
      const r = spawnSync(varnishstat, ['-n', dir, '-1', '-j'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`varnishstat: ${r.stderr}`);
      const j = JSON.parse(r.stdout);
      const all = j.counters || j;
      return (name) => all[name]?.value ?? 0;
    },
    async stop() {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * nginx in the foreground with deploy/nginx/salable-stock.conf (`edits` applied) included from a
 * minimal main configuration, under its own prefix folder.
 */
export async function startNginx(edits = []) {
  const nginx = requireTool('nginx', 'nginx');
  const prefix = await mkdtemp(path.join(tmpdir(), 'salable-nginx-'));
  // Workers drop to an unprivileged user when the master runs as root: let them read the prefix.
  await chmod(prefix, 0o755);
  const port = await freePort();
  let site = await readFile(NGINX_CONF, 'utf8');
  site = substitute(site, 'listen 8080;', `listen 127.0.0.1:${port};`);
  for (const [from, to, times] of edits) site = substitute(site, from, to, times);
  await writeFile(`${prefix}/salable-stock.conf`, site);
  await writeFile(`${prefix}/nginx.conf`, `worker_processes 1;
error_log ${prefix}/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${prefix}/salable-stock.conf;
}
`);
  const check = spawnSync(nginx, ['-t', '-q', '-p', prefix, '-c', `${prefix}/nginx.conf`], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refused the configuration:\n${check.stderr}`);
  const child = spawn(nginx, ['-p', prefix, '-c', `${prefix}/nginx.conf`, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => { log = (log + c).slice(-8000); });
  try {
    await waitForPort(port, 15000, () => child.exitCode === null);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`nginx did not start: ${e.message}\n${log}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    async stop() {
      await stopChild(child);
      await rm(prefix, { recursive: true, force: true });
    },
  };
}

/** Runs `salable-bridge export` (args after the subcommand) and resolves with its exit status. */
export function runExport(magentoUrl, token, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bridgeBinary(), ['export', '--magento-url', magentoUrl, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MAGENTO_TOKEN: token, RUST_LOG: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.once('error', reject);
    child.once('exit', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

/** GET (or `method`) `url` with `headers`: `{ status, headers, body, ms }`, body as text. */
export function get(url, headers = {}, method = 'GET') {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body, ms: performance.now() - started }));
    });
    req.setTimeout(20000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}
