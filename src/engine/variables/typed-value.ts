/**
 * Camunda 7's value types, by their REST names (first letter upper-case).
 * `Number` is a recognised but abstract Camunda type and is deliberately absent.
 */
export const VALUE_TYPES = [
  'String',
  'Integer',
  'Short',
  'Long',
  'Double',
  'Boolean',
  'Date',
  'Null',
  'Json',
  'Xml',
  'Object',
  'Bytes',
  'File',
] as const;

export type ValueType = (typeof VALUE_TYPES)[number];

export interface ValueInfo {
  /** Object: the serialized object's type name. */
  objectTypeName?: string;
  /** Object: e.g. application/json, application/xml, application/x-java-serialized-object. */
  serializationDataFormat?: string;
  /** File: the file name used for downloads. */
  filename?: string;
  /** File: MIME type (Camunda reads the camelCase key `mimeType`). */
  mimeType?: string;
  /** File: character encoding of the content. */
  encoding?: string;
  /** Transient variables are passed to the engine but never stored. */
  transient?: boolean;
}

/**
 * A variable value inside the engine. The representation of `value` per type:
 * - String, Json, Xml, Object: string (serialized text for Json/Xml/Object), or null for the latter three
 * - Integer, Short, Long, Double: number
 * - Boolean: boolean
 * - Date: epoch milliseconds (number)
 * - Null: null
 * - Bytes, File: base64 text of the content (File may be null)
 */
export interface TypedValue {
  readonly type: ValueType;
  readonly value: string | number | boolean | null;
  readonly valueInfo?: ValueInfo;
}

/** Types that may be used as correlation criteria or variable query values (Camunda §2.7). */
export const QUERYABLE_TYPES: ReadonlySet<ValueType> = new Set<ValueType>([
  'String',
  'Integer',
  'Short',
  'Long',
  'Double',
  'Boolean',
  'Date',
  'Null',
]);
