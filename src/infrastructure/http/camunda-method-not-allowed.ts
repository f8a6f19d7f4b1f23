import { FastifyInstance } from 'fastify';

import { CAMUNDA_PREFIX } from './api-exception.filter';
import { METHOD_NOT_ALLOWED } from './jax-rs-errors';

interface CamundaRoute {
  readonly pattern: RegExp;
  readonly method: string;
}

/**
 * Jersey answers a known Camunda path called with a method it does not have with 405 NotAllowedException and an
 * Allow header listing the methods it has (MethodSelectingRouter); only a path no resource has is a 404. The
 * router here knows only method and path together, so its 404 is checked against the paths of every Camunda
 * route, collected as they are registered. Native routes keep their 404.
 */
export function answerWrongMethodsAsCamunda(fastify: FastifyInstance): void {
  const routes: CamundaRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith(`${CAMUNDA_PREFIX}/`)) return;
    const pattern = routePattern(route.url);
    for (const method of [route.method].flat()) routes.push({ pattern, method: String(method) });
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0];
    if (!path.startsWith(`${CAMUNDA_PREFIX}/`)) return;
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (allowed.length === 0) return;
    // Jersey answers OPTIONS on any resource itself (WADL is off in Camunda Run): no content, the methods in Allow.
    if (request.method === 'OPTIONS') {
      await reply.status(204).header('allow', [...allowed, 'OPTIONS'].join(', ')).send();
      return;
    }
    await reply
      .status(METHOD_NOT_ALLOWED.status)
      .header('allow', allowed.join(', '))
      .header('content-type', 'application/json')
      .send({ type: METHOD_NOT_ALLOWED.type, message: METHOD_NOT_ALLOWED.message, code: null });
  });
}

/** A router path (`/engine-rest/task/:id/variables`) as a regular expression over request paths. */
function routePattern(url: string): RegExp {
  const segments = url.split('/').map((segment) => {
    if (segment.startsWith(':')) return '[^/]+';
    if (segment === '*') return '.*';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}$`);
}
