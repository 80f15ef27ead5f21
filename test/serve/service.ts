// A service started for a test on 127.0.0.1, any free port, and a client whose every answer is checked
// against the published contract (GET /openapi.json): its status is one the endpoint declares, its body
// validates against that status's schema.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Ajv2020 from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { createServer, DEFAULT_LIMITS, type Limits, type ServeOptions } from '../../cli/serve/server.js';
import { openApiDocument } from '../../cli/serve/openapi.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const SAMPLE_2021 = path.join(REPO, 'policies/tax-provincial-2021');

export interface Service {
  url: string;
  close(): Promise<void>;
}

export async function startService(options: Partial<Omit<ServeOptions, 'limits'>> & { limits?: Partial<Limits> } = {}): Promise<Service> {
  const app = await createServer({
    policies: path.join(REPO, 'policies'),
    token: null,
    log: null,
    logData: false,
    // Not the repository's dist/editor: whether it is built must not change what the tests see.
    editorDir: path.join(REPO, 'test/serve/no-editor-build'),
    workers: null,
    ...options,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A folder with a `policies/` holding a copy of the 2021 policy, for tests that change files. */
export function policiesCopy(): { root: string; policies: string; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'kaoping-serve-'));
  const policies = path.join(root, 'policies');
  cpSync(SAMPLE_2021, path.join(policies, 'tax-provincial-2021'), { recursive: true });
  return { root, policies, remove: () => rmSync(root, { recursive: true, force: true }) };
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

const spec = openApiDocument() as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'openapi', components: spec.components });
const validators = new Map<unknown, ReturnType<typeof ajv.compile>>();

function validatorFor(schema: unknown) {
  let v = validators.get(schema);
  if (!v) {
    // The error responses refer to the shared Error schema by reference.
    const resolved = (schema as { $ref?: string }).$ref ? { $ref: `openapi${(schema as { $ref: string }).$ref}` } : schema;
    v = ajv.compile(resolved as object);
    validators.set(schema, v);
  }
  return v;
}

/** The operation of the spec that answers this method and path; null for routes outside the API. */
export function operationOf(method: string, url: string): Operation | null {
  const pathname = url.split('?')[0]!;
  for (const [template, operations] of Object.entries(spec.paths)) {
    const pattern = new RegExp('^' + template.replace(/\{\w+\}/g, '[^/]+') + '$');
    if (pattern.test(pathname)) return operations[method.toLowerCase()] ?? null;
  }
  return null;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls the service; an answer of an API endpoint must match the spec. */
export async function call(service: Service, method: string, url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(service.url + url, { method, ...init });
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json');
  const body = json ? JSON.parse(text) : text;
  const operation = operationOf(method, url);
  if (operation) {
    const declared = operation.responses[String(res.status)];
    expect(declared, `${method} ${url}: status ${res.status} is not in the spec (${text.slice(0, 300)})`).toBeDefined();
    const validate = validatorFor(declared!.content!['application/json']!.schema);
    expect(validate(body), `${method} ${url} → ${res.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
  return { status: res.status, headers: res.headers, body };
}

export function jsonInit(value: unknown, headers: Record<string, string> = {}): RequestInit {
  return { body: typeof value === 'string' ? value : JSON.stringify(value), headers: { 'content-type': 'application/json', ...headers } };
}
