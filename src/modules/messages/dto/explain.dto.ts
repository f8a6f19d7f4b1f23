import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MismatchDto {
  @ApiProperty({ enum: ['processInstanceId', 'businessKey', 'tenant', 'correlationKey', 'localCorrelationKey'] })
  criterion!: string;

  @ApiPropertyOptional({ description: 'The variable, for (local) correlation keys', example: 'customer' })
  name?: string;

  @ApiProperty({ description: 'What the message asked for', example: 'String "alice"' })
  expected!: string;

  @ApiProperty({ description: 'What the waiting execution has', example: 'String "bob"' })
  actual!: string;
}

export class ExplainedEventDto {
  @ApiProperty({ enum: ['Execution', 'ProcessDefinition'] })
  resultType!: 'Execution' | 'ProcessDefinition';

  @ApiProperty({ description: 'The waiting event (subscription)' })
  eventId!: string;

  @ApiProperty({ example: 'PaymentReceived' })
  eventKey!: string;

  @ApiProperty({ example: 'intermediateCatchEvent' })
  eventType!: string;

  @ApiProperty({ nullable: true, type: String })
  processInstanceId!: string | null;

  @ApiProperty({ example: 'order-process' })
  processModelKey!: string;

  @ApiPropertyOptional({ type: [MismatchDto], description: 'For near misses: each criterion that failed' })
  mismatches?: MismatchDto[];
}

export class ExplainResponseDto {
  @ApiProperty({ example: 'PaymentReceived' })
  messageName!: string;

  @ApiProperty({
    enum: ['correlated', 'no-match', 'ambiguous'],
    description: 'What POST /messages would do with this message now',
  })
  outcome!: 'correlated' | 'no-match' | 'ambiguous';

  @ApiProperty({ type: [ExplainedEventDto], description: 'Waiting events and start events the message would be delivered to' })
  matches!: ExplainedEventDto[];

  @ApiProperty({ type: [ExplainedEventDto], description: 'Events waiting for a message of this name that failed a criterion, and which' })
  nearMisses!: ExplainedEventDto[];

  @ApiProperty({ description: 'True when there were more near misses than listed' })
  truncated!: boolean;
}
