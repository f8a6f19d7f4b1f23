import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { plainVariables, typedVariables } from '../../common/variables/native-variables';
import { CorrelationSet, MessagePayload, TypedValue, assertQueryable } from '../../engine';
import { ContinuationService } from '../../infrastructure/queue/continuation.service';
import { CorrelateMessageCommand, CorrelationFailed } from './commands/correlate-message.command';
import { BufferedMessageResponseDto, CorrelateMessageDto, CorrelateMessageResponseDto } from './dto/correlate-message.dto';
import { ExplainResponseDto } from './dto/explain.dto';
import { ExplainService } from './explain.service';
import { parseTimeToLive } from './time-to-live';

const EXPLANATION_LIMIT = 10;

export type CorrelationAnswer = { status: 200; body: CorrelateMessageResponseDto } | { status: 202; body: BufferedMessageResponseDto };

@Injectable()
export class MessagesService {
  constructor(
    private readonly correlate: CorrelateMessageCommand,
    private readonly continuation: ContinuationService,
    private readonly explainer: ExplainService,
  ) {}

  async correlateMessage(dto: CorrelateMessageDto, waitSeconds?: number): Promise<CorrelationAnswer> {
    const { set, payload } = this.read(dto);
    const buffer = this.bufferOption(dto);
    try {
      const result = await this.correlate.execute({ set, all: dto.all ?? false, payload, buffer, via: 'POST /messages' });
      if (result.buffered) {
        return { status: 202, body: { messageId: result.buffered.id, expiresAt: new Date(result.buffered.expiresAt).toISOString() } };
      }
      const targets = result.targets;
      if (waitSeconds !== undefined && targets.length > 0) {
        await this.continuation.waitForSettled(targets.map((t) => t.processInstanceId), waitSeconds * 1000);
      }
      return {
        status: 200,
        body: {
          correlated: targets.map((t) => ({
            resultType: t.kind === 'execution' ? ('Execution' as const) : ('ProcessDefinition' as const),
            processInstanceId: t.processInstanceId,
            correlationId: t.correlationId,
            eventKey: t.eventKey,
            eventId: t.eventId,
          })),
        },
      };
    } catch (error) {
      if (!(error instanceof CorrelationFailed)) throw error;
      const explanation = await this.explainer.explain(set, dto.all ?? false, EXPLANATION_LIMIT);
      const details = { explanation: { nearMisses: explanation.nearMisses, truncated: explanation.truncated } };
      if (error.reason === 'business-key-running') {
        throw new ApiError(ErrorCode.CONFLICT, `An instance with business key '${dto.businessKey}' is already running, and its process model allows only one per business key`);
      }
      if (error.reason === 'no-match') {
        throw new ApiError(ErrorCode.MESSAGE_NOT_CORRELATED, `No waiting event or message start event matches message '${dto.messageName}'`, details);
      }
      const what = error.reason === 'ambiguous-executions' ? 'waiting executions' : 'process models with a message start event';
      throw new ApiError(ErrorCode.MESSAGE_AMBIGUOUS, `${error.count} ${what} match message '${dto.messageName}'; narrow the criteria or send all=true`, details);
    }
  }

  explain(dto: CorrelateMessageDto): Promise<ExplainResponseDto> {
    return this.explainer.explain(this.read(dto).set, dto.all ?? false);
  }

  private read(dto: CorrelateMessageDto): { set: CorrelationSet; payload: MessagePayload } {
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
    return { set, payload };
  }

  private bufferOption(dto: CorrelateMessageDto) {
    if (dto.timeToLive === undefined) {
      if (dto.mayStartInstance) throw new ApiError(ErrorCode.VALIDATION_ERROR, "'mayStartInstance' needs 'timeToLive'");
      return undefined;
    }
    const ttl = parseTimeToLive(dto.timeToLive);
    if ('error' in ttl) throw new ApiError(ErrorCode.VALIDATION_ERROR, ttl.error);
    return { timeToLiveMs: ttl.ms, mayStart: dto.mayStartInstance ?? false };
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
