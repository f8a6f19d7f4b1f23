import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FastifyRequest } from 'fastify';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { DeploymentResourceInput } from './commands/deploy-resources.command';
import { DeployModelDto } from './dto/deploy-model.dto';

export interface DeploymentUpload {
  readonly name: string | null;
  readonly tenantId: string | null;
  readonly resources: readonly DeploymentResourceInput[];
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Reads a native deployment from either form a client may send: JSON `{ xml, name?, tenantId? }`, or a
 * multipart upload whose file parts are BPMN files (named by their file name) with optional `name` and
 * `tenantId` fields, which is what curl -F and Postman's form-data send.
 */
@Injectable()
export class DeploymentUploadReader {
  async read(request: FastifyRequest): Promise<DeploymentUpload> {
    if (request.isMultipart()) return this.multipart(request);
    if (!/^application\/json/i.test(request.headers['content-type'] ?? 'application/json')) {
      throw new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the BPMN as JSON { "xml": "…" } (application/json) or as a file in multipart/form-data');
    }
    return this.json(request.body);
  }

  private async json(body: unknown): Promise<DeploymentUpload> {
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      throw new ApiError(ErrorCode.VALIDATION_ERROR, 'The body must be a JSON object { "xml": "…", "name"?, "tenantId"? }');
    }
    const dto = plainToInstance(DeployModelDto, body ?? {});
    const errors = await validate(dto);
    if (errors.length > 0) {
      const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
      throw new ApiError(ErrorCode.VALIDATION_ERROR, messages.join('; '));
    }
    const name = dto.name ?? null;
    return { name, tenantId: dto.tenantId ?? null, resources: [{ name: resourceName(name ?? 'process'), content: dto.xml }], options: options(dto.oneInstancePerBusinessKey) };
  }

  private async multipart(request: FastifyRequest): Promise<DeploymentUpload> {
    const resources: DeploymentResourceInput[] = [];
    const fields: Record<string, string> = {};
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = (await part.toBuffer()).toString('utf8');
        resources.push({ name: part.filename || resourceName(part.fieldname), content });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
    if (resources.length === 0) {
      throw new ApiError(ErrorCode.VALIDATION_ERROR, 'The upload contains no BPMN file (send it as a file part, e.g. -F file=@order.bpmn)');
    }
    const name = fields.name ?? fields['deployment-name'] ?? null;
    const single = fields.oneInstancePerBusinessKey;
    if (single !== undefined && single !== 'true' && single !== 'false') {
      throw new ApiError(ErrorCode.VALIDATION_ERROR, "oneInstancePerBusinessKey must be 'true' or 'false'");
    }
    return { name, tenantId: fields.tenantId ?? fields['tenant-id'] ?? null, resources, options: options(single === 'true') };
  }
}

function options(oneInstancePerBusinessKey: boolean | undefined): Record<string, unknown> {
  return oneInstancePerBusinessKey ? { oneInstancePerBusinessKey: true } : {};
}

function resourceName(name: string): string {
  return /\.(bpmn|bpmn20\.xml)$/.test(name) ? name : `${name}.bpmn`;
}
