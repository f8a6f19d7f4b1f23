/**
 * The authorization matrix, generated from openapi/openapi.json: every operation of the document is
 * called (path parameters filled with ids of real resources created in beforeAll, bodies built from the
 * request schema) and checked for
 *   - no token, an expired token, a token with a wrong signature → 401, error body, WWW-Authenticate: Bearer;
 *   - a token without the route's permission (from the one table, route-permissions.ts) → 403;
 *   - a token with the permission whose tenants do not include the resource's tenant → the route's answer
 *     for a resource that does not exist (404, Camunda's unknown-id answer, …), or an empty list/count;
 *   - a token with just the permission, for the resource's tenant → neither 401 nor 403.
 * No route is listed by hand: a new operation in the document is covered by the next run.
 */
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';

import { PUBLIC, ruleFor } from '../../../src/infrastructure/auth/route-permissions';
import { HttpResult, TestServer } from '../helpers/test-server';
import { InstanceParts, TenantResources, bufferMessage, createIncident, ok, startInstance, tenantResources } from './security-kit';
import { SECRET, allBut, bearer, token } from './tokens';

type Schema = Record<string, any>;

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly route: string;
  readonly rule: string | undefined;
  readonly requestBody?: { content: Record<string, { schema: Schema }> };
}

const document = JSON.parse(readFileSync(join(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path' | 'route' | 'rule'>>>;
  components: { schemas: Record<string, Schema> };
};

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

const OPERATIONS: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => HTTP_METHODS.has(method))
    .map(([method, op]) => {
      // The router's pattern: /a/{id} in the document is /a/:id in the permission table.
      const route = path.replace(/\{([^}]+)\}/g, ':$1');
      return { method: method.toUpperCase(), path, route, rule: ruleFor(method.toUpperCase(), route), requestBody: op.requestBody };
    }),
);

/** What a request names: one tenant's resources, or things that do not exist at all. */
interface Context extends TenantResources {
  /** Path parameters that had no resource to name (the route is called with a dummy value). */
  readonly dummies: string[];
}

const DUMMY_ID = '00000000-0000-4000-8000-00000000dead';

function dummyContext(xml: string): TenantResources {
  return {
    tenant: 'tenant-dummy',
    xml,
    modelKey: 'no-such-model',
    deploymentId: DUMMY_ID,
    definitionId: `no-such-model:1:${DUMMY_ID}`,
    instanceId: DUMMY_ID,
    correlationId: 'no-such-correlation',
    businessKey: 'no-such-business-key',
    taskId: DUMMY_ID,
    externalTaskId: DUMMY_ID,
    eventId: DUMMY_ID,
    incidentId: DUMMY_ID,
    bufferedMessageId: DUMMY_ID,
    messageName: 'no-such-message',
    topic: 'no-such-topic',
    varName: 'doc',
    workerId: 'sec-worker',
  };
}

/** The resource a path parameter names, by its name and, for a bare `id`, by the collection before it. */
function pathValue(name: string, previousSegment: string, path: string, ctx: TenantResources): string | undefined {
  const byName: Record<string, string> = {
    process_model_key: ctx.modelKey,
    key: ctx.modelKey,
    correlation_id: ctx.correlationId,
    event_id: ctx.eventId,
    incident_id: ctx.incidentId,
    task_id: ctx.taskId,
    message_id: ctx.bufferedMessageId,
    tenantId: ctx.tenant,
    varName: ctx.varName,
    messageName: ctx.messageName,
  };
  // Camunda's key routes without a tenant-id segment name tenant-less definitions only, and here every
  // definition has a tenant: such a route is called as for a definition that does not exist.
  if (name === 'key' && !path.includes('/tenant-id/')) return undefined;
  if (name in byName) return byName[name];
  if (name !== 'id') return undefined;
  const byCollection: Record<string, string> = {
    process_instances: ctx.instanceId,
    'process-instance': ctx.instanceId,
    execution: ctx.instanceId,
    tasks: ctx.taskId,
    task: ctx.taskId,
    'external-task': ctx.externalTaskId,
    deployment: ctx.deploymentId,
    'process-definition': ctx.definitionId,
    incident: ctx.incidentId,
    incidents: ctx.incidentId,
  };
  return byCollection[previousSegment];
}

