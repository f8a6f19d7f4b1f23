import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

import { TYPED_VARIABLES_SCHEMA } from '../../../common/dto/typed-value.dto';
import { PageQueryDto } from '../../correlations/dto/instance.dto';

export class BufferedMessageDto {
  @ApiProperty()
  messageId!: string;

  @ApiProperty({ example: 'PaymentReceived' })
  messageName!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  businessKey!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  processInstanceId!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty()
  withoutTenantId!: boolean;

  @ApiProperty({ ...TYPED_VARIABLES_SCHEMA })
  correlationKeys!: Record<string, unknown>;

  @ApiProperty({ ...TYPED_VARIABLES_SCHEMA })
  localCorrelationKeys!: Record<string, unknown>;

  @ApiProperty({ ...TYPED_VARIABLES_SCHEMA, description: 'The variables the message will deliver' })
  processVariables!: Record<string, unknown>;

  @ApiProperty({ description: 'May start an instance of a model deployed before it expires' })
  mayStartInstance!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class BufferedMessagePageDto {
  @ApiProperty({ type: [BufferedMessageDto] })
  items!: BufferedMessageDto[];

  @ApiProperty()
  total!: number;
}

export class BufferedMessageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'PaymentReceived' })
  @IsOptional()
  @IsString()
  messageName?: string;
}
