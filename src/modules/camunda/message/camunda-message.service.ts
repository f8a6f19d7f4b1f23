import { Injectable, Logger } from '@nestjs/common';

import { CorrelationSet, TypedValue, VariableConversionError, assertQueryable } from '../../../engine';
import { Database } from '../../../infrastructure/persistence/database';
import { InstanceReader } from '../../../infrastructure/persistence/read/instance-reader';
import { ContinuationService } from '../../../infrastructure/queue/continuation.service';
import { CorrelateMessageCommand, CorrelatedTarget, CorrelationFailed } from '../../messages/commands/correlate-message.command';
import { engineException, invalidRequest, restException } from '../common/camunda-errors';
import { processInstanceDto } from '../common/camunda-dto';
import { convertVariableMaps, renderCamundaVariables } from '../common/camunda-variables';
import { parseTimeToLive } from '../../messages/time-to-live';
import { BufferedMessageAcceptedDto, CorrelationMessageDto, MessageCorrelationResultDto } from './correlation-message.dto';
import { describeCorrelationSet } from './correlation-set-text';

const MISMATCH = 'org.camunda.bpm.engine.MismatchingMessageCorrelationException: ';

/**
 * Camunda 7's POST /message: its validations in their order and with their exact texts, the shared
 * correlation command, then — as Camunda clients expect to see the next wait state when the call returns —
 * a bounded wait for the continuation of everything the message triggered.
 */
@Injectable()
export class CamundaMessageService {
  private readonly logger = new Logger('CamundaMessage');

  constructor(
    private readonly db: Database,
    private readonly correlate: CorrelateMessageCommand,
    private readonly continuation: ContinuationService,
    private readonly reader: InstanceReader,
  ) {}

  async deliver(dto: CorrelationMessageDto): Promise<MessageCorrelationResultDto[] | BufferedMessageAcceptedDto | undefined> {
    const body = dto ?? {};
    if (body.messageName === undefined || body.messageName === null) throw invalidRequest('No message name supplied');
    const tenantId = body.tenantId ?? undefined;
    if (tenantId !== undefined && body.withoutTenantId) {
      throw invalidRequest("Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId'.");
    }
    if (body.variablesInResultEnabled && !body.resultEnabled) {
      throw invalidRequest("Parameter 'variablesInResultEnabled' cannot be used without 'resultEnabled' set to true.");
    }
    const [correlationKeys, localCorrelationKeys, processVariables, processVariablesLocal, processVariablesToTriggeredScope] = convertVariableMaps(
      [body.correlationKeys, body.localCorrelationKeys, body.processVariables, body.processVariablesLocal, body.processVariablesToTriggeredScope],
      'Cannot deliver message: ',
    );
    if (body.processInstanceId != null && (tenantId !== undefined || body.withoutTenantId)) {
      throw engineException(400, 'BadUserRequestException', 'ENGINE-13028 Cannot specify a tenant-id when correlate a message to a single process instance.');
    }
    assertQueryableKeys(correlationKeys);
    assertQueryableKeys(localCorrelationKeys);
    const set: CorrelationSet = {
      messageName: body.messageName,
      businessKey: body.businessKey ?? undefined,
      processInstanceId: body.processInstanceId ?? undefined,
      tenantId,
      withoutTenantId: body.withoutTenantId ?? false,
      correlationKeys,
      localCorrelationKeys,
    };
    const all = body.all ?? false;
    const buffer = bufferOption(body);
    let targets: CorrelatedTarget[];
    try {
      const result = await this.correlate.execute({
        set,
        all,
        payload: { processVariables, processVariablesLocal, processVariablesToTriggeredScope },
        buffer,
        via: 'POST /engine-rest/message',
      });
      if (result.buffered) return { messageId: result.buffered.id, expiresAt: new Date(result.buffered.expiresAt).toISOString() };
      targets = result.targets;
    } catch (error) {
      throw error instanceof CorrelationFailed ? mismatch(error, set, all) : error;
    }
    await this.awaitContinuation(targets);
    if (!body.resultEnabled) return undefined;
    return this.results(targets, body.variablesInResultEnabled ?? false);
  }

