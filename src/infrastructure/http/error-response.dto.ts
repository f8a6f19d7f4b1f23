import { ApiProperty } from '@nestjs/swagger';

/** The body of every error the native API answers with. */
export class ErrorResponseDto {
  @ApiProperty({ description: 'The class of error', example: 'NotFoundError' })
  type!: string;

  @ApiProperty({ description: 'What went wrong, for people', example: "No process model with key 'order-process'" })
  message!: string;

  @ApiProperty({ description: 'Stable machine-readable code', example: 'MODEL_NOT_FOUND' })
  code!: string;
}

/** The body of every error the Camunda-compatible API answers with (Camunda's ExceptionDto). */
export class CamundaErrorDto {
  @ApiProperty({ description: 'Simple class name of the Java exception Camunda would report', example: 'InvalidRequestException' })
  type!: string;

  @ApiProperty({ example: 'No message name supplied' })
  message!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Engine error code (0 for generic engine errors) or null', example: null })
  code!: number | null;
}
