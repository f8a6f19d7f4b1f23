import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { AppConfig } from '../../config/configuration';
import { renderException } from '../http/api-exception.filter';
import { JwtVerifier } from './jwt-verifier';
import { Principal, runAs } from './request-context';
import { PUBLIC, ruleFor } from './route-permissions';

/** Routes mounted by libraries under a prefix (dashboards, documentation assets) share their prefix's rule. */
const PREFIX_RULES: readonly [string, ReturnType<typeof ruleFor>][] = [
  ['/queues', 'admin'],
  ['/api-docs/', PUBLIC],
];

const UNRESTRICTED: Principal = { subject: null, scopes: null, tenants: null };

/**
 * Authentication and authorisation for every route, at the router level (so library routes like the
 * queue dashboard are covered too): the route's permission comes from the one table; a missing entry
 * stops start-up. With authentication off (embedded default on loopback) every call runs unrestricted.
 */
export function installAuth(fastify: FastifyInstance, config: AppConfig): void {
  const routes: { method: string; url: string }[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
  fastify.addHook('onReady', async () => {
    const missing = routes.filter((r) => r.method !== 'OPTIONS' && rule(r.method, r.url) === undefined);
    if (missing.length > 0) {
      throw new Error(`Routes without an entry in the permission table (src/infrastructure/auth/route-permissions.ts): ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    }
  });

  const verifier = config.auth.enabled ? new JwtVerifier(config.auth) : null;
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    const url = request.routeOptions.url;
    const permission = url === undefined ? PUBLIC : rule(request.method, url);
    if (!verifier || permission === PUBLIC) {
      runAs(UNRESTRICTED, () => done());
      return;
    }
    void authenticate(verifier, request).then(
      (principal) => {
        if (!principal.scopes!.has(permission!)) {
          return refuse(reply, request, new ApiError(ErrorCode.FORBIDDEN, `The token's scope does not include '${permission}', which this route needs`));
        }
        runAs(principal, () => done());
      },
      (error: ApiError) => refuse(reply, request, error),
    );
  });
}

function rule(method: string, url: string) {
  return ruleFor(method, url) ?? PREFIX_RULES.find(([prefix]) => url === prefix || url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))?.[1];
}

async function authenticate(verifier: JwtVerifier, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new ApiError(ErrorCode.UNAUTHORIZED, 'A bearer token is required (Authorization: Bearer <JWT>)');
  const outcome = await verifier.verify(match[1]);
  if (!outcome.ok) throw new ApiError(ErrorCode.UNAUTHORIZED, `Authentication failed: ${outcome.reason}`);
  const { claims } = outcome;
  const scopes = new Set(typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : []);
  const tenantClaim = claims.tenants;
  // No tenants claim: only resources without a tenant; "*" in it: every tenant.
  const tenants = Array.isArray(tenantClaim) ? tenantClaim.map(String) : [];
  return { subject: typeof claims.sub === 'string' ? claims.sub : null, scopes, tenants: tenants.includes('*') ? null : tenants };
}

function refuse(reply: FastifyReply, request: FastifyRequest, error: ApiError): void {
  const rendered = renderException(error, request);
  for (const [name, value] of Object.entries(rendered.headers ?? {})) void reply.header(name, value);
  void reply.status(rendered.status).header('content-type', 'application/json').send(rendered.body);
}
