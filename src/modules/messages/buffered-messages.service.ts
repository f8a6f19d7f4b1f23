import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { renderVariables } from '../../common/variables/native-variables';
import { canSeeTenant, visibleTenants } from '../../infrastructure/auth/request-context';
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
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    if (visibleTenants() === null) {
      const page = await this.db.read((sql) => this.buffer.list(sql, { messageName: query.messageName }, { offset, limit }, Date.now()));
      return { total: page.total, items: page.items.map(toDto) };
    }
    // Who may see a kept message depends on its sender's reach (JSON), so a restricted caller's page is cut in memory.
    const all = await this.db.read((sql) => this.buffer.list(sql, { messageName: query.messageName }, { offset: 0, limit: MAX_SCANNED }, Date.now()));
    const visible = all.items.filter(mayManage);
    return { total: visible.length, items: visible.slice(offset, offset + limit).map(toDto) };
  }

  async get(id: string): Promise<BufferedMessageDto> {
    return toDto(await this.visible(id));
  }

  async delete(id: string): Promise<void> {
    await this.visible(id);
    const deleted = await this.db.transaction((tx) => this.buffer.consume(tx, id));
    if (!deleted) throw new ApiError(ErrorCode.NOT_FOUND, `No buffered message with id ${id}`);
  }

  private async visible(id: string): Promise<BufferedMessage> {
    const message = await this.db.read((sql) => this.buffer.get(sql, id));
    if (!message || message.expiresAt <= Date.now() || !mayManage(message)) throw new ApiError(ErrorCode.NOT_FOUND, `No buffered message with id ${id}`);
    return message;
  }
}

const MAX_SCANNED = 10_000;

/**
 * A kept message addressed to a tenant belongs to that tenant. One without a tenant belongs to the tenants
 * its sender could reach: a restricted caller sees it only if the sender reached no tenant it cannot see.
 */
function mayManage(message: BufferedMessage): boolean {
  const tenants = visibleTenants();
  if (tenants === null) return true;
  if (message.tenantId) return canSeeTenant(message.tenantId);
  const reach = message.criteria.visibleTenants;
  return reach !== null && reach !== undefined && reach.every((t) => tenants.includes(t));
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
