import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A variable in Camunda's typed form, used by both API faces. */
export class TypedValueDto {
  @ApiProperty({ description: 'The value; Date as yyyy-MM-ddTHH:mm:ss.SSS+hhmm, Bytes/File base64, Json/Xml/Object as text', example: 'alice', nullable: true })
  value!: unknown;

  @ApiPropertyOptional({
    description: 'String, Integer, Short, Long, Double, Boolean, Date, Null, Json, Xml, Object, Bytes or File; untyped values are inferred',
    example: 'String',
    nullable: true,
  })
  type?: string | null;

  @ApiPropertyOptional({
    description: 'Type-specific details: objectTypeName and serializationDataFormat (Object), filename, mimeType, encoding (File), transient',
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: {},
  })
  valueInfo?: Record<string, unknown> | null;
}

export const TYPED_VARIABLES_SCHEMA = {
  type: 'object',
  additionalProperties: { $ref: '#/components/schemas/TypedValueDto' },
  example: { customer: { value: 'alice', type: 'String' }, amount: { value: 100, type: 'Integer' } },
} as const;

export const PAYLOAD_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  description: 'Plain JSON variables, typed as Camunda would store them (string → String, whole number → Integer/Long, …)',
  example: { customer: 'alice', amount: 100 },
} as const;
