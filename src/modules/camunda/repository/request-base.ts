import { FastifyRequest } from 'fastify';

import { CamundaLinkDto } from '../common/camunda-dto';

/**
 * The absolute URL of /engine-rest as the client addressed it, as JAX-RS's `UriInfo.getBaseUri()` gives it
 * to Camunda's reflexive links (protocol and host honour the proxy headers only when Fastify trusts them).
 */
export function requestBase(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/engine-rest`;
}

export function selfLink(request: FastifyRequest, path: string): CamundaLinkDto[] {
  return [{ method: 'GET', href: `${requestBase(request)}/${path}`, rel: 'self' }];
}
