import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { renderVariables } from '../../common/variables/native-variables';
import { Database } from '../../infrastructure/persistence/database';
import { BufferedMessage, BufferedMessageRepository } from '../../infrastructure/persistence/repositories/buffered-message.repository';
import { BufferedMessageDto, BufferedMessagePageDto, BufferedMessageQueryDto } from './dto/buffered-message.dto';

@Injectable()
export class BufferedMessagesService {
  constructor(
    private readonly db: Database,
    private readonly buffer: BufferedMessageRepository,
  ) {}

  async list(query: BufferedMessageQueryDto): Promise<BufferedMessagePageDto> {
    const page = await this.db.read((sql) =>
      this.buffer.list(sql, { messageName: query.messageName }, { offset: query.offset ?? 0, limit: query.limit ?? 50 }, Date.now()),
    );
    return { total: page.total, items: page.items.map(toDto) };
  }

  async get(id: string): Promise<BufferedMessageDto> {
    const message = await this.db.read((sql) => this.buffer.get(sql, id));
    if (!message || message.expiresAt <= Date.now()) throw new ApiError(ErrorCode.NOT_FOUND, `No buffered message with id ${id}`);
    return toDto(message);
  }

  async delete(id: string): Promise<void> {
    const deleted = await this.db.transaction((tx) => this.buffer.consume(tx, id));
    if (!deleted) throw new ApiError(ErrorCode.NOT_FOUND, `No buffered message with id ${id}`);
  }
}

function toDto(message: BufferedMessage): BufferedMessageDto {
  const { criteria, payload } = message;
  return {
    messageId: message.id,
    messageName: message.messageName,
    businessKey: criteria.businessKey ?? null,
    processInstanceId: criteria.processInstanceId ?? null,
    tenantId: criteria.tenantId ?? null,
    withoutTenantId: criteria.withoutTenantId ?? false,
    correlationKeys: renderVariables(criteria.correlationKeys ?? {}),
    localCorrelationKeys: renderVariables(criteria.localCorrelationKeys ?? {}),
    processVariables: renderVariables(payload.processVariables ?? {}),
    mayStartInstance: message.mayStart,
    createdAt: new Date(message.createdAt).toISOString(),
    expiresAt: new Date(message.expiresAt).toISOString(),
  };
}
