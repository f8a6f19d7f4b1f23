import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { unsupportedMediaType } from '../../../infrastructure/http/jax-rs-errors';
import { DeploymentResourceInput } from '../../models/commands/deploy-resources.command';
import { invalidRequest } from '../common/camunda-errors';

export interface DeploymentForm {
  readonly name: string | null;
  readonly source: string | null;
  readonly tenantId: string | null;
  readonly enableDuplicateFiltering: boolean;
  readonly deployChangedOnly: boolean;
  readonly resources: readonly DeploymentResourceInput[];
}

const RESERVED = new Set(['deployment-name', 'deployment-activation-time', 'enable-duplicate-filtering', 'deploy-changed-only', 'deployment-source', 'tenant-id']);

interface Part {
  readonly filename: string | undefined;
  readonly content: string;
}

/**
 * Reads the multipart form of POST /deployment/create as DeploymentRestServiceImpl does: parts are
 * kept by name (a repeated name keeps the last part, as upstream's MultipartFormData map does), every
 * non-reserved part is a resource named by its file name, and the flags are Java `Boolean.parseBoolean`.
 */
@Injectable()
export class DeploymentFormReader {
  async read(request: FastifyRequest): Promise<DeploymentForm> {
    if (!request.isMultipart()) {
      // What JAX-RS answers when a @Consumes(multipart/form-data) resource receives another media type.
      throw unsupportedMediaType();
    }
    const parts = new Map<string, Part>();
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        parts.set(part.fieldname, { filename: part.filename || undefined, content: (await part.toBuffer()).toString('utf8') });
      } else {
        parts.set(part.fieldname, { filename: undefined, content: String(part.value) });
      }
    }
    const resources: DeploymentResourceInput[] = [];
    for (const [name, part] of parts) {
      if (RESERVED.has(name)) continue;
      if (part.filename === undefined) {
        // Upstream prints the (missing) file name, not the part name, hence the literal 'null'.
        throw invalidRequest("No file name found in the deployment resource described by form parameter 'null'.");
      }
      resources.push({ name: part.filename, content: part.content });
    }
    if (resources.length === 0) throw invalidRequest('No deployment resources contained in the form upload.');
    const textOf = (name: string) => parts.get(name)?.content ?? null;
    return {
      name: textOf('deployment-name'),
      source: textOf('deployment-source'),
      // '' is "no tenant" in the database, so an empty tenant-id part cannot mean anything else.
      tenantId: textOf('tenant-id') || null,
      enableDuplicateFiltering: parseBoolean(textOf('enable-duplicate-filtering')),
      deployChangedOnly: parseBoolean(textOf('deploy-changed-only')),
      resources,
    };
  }
}

function parseBoolean(value: string | null): boolean {
  return value !== null && value.toLowerCase() === 'true';
}
