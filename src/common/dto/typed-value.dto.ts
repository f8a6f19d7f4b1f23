import { ApiProperty, ApiPropertyOptional, SchemaObject } from '@nestjs/swagger';

/**
 * Any JSON value, null included. Spelled out because reflection types an `unknown` property as `object`, which
 * schema validators and generated clients then read as "an object without properties". OpenAPI 3.0 has no null
 * type and refuses `nullable` without a `type`, so null rides on the string branch.
 */
export const ANY_JSON_VALUE_SCHEMA: { oneOf: SchemaObject[] } = {
  oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'object', additionalProperties: true }, { type: 'array', items: {} }],
};

/** A variable in Camunda's typed form, used by both API faces. */
export class TypedValueDto {
  @ApiProperty({
    ...ANY_JSON_VALUE_SCHEMA,
    description: 'The value; Date as yyyy-MM-ddTHH:mm:ss.SSS+hhmm, Bytes/File base64, Json/Xml/Object as text',
    example: 'alice',
  })
  value!: unknown;

  @ApiPropertyOptional({
    type: String,
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