function fillPath(op: Operation, resources: TenantResources): { url: string; dummies: string[] } {
  const dummies: string[] = [];
  const segments = op.path.split('/');
  const url = segments
    .map((segment, i) => {
      const match = /^\{(.+)\}$/.exec(segment);
      if (!match) return segment;
      const value = pathValue(match[1], segments[i - 1] ?? '', op.path, resources);
      if (value === undefined) dummies.push(match[1]);
      return encodeURIComponent(value ?? `unknown-${match[1]}`);
    })
    .join('/');
  return { url, dummies };
}

function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(document.components.schemas[String(schema.$ref).split('/').pop()!]);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map(resolve));
  return schema;
}

/** Body fields whose value names something (a tenant's resource) or must be meaningful for the call to do anything. */
function fieldValue(name: string, ctx: TenantResources): unknown {
  const values: Record<string, unknown> = {
    messageName: ctx.messageName,
    processInstanceId: ctx.instanceId,
    xml: ctx.xml,
    tenantId: ctx.tenant,
    'tenant-id': ctx.tenant,
    workerId: ctx.workerId,
    maxTasks: 10,
    topics: [{ topicName: ctx.topic, lockDuration: 60_000 }],
    lockDuration: 60_000,
    newDuration: 60_000,
    retries: 1,
    errorCode: 'sec-error',
    name: ctx.modelKey,
    'deployment-name': ctx.modelKey,
    value: 'changed',
  };
  return values[name];
}

/** Optional fields still sent: what targets a resource, and the tenant of what a request creates. */
function sendOptional(name: string, properties: Record<string, Schema>): boolean {
  const creates = 'xml' in properties || 'resource' in properties;
  return ['processInstanceId', 'topics', 'name', 'deployment-name'].includes(name) || (creates && ['tenantId', 'tenant-id'].includes(name));
}

function generated(schema: Schema): unknown {
  const s = resolve(schema);
  switch (s.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'x';
  }
}

/** A minimal valid body from the operation's request schema: required fields, plus the ones that name resources. */
function buildBody(op: Operation, ctx: TenantResources): unknown {
  if (!op.requestBody) return undefined;
  const content = op.requestBody.content;
  const type = content['application/json'] ? 'application/json' : Object.keys(content)[0];
  const schema = resolve(content[type].schema);
  const properties: Record<string, Schema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const fields = Object.keys(properties).filter((name) => required.has(name) || sendOptional(name, properties));
  if (type === 'multipart/form-data') {
    const form = new FormData();
    for (const name of fields) {
      const property = resolve(properties[name]);
      if (property.format === 'binary' || (property.type === 'array' && resolve(property.items).format === 'binary')) {
        form.append(name, new Blob([ctx.xml], { type: 'application/octet-stream' }), `${ctx.modelKey}.bpmn`);
      } else {
        form.append(name, String(fieldValue(name, ctx) ?? generated(property)));
      }
    }
    return form;
  }
  return Object.fromEntries(fields.map((name) => [name, fieldValue(name, ctx) ?? generated(properties[name])]));
}

/**
 * One request over HTTP. An event stream (Server-Sent Events) stays open: only its status and headers are
 * read before the connection is dropped.
 */
