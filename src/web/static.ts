// Serves the workbench (dist/web, built by scripts/build-web.ts) from the API's origin: the page
// at "/", its assets under "/app/". Files are read once at start and served from memory by
// name, so no request path ever reaches the file system.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

/** The page may load only its own script, style and data; nothing inline, no frames, no plugins. */
export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function registerWeb(app: FastifyInstance, dir = WEB_DIR): { available: boolean } {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (existsSync(path.join(dir, 'index.html'))) {
    // The build's files, listed once: the page, its bundle, code-split chunks, maps and notices.
    for (const name of readdirSync(dir)) {
      const type = TYPES[path.extname(name)];
      if (type && /^[\w.-]+$/.test(name)) files.set(name, { body: readFileSync(path.join(dir, name)), type });
    }
  }
  const send = (name: string, cache: string) => async (_req: unknown, reply: import('fastify').FastifyReply) => {
    const f = files.get(name);
    if (!f) {
      return reply.code(503).type('text/plain; charset=utf-8')
        .send('The web UI is not built: run "npm run build". The API is served here (see /openapi.json).');
    }
    return reply.type(f.type).header('cache-control', cache).header('content-security-policy', UI_CSP).send(f.body);
  };
  app.get('/', send('index.html', 'no-cache'));
  app.get('/app/:file', async (req, reply) => {
    const { file } = req.params as { file: string };
    if (file === 'index.html' || !files.has(file)) return reply.code(404).send({ error: 'not found', message: `no asset "${file}"` });
    return send(file, 'no-cache')(req, reply);
  });
  return { available: files.has('index.html') };
}
