import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';

import { ProcessModelSummaryDto } from './deploy-model.dto';

export class StartEventDto {
  @ApiProperty({ example: 'OrderPlaced' })
  id!: string;

  @ApiProperty({ enum: ['none', 'message'] })
  kind!: 'none' | 'message';

  @ApiPropertyOptional({ example: 'OrderPlaced' })
  messageName?: string;
}

export class ModelMessageDto {
  @ApiProperty({ description: 'The element that waits for the message', example: 'PaymentReceived' })
  elementId!: string;

  @ApiProperty({ example: 'intermediateCatchEvent' })
  elementType!: string;

  @ApiProperty({ example: 'PaymentReceived' })
  messageName!: string;

  @ApiPropertyOptional({ description: 'For boundary events and event-subprocess starts' })
  interrupting?: boolean;
}

export class ProcessModelDetailDto extends ProcessModelSummaryDto {
  @ApiProperty({ type: [StartEventDto] })
  startEvents!: StartEventDto[];

  @ApiProperty({ type: [ModelMessageDto], description: 'Messages instances of this model wait for' })
  messages!: ModelMessageDto[];
}

export class ModelQueryDto {
  @ApiPropertyOptional({ description: 'Only models of this tenant' })
  @IsOptional()
  @IsString()
  tenantId?: string;
}

export class ModelVersionQueryDto extends ModelQueryDto {
  @ApiPropertyOptional({ description: 'A specific version instead of the latest' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
