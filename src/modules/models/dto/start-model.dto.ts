import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

import { PAYLOAD_SCHEMA, TYPED_VARIABLES_SCHEMA } from '../../../common/dto/typed-value.dto';
import { RawJson } from '../../../common/dto/raw-json.decorator';

export class StartProcessModelDto {
  @ApiPropertyOptional({ description: 'Business case id to start under (e.g. an order number); generated when absent', example: 'order-4711' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  correlationId?: string;

  @ApiPropertyOptional({ example: 'order-4711' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  businessKey?: string;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Start variables in Camunda typed form' })
  @IsOptional()
  @IsObject()
  @RawJson()
  variables?: Record<string, unknown>;

  @ApiPropertyOptional({ ...PAYLOAD_SCHEMA, description: 'Start variables as plain JSON (instead of variables)' })
  @IsOptional()
  @IsObject()
  @RawJson()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Start at this start event instead of the none start event', example: 'OrderPlaced' })
  @IsOptional()
  @IsString()
  startEventId?: string;

  @ApiPropertyOptional({ description: 'Tenant of the model to start (when several tenants deploy the same key)' })
  @IsOptional()
  @IsString()
  tenantId?: string;
}

export class StartProcessModelResponseDto {
  @ApiProperty({ example: 'order-4711' })
  correlationId!: string;

  @ApiProperty()
  processInstanceId!: string;
}
