// GET /openapi.json describes every endpoint the server has, and nothing it does not; every schema in it
// compiles (the answers of the other tests are validated against it, see service.ts).
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it, vi } from 'vitest';
import { createServer, DEFAULT_LIMITS } from '../../cli/serve/server.js';
import { MESSAGES } from '../../messages/serve.js';
import { REPO, call, startService } from './service.js';

// Each case starts servers, compiles policies and evaluates over HTTP: on two busy cores that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

interface Spec {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
}

describe('/openapi.json', () => {
  it('lists exactly the API routes the server has', async () => {
    const app = await createServer({ policies: path.join(REPO, 'policies'), token: null, log: null, logData: false, editorDir: '/nonexistent', workers: null, limits: DEFAULT_LIMITS });
    await app.ready();
    // Fastify prints its routes as a tree: each line a segment, indented by four characters per level.
    const routes = new Set<string>();
    const prefixes: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^(.*?)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (!m) continue;
      const depth = [...m[1]!].length / 4;
      const url = (prefixes[depth - 1] ?? '') + m[2]!;
      prefixes[depth] = url;
      for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD' && url.startsWith('/v1/')) routes.add(`${method} ${url}`);
    }
    const service = await startService();
    try {
      const spec = (await call(service, 'GET', '/openapi.json')).body as Spec;
      expect(spec.openapi).toBe('3.1.0');
      const described = new Set(Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`)));
      expect([...described].sort()).toEqual([...routes].sort());
      expect(routes.size).toBeGreaterThanOrEqual(9);
    } finally {
      await service.close();
      await app.close();
    }
  });

  it('has a schema for every answer, each compiling as JSON Schema 2020-12, and names every error code', async () => {
    const service = await startService();
    try {
      const spec = (await call(service, 'GET', '/openapi.json')).body as Spec & { info: { description: string } };
      const ajv = new Ajv2020({ strict: false });
      ajv.addSchema({ $id: 'openapi', components: spec.components });
      for (const [p, ops] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          expect(op.responses['200'], `${method} ${p}`).toBeDefined();
          for (const [status, answer] of Object.entries(op.responses)) {
            const schema = answer.content['application/json']!.schema as { $ref?: string };
            expect(() => ajv.compile(schema.$ref ? { $ref: `openapi${schema.$ref}` } : schema), `${method} ${p} ${status}`).not.toThrow();
          }
        }
      }
      for (const code of Object.keys(MESSAGES)) expect(spec.info.description).toContain(code);
    } finally {
      await service.close();
    }
  });
});
