import { FastifyInstance } from 'fastify';

import { CAMUNDA_PREFIX } from './api-exception.filter';

const NAMED = new RegExp(`^${CAMUNDA_PREFIX}/engine/([^/?]+)(/[^?]*)?(\\?.*)?$`);

/**
 * Camunda serves every resource of a named engine under /engine/{name}/… as well. This engine is the
 * `default` one: its named paths are rewritten to the plain ones before routing.
 */
export function rewriteNamedEngineUrl(url: string): string {
  const match = NAMED.exec(url);
  if (!match || match[1] !== 'default' || !match[2]) return url;
  return `${CAMUNDA_PREFIX}${match[2]}${match[3] ?? ''}`;
}

/** Any other engine name cannot be resolved, which Camunda answers with 400 "No process engine available". */
export function refuseUnknownEngines(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const match = NAMED.exec(request.url);
    if (!match || !match[2] || match[1] === 'default') return;
    await reply
      .status(400)
      .header('content-type', 'application/json')
      .send({ type: 'InvalidRequestException', message: 'No process engine available', code: null });
  });
}
