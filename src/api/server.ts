// The HTTP API (fastify): read-only without credentials; ingest needs a bearer token given at
// start. Every query is validated with its zod schema (400 naming the field); unknown ids are
// 404; /openapi.json is generated from the same route table.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { InputItem } from '../ingest/read.js';
import { parseJsonlLine } from '../ingest/jsonl.js';
import { ingestItems } from '../pipeline/ingest.js';
import { actorNetwork, CursorError, dyadIndex, getArticle, getEntity, getEvent, listArticles, listClaims, listEntities, listEvents, listFigures, listOutlets } from '../store/queries.js';
import type { Store } from '../store/store.js';
import { openApiDocument, type RouteDoc } from './openapi.js';
import { readingView } from './reading.js';
import { ArticlesQuery, ClaimsQuery, EntitiesQuery, EventsQuery, FiguresQuery, IdParams, IndexQuery, IngestBody, NetworkQuery, ReviewBody } from './schemas.js';
import type { ReviewChanges } from '../record/types.js';
import { registerWeb } from '../web/static.js';

export interface ServerOptions {
  /** Bearer tokens allowed to write, by name (the name is recorded as the author of changes). */
  tokens?: Map<string, string>;
  /** Worker threads for POST /ingest. */
  jobs?: number;
  logger?: boolean;
  version?: string;
  /** Serve the web UI at "/" (default true). */
  web?: boolean;
}

/** A request that failed validation: 400 with the field named. */
class BadRequest extends Error {
  constructor(readonly field: string | null, message: string) { super(message); }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  let field = issue.path.length ? String(issue.path[0]) : null;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    field = (issue as { keys: string[] }).keys[0] ?? null;
    message = 'unknown parameter';
  }
  throw new BadRequest(field, field ? `${field}: ${message}` : message);
}

const OutletsQuery = z.object({}).strict();

const notFound = (reply: FastifyReply, what: string, id: string) => reply.code(404).send({ error: 'not found', message: `no ${what} with id "${id}"` });

/** Check the bearer token; answers 401/403 itself and returns null when the request may not write. */
function writer(req: FastifyRequest, reply: FastifyReply, tokens: Map<string, string>): string | null {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  if (!m) {
    void reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'this endpoint needs "Authorization: Bearer TOKEN"' });
    return null;
  }
  const given = Buffer.from(m[1]!);
  for (const [name, token] of tokens) {
    const t = Buffer.from(token);
    if (t.length === given.length && timingSafeEqual(t, given)) return name;
  }
  void reply.code(403).send({ error: 'forbidden', message: tokens.size ? 'the token is not valid for writing' : 'writing is disabled: the server was started without a token' });
  return null;
}

