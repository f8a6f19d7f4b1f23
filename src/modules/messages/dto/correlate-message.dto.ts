import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

import { PAYLOAD_SCHEMA, TYPED_VARIABLES_SCHEMA } from '../../../common/dto/typed-value.dto';
import { RawJson } from '../../../common/dto/raw-json.decorator';

/** A message, in Camunda's vocabulary, for the native POST /messages. */
export class CorrelateMessageDto {
  @ApiProperty({ description: 'The message name, exact and case-sensitive', example: 'PaymentReceived' })
  @IsString()
  @MaxLength(255)
  messageName!: string;

  @ApiPropertyOptional({ description: 'Idempotency key of this message (alternative to the Idempotency-Key header)', example: 'payment-4711-1' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  messageId?: string;

  @ApiPropertyOptional({ description: 'Only instances with this business key; also the business key of an instance the message starts', example: 'order-4711' })
  @IsOptional()
  @IsString()
  businessKey?: string;

  @ApiPropertyOptional({ description: 'Only executions and models of this tenant' })
  @IsOptional()
  @IsString()
  tenantId?: string;

  @ApiPropertyOptional({ description: 'Only executions and models without a tenant' })
  @IsOptional()
  @IsBoolean()
  withoutTenantId?: boolean;

  @ApiPropertyOptional({ description: 'Only this process instance' })
  @IsOptional()
  @IsString()
  processInstanceId?: string;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Each must equal (type-exactly) a variable of the waiting instance', example: { customer: { value: 'alice', type: 'String' } } })
  @IsOptional()
  @IsObject()
  @RawJson()
  correlationKeys?: Record<string, unknown>;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Each must equal a local variable of the waiting execution' })
  @IsOptional()
  @IsObject()
  @RawJson()
  localCorrelationKeys?: Record<string, unknown>;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Variables to set, typed', example: { variable1: { value: '100', type: 'String' }, variable2: { value: 'credit', type: 'String' } } })
  @IsOptional()
  @IsObject()
  @RawJson()
  processVariables?: Record<string, unknown>;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Variables to set locally on the waiting execution' })
  @IsOptional()
  @IsObject()
  @RawJson()
  processVariablesLocal?: Record<string, unknown>;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Variables for the scope the message creates (event subprocess)' })
  @IsOptional()
  @IsObject()
  @RawJson()
  processVariablesToTriggeredScope?: Record<string, unknown>;

  @ApiPropertyOptional({ ...PAYLOAD_SCHEMA, description: 'Plain JSON alternative to processVariables (not both)' })
  @IsOptional()
  @IsObject()
  @RawJson()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Deliver to every match instead of exactly one', default: false })
  @IsOptional()
  @IsBoolean()
  all?: boolean;

  @ApiPropertyOptional({
    description:
      'Keep the message when nothing matches (milliseconds, or an ISO-8601 duration such as PT1H): answered 202 with its id, and ' +
      'delivered to the first matching subscription that opens before it expires. Without it, no match is a 400.',
    oneOf: [{ type: 'integer', minimum: 1 }, { type: 'string', example: 'PT1H' }],
    example: 'PT1H',
  })
  @IsOptional()
  timeToLive?: number | string;

  @ApiPropertyOptional({
    description: 'With timeToLive: whether the kept message may start an instance of a model with a matching message start event deployed before it expires',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  mayStartInstance?: boolean;
}

export class BufferedMessageResponseDto {
  @ApiProperty({ description: 'Id of the kept message' })
  messageId!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class CorrelatedDto {
  @ApiProperty({ enum: ['Execution', 'ProcessDefinition'], description: 'A waiting execution, or a new instance of a message start event' })
  resultType!: 'Execution' | 'ProcessDefinition';

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty({ description: 'BPMN element that received the message', example: 'PaymentReceived' })
  eventKey!: string;

  @ApiProperty({ description: 'The waiting event (subscription) that received it' })
  eventId!: string;
}

export class CorrelateMessageResponseDto {
  @ApiProperty({ type: [CorrelatedDto] })
  correlated!: CorrelatedDto[];
}
