// OpenAPI 3.1 document of the API, generated from the routes' zod schemas (zod's own JSON
// Schema output, as the request side sees it).
import { z } from 'zod';

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'delete';
  url: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  notFound?: boolean;
  auth?: boolean;
}

type Json = Record<string, unknown>;

function parameters(schema: z.ZodObject, where: 'query' | 'path'): Json[] {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || (js.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' }, field: { type: ['string', 'null'] }, message: { type: 'string' } }, required: ['error', 'message'] } } },
});

export function openApiDocument(routes: RouteDoc[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const op: Json = {
      summary: r.summary,
      tags: [r.tag],
      parameters: [...(r.params ? parameters(r.params, 'path') : []), ...(r.query ? parameters(r.query, 'query') : [])],
      responses: {
        200: { description: 'OK', content: { 'application/json': {} } },
        ...(r.query || r.params || r.body ? { 400: error('A parameter is invalid; `field` names it') } : {}),
        ...(r.notFound ? { 404: error('No such id') } : {}),
        ...(r.auth ? { 401: error('No bearer token'), 403: error('The token is not valid for writing') } : {}),
      },
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } };
    if (r.auth) op.security = [{ bearer: [] }];
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cronica API',
      version,
      description: 'The merged, sourced event record of the U.S.–Mexico security relationship. Read-only without credentials; writing needs a bearer token.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