  private async awaitContinuation(targets: readonly CorrelatedTarget[]): Promise<void> {
    if (targets.length === 0) return;
    const settled = await this.continuation.waitForSettled(targets.map((t) => t.processInstanceId));
    if (!settled) {
      this.logger.warn(`POST /message answered before the continuation of ${targets.map((t) => t.processInstanceId).join(', ')} settled (timeout)`);
    }
  }

  /** Results describe the state at the time of the answer, after the continuation. */
  private async results(targets: readonly CorrelatedTarget[], withVariables: boolean): Promise<MessageCorrelationResultDto[]> {
    if (targets.length === 0) return [];
    return this.db.read(async (sql) => {
      const ids = [...new Set(targets.map((t) => t.processInstanceId))];
      const found = await this.reader.instances(sql, `id IN (${ids.map(() => '?').join(', ')})`, ids);
      const views = new Map(found.map((v) => [v.id, v]));
      const variables = withVariables ? await this.reader.variables(sql, ids) : new Map<string, Record<string, TypedValue>>();
      return targets.map((t) => {
        const view = views.get(t.processInstanceId);
        const instanceEnded = !view || view.state !== 'running';
        const result: MessageCorrelationResultDto =
          t.kind === 'execution'
            ? {
                resultType: 'Execution',
                execution: {
                  id: t.executionId,
                  processInstanceId: t.processInstanceId,
                  ended: instanceEnded || (t.executionId !== t.processInstanceId && !view?.snapshot.elements[t.executionId]),
                  tenantId: t.tenantId,
                },
                processInstance: null,
              }
            : { resultType: 'ProcessDefinition', execution: null, processInstance: view ? processInstanceDto(view) : null };
        if (withVariables) result.variables = renderCamundaVariables(variables.get(t.processInstanceId) ?? {});
        return result;
      });
    });
  }
}

function bufferOption(body: CorrelationMessageDto): { timeToLiveMs: number; mayStart: boolean } | undefined {
  if (body.timeToLive === undefined || body.timeToLive === null) {
    if (body.mayStartInstance) throw invalidRequest("Parameter 'mayStartInstance' cannot be used without 'timeToLive'.");
    return undefined;
  }
  const ttl = parseTimeToLive(body.timeToLive);
  if ('error' in ttl) throw invalidRequest(ttl.error);
  return { timeToLiveMs: ttl.ms, mayStart: body.mayStartInstance ?? false };
}

function assertQueryableKeys(keys: Record<string, TypedValue> | undefined): void {
  for (const [name, value] of Object.entries(keys ?? {})) {
    try {
      assertQueryable(name, value);
    } catch (error) {
      if (error instanceof VariableConversionError) throw engineException(error.status, error.exceptionType, error.message, error.code);
      throw error;
    }
  }
}

function mismatch(error: CorrelationFailed, set: CorrelationSet, all: boolean) {
  switch (error.reason) {
    case 'no-match':
    case 'business-key-running':
      return restException(400, `${MISMATCH}Cannot correlate message '${set.messageName}': No process definition or execution matches the parameters`);
    case 'ambiguous-executions':
      return restException(
        400,
        `${MISMATCH}ENGINE-13031 Cannot correlate a message with name '${set.messageName}' to a single execution. ${error.count} executions match the correlation keys: ${describeCorrelationSet(set, all)}`,
      );
    case 'ambiguous-definitions':
      return restException(
        400,
        `${MISMATCH}ENGINE-13030 Cannot correlate a message with name '${set.messageName}' to a single process definition. ${error.count} process definitions match the correlations keys: ${describeCorrelationSet(set, all)}`,
      );
  }
}
