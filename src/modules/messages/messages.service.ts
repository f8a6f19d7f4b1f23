import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { plainVariables, typedVariables } from '../../common/variables/native-variables';
import { CorrelationSet, TypedValue, assertQueryable } from '../../engine';
import { ContinuationService } from '../../infrastructure/queue/continuation.service';
import { CorrelateMessageCommand, CorrelationFailed } from './commands/correlate-message.command';
import { CorrelateMessageDto, CorrelateMessageResponseDto } from './dto/correlate-message.dto';

@Injectable()
export class MessagesService {
  constructor(
    private readonly correlate: CorrelateMessageCommand,
    private readonly continuation: ContinuationService,
  ) {}

  async correlateMessage(dto: CorrelateMessageDto, waitSeconds?: number): Promise<CorrelateMessageResponseDto> {
    if (dto.tenantId !== undefined && dto.withoutTenantId) {
      throw new ApiError(ErrorCode.VALIDATION_ERROR, "'tenantId' cannot be used together with 'withoutTenantId'");
    }
    if (dto.processInstanceId !== undefined && (dto.tenantId !== undefined || dto.withoutTenantId)) {
      throw new ApiError(ErrorCode.VALIDATION_ERROR, "A tenant cannot be given when correlating to a single process instance ('processInstanceId')");
    }
    if (dto.payload !== undefined && dto.processVariables !== undefined) {
      throw new ApiError(ErrorCode.VALIDATION_ERROR, "Send either 'payload' or 'processVariables', not both");
    }
    const set: CorrelationSet = {
      messageName: dto.messageName,
      businessKey: dto.businessKey,
      processInstanceId: dto.processInstanceId,
      tenantId: dto.tenantId,
      withoutTenantId: dto.withoutTenantId,
      correlationKeys: criteria(dto.correlationKeys, 'correlationKeys'),
      localCorrelationKeys: criteria(dto.localCorrelationKeys, 'localCorrelationKeys'),
    };
    const payload = {
      processVariables: dto.payload !== undefined ? plainVariables(dto.payload, 'payload') : optionalTyped(dto.processVariables, 'processVariables'),
      processVariablesLocal: optionalTyped(dto.processVariablesLocal, 'processVariablesLocal'),
      processVariablesToTriggeredScope: optionalTyped(dto.processVariablesToTriggeredScope, 'processVariablesToTriggeredScope'),
    };
    try {
      const targets = await this.correlate.execute({ set, all: dto.all ?? false, payload });
      if (waitSeconds !== undefined && targets.length > 0) {
        await this.continuation.waitForSettled(targets.map((t) => t.processInstanceId), waitSeconds * 1000);
      }
      return {
        correlated: targets.map((t) => ({
          resultType: t.kind === 'execution' ? ('Execution' as const) : ('ProcessDefinition' as const),
          processInstanceId: t.processInstanceId,
          correlationId: t.correlationId,
          eventKey: t.eventKey,
          eventId: t.eventId,
        })),
      };
    } catch (error) {
      if (!(error instanceof CorrelationFailed)) throw error;
      if (error.reason === 'no-match') {
        throw new ApiError(ErrorCode.MESSAGE_NOT_CORRELATED, `No waiting event or message start event matches message '${dto.messageName}'`);
      }
      const what = error.reason === 'ambiguous-executions' ? 'waiting executions' : 'process models with a message start event';
      throw new ApiError(ErrorCode.MESSAGE_AMBIGUOUS, `${error.count} ${what} match message '${dto.messageName}'; narrow the criteria or send all=true`);
    }
  }
}

function optionalTyped(map: Record<string, unknown> | undefined, field: string): Record<string, TypedValue> | undefined {
  return map === undefined ? undefined : typedVariables(map, field);
}

function criteria(map: Record<string, unknown> | undefined, field: string): Record<string, TypedValue> | undefined {
  const values = optionalTyped(map, field);
  for (const [name, value] of Object.entries(values ?? {})) {
    try {
      assertQueryable(name, value);
    } catch (error) {
      throw new ApiError(ErrorCode.INVALID_VARIABLE, `'${field}.${name}': ${(error as Error).message}`);
    }
  }
  return values;
}
