import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';

import { PAYLOAD_SCHEMA, TYPED_VARIABLES_SCHEMA } from '../../../common/dto/typed-value.dto';
import { RawJson } from '../../../common/dto/raw-json.decorator';

export class TriggerEventDto {
  @ApiPropertyOptional({
    ...PAYLOAD_SCHEMA,
    description: 'Variables for the triggered instance as plain JSON (string → String, whole number → Integer or Long, other number → Double, boolean → Boolean, null → Null, object or array → Json)',
    example: { variable1: '100', variable2: 'credit' },
  })
  @IsOptional()
  @IsObject()
  @RawJson()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'The same in Camunda typed form (not together with payload)' })
  @IsOptional()
  @IsObject()
  @RawJson()
  variables?: Record<string, unknown>;
}

export class TriggeredEventDto {
  @ApiProperty({ description: 'The waiting event (subscription) that was triggered; for a message start event, its subscription' })
  eventId!: string;

  @ApiProperty({ description: 'BPMN element id of the event', example: 'PaymentReceived' })
  eventKey!: string;

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ example: 'order-4711' })
  correlationId!: string;
}

export class AmbiguousEventDto {
  @ApiProperty({ example: 'ConflictError' })
  type!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ example: 'EVENT_AMBIGUOUS' })
  code!: string;

  @ApiProperty({ type: [String], description: 'The eventIds of the waiting events the eventKey names; trigger one of them by its eventId' })
  candidates!: string[];
}