export async function buildServer(store: Store, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 50 * 1024 * 1024 });
  const tokens = opts.tokens ?? new Map<string, string>();
  const routes: RouteDoc[] = [];

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    return payload;
  });
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof BadRequest) return reply.code(400).send({ error: 'bad request', field: err.field, message: err.message });
    if (err instanceof CursorError) return reply.code(400).send({ error: 'bad request', field: 'cursor', message: `cursor: ${err.message}` });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send({ error: 'bad request', field: null, message: (err as Error).message });
    app.log.error(err);
    return reply.code(500).send({ error: 'internal error', message: 'the server could not answer this request' });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'not found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));

  const get = (url: string, doc: Omit<RouteDoc, 'method' | 'url'>, handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>) => {
    routes.push({ method: 'get', url, ...doc });
    app.get(url, handler);
  };

  get('/health', { summary: 'Server and store status', tag: 'meta' }, async () => ({
    status: 'ok',
    version: opts.version ?? null,
    store: store.dialect,
    counts: await store.counts(),
    rebuiltAt: await store.getMeta('rebuilt_at'),
    pendingRebuild: await store.isDirty(),
  }));

  get('/articles', { summary: 'Stored articles, in ingest order', tag: 'articles', query: ArticlesQuery }, async (req) =>
    listArticles(store.db, parse(ArticlesQuery, req.query)));

  get('/articles/:id', { summary: 'One article: its record, copies, and the merged event and figure group of each mention', tag: 'articles', params: IdParams, notFound: true }, async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    return (await getArticle(store.db, id)) ?? notFound(reply, 'article', id);
  });

  get('/articles/:id/reading', { summary: 'One article as the UI reads it: cleaned paragraphs with evidence, figure and entity marks, removed blocks in place', tag: 'articles', params: IdParams, notFound: true }, async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    const detail = await getArticle(store.db, id);
    return detail ? readingView(detail) : notFound(reply, 'article', id);
  });

  get('/outlets', { summary: 'Outlets of the stored articles, most articles first', tag: 'articles', query: OutletsQuery }, async (req) => {
    parse(OutletsQuery, req.query);
    return { items: await listOutlets(store.db) };
  });

  get('/events', { summary: 'Merged events, by date (undated last), filtered and paged', tag: 'events', query: EventsQuery }, async (req) => {
    const q = parse(EventsQuery, req.query);
    return listEvents(store.db, q);
  });

  get('/events/:id', { summary: 'One merged event with every mention and its evidence offsets', tag: 'events', params: IdParams, notFound: true }, async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    return (await getEvent(store.db, id)) ?? notFound(reply, 'event', id);
  });

  get('/entities', { summary: 'Entities of the domain pack found in the articles, most frequent first', tag: 'entities', query: EntitiesQuery }, async (req) =>
    ({ items: await listEntities(store.db, parse(EntitiesQuery, req.query)) }));

  get('/entities/:id', { summary: 'One entity', tag: 'entities', params: IdParams, notFound: true }, async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    return (await getEntity(store.db, id)) ?? notFound(reply, 'entity', id);
  });

  get('/claims', { summary: 'Figures as the articles cite them', tag: 'figures', query: ClaimsQuery }, async (req) =>
    listClaims(store.db, parse(ClaimsQuery, req.query)));

  get('/figures', { summary: 'The figures registry: claims of one measure, place and period, with agreement', tag: 'figures', query: FiguresQuery }, async (req) =>
    ({ items: await listFigures(store.db, parse(FiguresQuery, req.query)) }));

  get('/index', { summary: 'Monthly cooperation–conflict index of a dyad, both directions', tag: 'index', query: IndexQuery }, async (req) => {
    const q = parse(IndexQuery, req.query);
    const [a, b] = q.dyad.split('-') as [string, string];
    return dyadIndex(store.db, [a, b], q.from, q.to);
  });

  get('/network', { summary: 'Actor network: actors as nodes, actor→recipient interactions as weighted edges', tag: 'network', query: NetworkQuery }, async (req) => {
    const q = parse(NetworkQuery, req.query);
    return actorNetwork(store.db, q);
  });

  routes.push({ method: 'post', url: '/ingest', summary: 'Extract and store articles (bearer token)', tag: 'write', body: IngestBody, auth: true });
  // Ingests run one at a time.
  let ingesting: Promise<unknown> = Promise.resolve();
  app.post('/ingest', async (req, reply) => {
    const author = writer(req, reply, tokens);
    if (!author) return reply;
    const body = parse(IngestBody, req.body);
    const items: InputItem[] = body.articles.map((a, i) => {
      const label = `articles[${i}]`;
      try {
        const rec = parseJsonlLine(JSON.stringify(a));
        return { source: rec.meta.id ?? rec.meta.url ?? `api:${label}`, label, raw: rec.raw, format: rec.format, meta: rec.meta, warnings: [] };
      } catch (e) {
        return { label, message: (e as Error).message };
      }
    });
    const errors: Array<{ item: string; message: string }> = [];
    const run = ingesting.then(() => ingestItems(store, items, { jobs: opts.jobs ?? 1, timeoutMs: 30_000 }, { onError: (item, message) => errors.push({ item, message }) }));
    ingesting = run.catch(() => undefined);
    const result = await run;
    return { ...result, errors, by: author };
  });

  routes.push({ method: 'post', url: '/events/:id/review', summary: 'Confirm, reject or edit a merged event (bearer token); kept with author and time, re-applied after every rebuild', tag: 'write', params: IdParams, body: ReviewBody, auth: true, notFound: true });
  app.post('/events/:id/review', async (req, reply) => {
    const author = writer(req, reply, tokens);
    if (!author) return reply;
    const { id } = parse(IdParams, req.params);
    const body = parse(ReviewBody, req.body);
    let r;
    try {
      r = await store.addReview(id, { action: body.action, changes: (body.changes ?? null) as ReviewChanges | null, note: body.note ?? null }, author);
    } catch (e) {
      throw new BadRequest('changes', `changes: ${(e as Error).message}`);
    }
    return r ?? notFound(reply, 'event', id);
  });

  routes.push({ method: 'get', url: '/openapi.json', summary: 'This document', tag: 'meta' });
  const doc = openApiDocument(routes, opts.version ?? '0.0.0');
  app.get('/openapi.json', async () => doc);
  // The workbench, same origin: "/" and "/app/*".
  if (opts.web !== false) registerWeb(app);
  return app;
}