async function send(server: TestServer, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<HttpResult> {
  const init: RequestInit & { headers: Record<string, string> } = { method, headers: { ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const abort = new AbortController();
  const response = await fetch(`${server.url}${path}`, { ...init, signal: abort.signal });
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    abort.abort();
    return { status: response.status, headers: response.headers, body: undefined, text: '' };
  }
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').startsWith('application/json') && text.length > 0;
  return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text, text };
}

/** Counts and totals in an answer (`{ count }`, `{ items, total }`); all must be 0 for a token that sees nothing. */
function counts(body: unknown): number[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const record = body as Record<string, unknown>;
  return ['count', 'total'].filter((k) => typeof record[k] === 'number').map((k) => record[k] as number);
}

/** The identifiers of a tenant's resources: none may appear in what a token of another tenant gets. */
function identifiers(resources: TenantResources): string[] {
  const { tenant, deploymentId, definitionId, instanceId, correlationId, businessKey, taskId, externalTaskId, eventId, incidentId, bufferedMessageId } = resources;
  return [tenant, deploymentId, definitionId, instanceId, correlationId, businessKey, taskId, externalTaskId, eventId, incidentId, bufferedMessageId];
}

function describeResult(result: HttpResult): string {
  return `${result.status} ${result.text.slice(0, 300)}`;
}

describe('authorization matrix (generated from openapi/openapi.json)', () => {
  const OWN = 'tenant-own';
  const OTHER = 'tenant-other';
  let server: TestServer;
  let admin: Record<string, string>;
  let own: TenantResources;
  let other: TenantResources;
  let dummy: TenantResources;

  beforeAll(async () => {
    server = await TestServer.start({ AUTH_JWT_SECRET: SECRET });
    admin = bearer(await token({ tenants: ['*'] }));
    // Every resource belongs to a tenant, so that a token of a third tenant sees nothing at all.
    own = await tenantResources(server, admin, OWN);
    other = await tenantResources(server, admin, OTHER);
    dummy = dummyContext(own.xml);
  }, 60_000);
  afterAll(() => server.close());

  it('covers a sizeable API, and every documented operation has a rule in the permission table', () => {
    expect(OPERATIONS.length).toBeGreaterThan(50);
    const missing = OPERATIONS.filter((op) => op.rule === undefined).map((op) => `${op.method} ${op.route}`);
    expect(missing).toEqual([]);
  });

  for (const op of OPERATIONS) {
    describe(`${op.method} ${op.path}`, () => {
      const call = async (ctx: TenantResources, headers: Record<string, string>) => send(server, op.method, fillPath(op, ctx).url, buildBody(op, ctx), headers);
      /** Operations that change something get a new instance (and buffered message) of their own. */
      let target: Context;

      beforeAll(async () => {
        let resources = own;
        if (op.method !== 'GET') {
          const parts: InstanceParts = await startInstance(server, admin, OWN);
          resources = { ...own, ...parts, bufferedMessageId: await bufferMessage(server, admin, OWN) };
          // Acting on an incident (retrying it) resolves it: such a route gets an incident of its own.
          if (op.path.includes('{incident_id}')) resources = { ...resources, incidentId: await createIncident(server, admin, OWN) };
        }
        target = { ...resources, dummies: fillPath(op, resources).dummies };
      });

      if (op.rule === PUBLIC) {
        it('is public: answers without a token', async () => {
          const result = await call(own, {});
          expect(result.status).not.toBe(401);
          expect(result.status).not.toBe(403);
        });
        return;
      }

      const expectUnauthorized = (result: HttpResult) => {
        expect({ status: result.status, described: describeResult(result) }).toEqual({ status: 401, described: describeResult(result) });
        expect(result.headers.get('www-authenticate')).toBe('Bearer');
        expect(result.headers.get('content-type')).toBe('application/json');
        expect(result.body).toEqual(expect.objectContaining({ type: expect.any(String), message: expect.any(String) }));
        if (!op.path.startsWith('/engine-rest')) expect(result.body.code).toBe('UNAUTHORIZED');
        else expect(result.body.type).toBe('AuthenticationException');
      };

      it('401 without a token', async () => {
        expectUnauthorized(await call(target, {}));
      });

      it('401 with an expired token', async () => {
        expectUnauthorized(await call(target, bearer(await token({ tenants: ['*'], expiresIn: -120 }))));
      });

      it('401 with a token signed with another key', async () => {
        expectUnauthorized(await call(target, bearer(await token({ tenants: ['*'], secret: 'not-the-server-secret-but-long-enough-0123' }))));
      });

      it(`403 with a token without '${op.rule}'`, async () => {
        const result = await call(target, bearer(await token({ tenants: ['*'], scopes: allBut(op.rule!) })));
        expect({ status: result.status, described: describeResult(result) }).toEqual({ status: 403, described: describeResult(result) });
        expect(result.body).toEqual(expect.objectContaining({ type: expect.any(String), message: expect.any(String) }));
      });

      it("with the permission but another tenant's resources: the answer for a resource that does not exist, or nothing listed", async () => {
        const stranger = bearer(await token({ tenants: ['tenant-stranger'], scopes: [op.rule!] }));
        const missing = await call(dummy, stranger);
        const foreign = await call(target, stranger);
        expect({ status: foreign.status, described: describeResult(foreign) }).toEqual({ status: missing.status, described: describeResult(foreign) });
        if (foreign.status < 300) {
          // Nothing of either tenant is listed, counted or returned.
          expect(counts(foreign.body).every((n) => n === 0)).toBe(true);
          const leaked = [...identifiers(own), ...identifiers(other), ...identifiers(target)].filter((id) => foreign.text.includes(id));
          expect({ leaked, described: describeResult(foreign) }).toEqual({ leaked: [], described: describeResult(foreign) });
        } else {
          expect(foreign.body?.type).toBe(missing.body?.type);
          if (!op.path.startsWith('/engine-rest')) expect(foreign.body?.code).toBe(missing.body?.code);
        }
        // Creating in a tenant the token may not see is forbidden outright.
        if (op.rule === 'models:write') expect(foreign.status).toBe(403);
      });

      it('with the permission and the right tenant: neither 401 nor 403', async () => {
        const result = await call(target, bearer(await token({ tenants: [OWN], scopes: [op.rule!] })));
        expect({ status: result.status, described: describeResult(result) }).not.toEqual(expect.objectContaining({ status: 401 }));
        expect(result.status).not.toBe(403);
        // Reading a resource that exists succeeds: the tenant filter does not hide the token's own resources.
        if (op.method === 'GET' && target.dummies.length === 0) expect({ ok: result.status < 300, described: describeResult(result) }).toEqual({ ok: true, described: describeResult(result) });
      });
    });
  }
});

describe('bearer token checks', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ AUTH_JWT_SECRET: SECRET, AUTH_ISSUER: 'https://issuer.example', AUTH_AUDIENCE: 'bpmn-engine' });
  });
  afterAll(() => server.close());

  const good = { tenants: ['*'], issuer: 'https://issuer.example', audience: 'bpmn-engine' };

  it('accepts a token with the configured issuer and audience', async () => {
    ok(await server.get('/process_models', bearer(await token(good))), 200);
  });

  it.each([
    ['nbf in the future', { ...good, notBefore: 600 }],
    ['another issuer', { ...good, issuer: 'https://evil.example' }],
    ['no issuer', { tenants: ['*'], audience: 'bpmn-engine' }],
    ['another audience', { ...good, audience: 'someone-else' }],
    ['no audience', { tenants: ['*'], issuer: 'https://issuer.example' }],
    ['expired', { ...good, expiresIn: -120 }],
  ])('refuses a token with %s (401)', async (_what, options) => {
    const result = await server.get('/process_models', bearer(await token(options)));
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toBe('Bearer');
    expect(result.body).toEqual(expect.objectContaining({ code: 'UNAUTHORIZED', type: 'AuthenticationError' }));
  });

  it('refuses malformed Authorization headers (401)', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not.a.jwt', `Bearer ${await token(good)} extra`]) {
      const result = await server.get('/process_models', { authorization });
      expect({ authorization, status: result.status }).toEqual({ authorization, status: 401 });
    }
  });

  it('keeps /health public', async () => {
    const result = await server.get('/health');
    expect(result.status).not.toBe(401);
    expect(result.status).not.toBe(403);
  });

  it('protects the metrics with the admin permission', async () => {
    expect((await server.get('/metrics')).status).toBe(401);
    expect((await server.get('/metrics', bearer(await token({ ...good, scopes: allBut('admin') })))).status).toBe(403);
    expect((await server.get('/metrics', bearer(await token({ ...good, scopes: ['admin'] })))).status).toBe(200);
  });
});

describe('RS256 tokens verified through a JWKS URL', () => {
  let jwks: Server;
  let server: TestServer;
  let privateKey: KeyLike;
  let requests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_request, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    server = await TestServer.start({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  async function rs256(key: KeyLike, kid = 'key-1', claims: Record<string, unknown> = { scope: 'models:read', tenants: ['*'] }): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime('5m').sign(key);
  }

  it('accepts a token signed with the key the JWKS publishes', async () => {
    ok(await server.get('/process_models', bearer(await rs256(privateKey))), 200);
    expect(requests).toBeGreaterThan(0);
  });

  it('refuses a token signed with another key under the same kid', async () => {
    const other = await generateKeyPair('RS256');
    const result = await server.get('/process_models', bearer(await rs256(other.privateKey)));
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses an HS256 token (the shared-secret algorithm is not accepted with a JWKS)', async () => {
    expect((await server.get('/process_models', bearer(await token({ tenants: ['*'] })))).status).toBe(401);
  });

  it('checks scopes on JWKS tokens too', async () => {
    const result = await server.post('/process_models', { xml: '<x/>' }, bearer(await rs256(privateKey)));
    expect(result.status).toBe(403);
  });
});
