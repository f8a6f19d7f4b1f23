import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, IsString } from 'class-validator';

import { TYPED_VARIABLES_SCHEMA } from '../../../common/dto/typed-value.dto';
import { CamundaExecutionDto, CamundaProcessInstanceDto } from '../common/camunda-dto';
import { CamundaBoolean, CamundaString } from '../common/camunda-coercion';
import { RawJson } from '../../../common/dto/raw-json.decorator';

/** Camunda 7's CorrelationMessageDto (POST /message). */
export class CorrelationMessageDto {
  @ApiProperty({ type: String, description: 'The name of the message to deliver', example: 'PaymentReceived' })
  @IsOptional()
  @CamundaString()
  @IsString()
  messageName?: string | null;

  @ApiPropertyOptional({ type: String, description: 'Only executions of instances with this business key; the business key of a started instance', example: 'order-4711' })
  @IsOptional()
  @CamundaString()
  @IsString()
  businessKey?: string | null;

  @ApiPropertyOptional({ type: String, description: 'Only executions and definitions of this tenant' })
  @IsOptional()
  @CamundaString()
  @IsString()
  tenantId?: string | null;

  @ApiPropertyOptional({ type: Boolean, description: 'Only executions and definitions without a tenant' })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  withoutTenantId?: boolean | null;

  @ApiPropertyOptional({ type: String, description: 'Only this process instance (not together with a tenant)' })
  @IsOptional()
  @CamundaString()
  @IsString()
  processInstanceId?: string | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Matched against process instance variables (type-exact)', example: { customer: { value: 'alice', type: 'String' } } })
  @IsOptional()
  @IsObject()
  @RawJson()
  correlationKeys?: Record<string, unknown> | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Matched against local variables of the waiting execution' })
  @IsOptional()
  @IsObject()
  @RawJson()
  localCorrelationKeys?: Record<string, unknown> | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Set on the triggered execution or started instance', example: { variable1: { value: '100', type: 'String' }, variable2: { value: 'credit', type: 'String' } } })
  @IsOptional()
  @IsObject()
  @RawJson()
  processVariables?: Record<string, unknown> | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Set locally on the triggered execution' })
  @IsOptional()
  @IsObject()
  @RawJson()
  processVariablesLocal?: Record<string, unknown> | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Set in the scope the trigger creates' })
  @IsOptional()
  @IsObject()
  @RawJson()
  processVariablesToTriggeredScope?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: Boolean, description: 'Correlate to every match instead of exactly one', default: false })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  all?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, description: 'Answer 200 with the results instead of 204', default: false })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  resultEnabled?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, description: 'Include the process variables in each result (needs resultEnabled)', default: false })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  variablesInResultEnabled?: boolean | null;

  @ApiPropertyOptional({
    description:
      'Extension (not in Camunda 7): keep the message when nothing matches, for this many milliseconds or an ISO-8601 duration; ' +
      'answered 202 `{ messageId, expiresAt }` instead of the no-match 400. Without it the behaviour is exactly Camunda\'s.',
    oneOf: [{ type: 'integer', minimum: 1 }, { type: 'string', example: 'PT1H' }],
  })
  @IsOptional()
  timeToLive?: number | string | null;

  @ApiPropertyOptional({ type: String, description: 'Extension: idempotency key of this message (alternative to the Idempotency-Key header)' })
  @IsOptional()
  @CamundaString()
  @IsString()
  messageId?: string | null;

  @ApiPropertyOptional({ type: Boolean, description: 'Extension: with timeToLive, the kept message may start an instance of a model deployed later', default: false })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  mayStartInstance?: boolean | null;
}

/** What POST /engine-rest/message answers (202) when a message with a timeToLive matched nothing and was kept. */
export class BufferedMessageAcceptedDto {
  @ApiProperty({ description: 'Id of the kept message' })
  messageId!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class MessageCorrelationResultDto {
  @ApiProperty({ enum: ['Execution', 'ProcessDefinition'] })
  resultType!: 'Execution' | 'ProcessDefinition';

  @ApiProperty({ type: CamundaExecutionDto, nullable: true })
  execution!: CamundaExecutionDto | null;

  @ApiProperty({ type: CamundaProcessInstanceDto, nullable: true })
  processInstance!: CamundaProcessInstanceDto | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Only with variablesInResultEnabled' })
  variables?: Record<string, unknown>;
}
