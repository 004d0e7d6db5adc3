// Serves the demo: www/ at /, and the built dist/ at /dist/ (what a shop would copy).
// PORT picks the port (default 8080). `import { startServer }` gives tests a server on any port.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The policy the README recommends, and a little stricter: the demo itself runs under it. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function startServer(port = Number(process.env.PORT) || 8080, host = process.env.HOST) {
  const site = sirv(`${root}/www`, { dev: true, etag: true });
  const dist = sirv(`${root}/dist`, { dev: true, etag: true });
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
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
  const server = await startServer();
  const { port } = server.address();
  console.log(`salable demo: http://localhost:${port}/  (Ctrl+C to stop)`);
}
