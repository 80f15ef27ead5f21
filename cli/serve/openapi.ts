// GET /openapi.json: the OpenAPI 3.1 description of every endpoint, generated from the zod schemas in
// schemas.ts (zod 4's own JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses).
import { z } from 'zod';
import { DATA_BODY, DATA_PAIR_BODY, ROUTES, errorSchema, type RouteSpec } from './schemas.js';
import { MESSAGES } from '../../messages/serve.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Missing or wrong token',
  404: 'Unknown policy or revision',
  413: 'Body, upload or data too large',
  415: 'Unsupported content type',
  422: 'The policy does not compile, or the data does not fit it (located issues)',
  429: 'Too many evaluations in progress',
  500: 'Internal error',
  503: 'The evaluation took longer than the time limit',
};

function schema(type: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(type, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const dataBody = {
  content: {
    'application/json': {
      schema: {
        type: 'object',
        description: 'the JSON data form: { units: [{ id, kind, name?, relations?, inputs? | periods? }] } (see docs/runtime.md)',
        properties: { units: { type: 'array', items: { type: 'object' } } },
        required: ['units'],
      },
    },
    'multipart/form-data': {
      schema: {
        type: 'object',
        description: 'CSV files (one per entity kind and per record list, named by it) or XLSX workbooks, or one .json file',
        properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
      },
    },
  },
};

const jsonData = dataBody.content['application/json'].schema;
const dataFiles = dataBody.content['multipart/form-data'].schema.properties.files;
/** Two versions of the data (复核): as evaluated and as corrected. */
const dataPairBody = {
  content: {
    'application/json': {
      schema: { type: 'object', properties: { before: jsonData, after: jsonData }, required: ['before', 'after'] },
    },
    'multipart/form-data': {
      schema: {
        type: 'object',
        description: 'the data as evaluated under the field before, as corrected under after; each as for evaluate',
        properties: { before: dataFiles, after: dataFiles },
      },
    },
  },
};

function parameters(spec: RouteSpec): unknown[] {
  const out: unknown[] = [];
  for (const [where, object] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!object) continue;
    const json = schema(object, 'input') as { properties: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties)) {
      const { description, ...type } = property;
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: type, ...(description ? { description } : {}) });
    }
  }
  return out;
}

function requestBody(spec: RouteSpec): unknown {
  if (spec.body === undefined) return undefined;
  if (spec.body === DATA_BODY) return { required: true, ...dataBody };
  if (spec.body === `${DATA_BODY}?`) return { required: false, ...dataBody };
  if (spec.body === DATA_PAIR_BODY) return { required: true, ...dataPairBody };
  return { required: true, content: { 'application/json': { schema: schema(spec.body, 'input') } } };
}

export function openApiDocument(): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  for (const [operationId, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const url = spec.url.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, unknown> = { 200: { description: 'OK', content: { 'application/json': { schema: schema(spec.response, 'output') } } } };
    for (const status of [...new Set([400, 401, ...spec.errors, 500])].sort()) responses[status] = { description: STATUS_TEXT[status], ...errorResponse };
    const body = requestBody(spec);
    (paths[url] ??= {})[spec.method.toLowerCase()] = {
      operationId,
      summary: spec.summary,
      parameters: parameters(spec),
      ...(body ? { requestBody: body } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'kaoping',
      version: '0.1.0',
      description:
        'Evaluate performance-evaluation result data against policies written in the kaoping language. Errors are ' +
        '{ code, message, location }; messages are in Chinese, or English with Accept-Language: en. Error codes: ' +
        Object.entries(MESSAGES).map(([code, m]) => `${code} (${m.status})`).join(', ') + '.',
    },
    components: {
      schemas: { Error: schema(errorSchema, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'required when the server has a token' } },
    },
    security: [{}, { bearer: [] }],
    paths,
  };
}
