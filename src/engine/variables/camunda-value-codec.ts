/**
 * Converts between Camunda 7 REST variable value objects `{value, type, valueInfo}` (§2) and TypedValue.
 * Follows `VariableValueDto#toTypedValue`/`#fromTypedValue` and Camunda's value type implementations.
 */
import { decodeBase64Lenient, encodeBase64 } from './base64';
import { formatCamundaDate } from './camunda-date';
import { isJavaIntegral, javaClassOf, javaToString } from './java-text';
import { coercePrimitive, INVALID, JAVA_CLASS, PrimitiveName, Scalar } from './primitive-coercion';
import { TypedValue, ValueInfo, ValueType } from './typed-value';
import { VariableConversionError } from './variable-conversion.error';

export { formatCamundaDate, parseCamundaDate } from './camunda-date';
export { fromPlainJson, toPlainValue } from './plain-value';
export { assertQueryable, matchesQueryValue, typedValuesEqual } from './value-matching';

export interface CamundaValueDto {
  value?: unknown;
  type?: unknown;
  valueInfo?: unknown;
}

export interface CamundaValueOutput {
  value: unknown;
  type: string;
  valueInfo: Record<string, unknown>;
}

type ResolvedType = ValueType | 'Number';

/** Camunda's engine type names (Spin's json/xml included); looked up after lower-casing the first character only. */
const TYPES_BY_ENGINE_NAME = new Map<string, ResolvedType>([
  ['boolean', 'Boolean'], ['bytes', 'Bytes'], ['date', 'Date'], ['double', 'Double'],
  ['integer', 'Integer'], ['long', 'Long'], ['null', 'Null'], ['short', 'Short'],
  ['string', 'String'], ['object', 'Object'], ['number', 'Number'], ['file', 'File'],
  ['json', 'Json'], ['xml', 'Xml'],
]);

const TRANSIENT_MESSAGE = "The property 'transient' should have a value of type 'boolean'.";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * Throws the 400 empty-message mapping error when Jackson could not even bind this variable map
 * (§1.2). Camunda binds the whole request body before converting any value, so endpoints with several
 * maps should check all of them before converting the first.
 */
export function assertCamundaVariableMapShape(map: unknown): void {
  if (map === null || map === undefined) return;
  if (!isRecord(map)) throw VariableConversionError.requestBodyMapping();
  for (const dto of Object.values(map)) {
    if (dto === null || dto === undefined) continue;
    if (!isRecord(dto)) throw VariableConversionError.requestBodyMapping();
    readTypeField(dto.type);
    readValueInfoField(dto.valueInfo);
  }
}

/** Converts a variable map in key order; null/undefined is an absent map. */
export function fromCamundaVariables(map: unknown): Record<string, TypedValue> {
  assertCamundaVariableMapShape(map);
  const result: Record<string, TypedValue> = {};
  if (!isRecord(map)) return result;
  for (const [name, dto] of Object.entries(map)) {
    if (dto === null || dto === undefined) {
      // Camunda dereferences the null map entry without a check.
      throw VariableConversionError.javaRuntime(
        'NullPointerException',
        'Cannot invoke "org.camunda.bpm.engine.rest.dto.VariableValueDto.toTypedValue(org.camunda.bpm.engine.ProcessEngine, ' +
          'com.fasterxml.jackson.databind.ObjectMapper)" because the return value of "java.util.Map$Entry.getValue()" is null',
      );
    }
    // defineProperty, so that a variable named "__proto__" stays an ordinary entry.
    Object.defineProperty(result, name, { value: fromCamundaValue(dto as CamundaValueDto), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

export function fromCamundaValue(dto: CamundaValueDto): TypedValue {
  if (!isRecord(dto)) throw VariableConversionError.requestBodyMapping();
  const typeAsSent = readTypeField(dto.type);
  const valueInfo = readValueInfoField(dto.valueInfo);
  const value = dto.value === undefined ? null : dto.value;

  if (typeAsSent === null) return inferUntyped(value, valueInfo);
  if (typeAsSent === '') {
    // Camunda's fromRestApiTypeName calls "".substring(0, 1).
    throw VariableConversionError.javaRuntime('StringIndexOutOfBoundsException', 'begin 0, end 1, length 0');
  }
  const type = TYPES_BY_ENGINE_NAME.get(typeAsSent[0].toLowerCase() + typeAsSent.slice(1));
  if (type === undefined) throw VariableConversionError.unsupportedType(typeAsSent);

  switch (type) {
    case 'Object':
    case 'Json':
    case 'Xml':
      return serializableValue(type, typeAsSent, value, valueInfo);
    case 'File':
      return fileValue(value, valueInfo);
    default:
      return primitiveValue(type, typeAsSent, value, valueInfo);
  }
}

export function toCamundaValue(tv: TypedValue): CamundaValueOutput {
  const info = tv.valueInfo ?? {};
  const valueInfo: Record<string, unknown> = {};
  let value: unknown = tv.value;
  switch (tv.type) {
    case 'Object':
      if (info.objectTypeName !== undefined) valueInfo.objectTypeName = info.objectTypeName;
      if (info.serializationDataFormat !== undefined) valueInfo.serializationDataFormat = info.serializationDataFormat;
      break;
    case 'File':
      valueInfo.filename = info.filename;
      if (info.mimeType !== undefined) valueInfo.mimeType = info.mimeType;
      if (info.encoding !== undefined) valueInfo.encoding = info.encoding;
      value = null;
      break;
    case 'Date':
      value = typeof tv.value === 'number' ? formatCamundaDate(tv.value) : null;
      break;
    case 'Double':
      // Jackson writes non-finite doubles as strings (WRITE_NAN_AS_STRINGS).
      if (typeof tv.value === 'number' && !Number.isFinite(tv.value)) value = String(tv.value);
      break;
    case 'Null':
      value = null;
      break;
    default:
      break;
  }
  if (info.transient === true) valueInfo.transient = true;
  return { value, type: tv.type, valueInfo };
}

function readTypeField(type: unknown): string | null {
  if (type === null || type === undefined) return null;
  if (typeof type === 'string') return type;
  // Jackson coerces scalar tokens into a String field, but not objects or arrays.
  if (typeof type === 'number' || typeof type === 'boolean') return String(type);
  throw VariableConversionError.requestBodyMapping();
}

function readValueInfoField(valueInfo: unknown): Record<string, unknown> | null {
  if (valueInfo === null || valueInfo === undefined) return null;
  if (isRecord(valueInfo)) return valueInfo;
  throw VariableConversionError.requestBodyMapping();
}

/** AbstractValueTypeImpl#isTransient: a present key must hold a JSON boolean (null included). */
function readTransient(valueInfo: Record<string, unknown> | null): boolean | typeof INVALID {
  if (valueInfo === null || !hasOwn(valueInfo, 'transient')) return false;
  const t = valueInfo.transient;
  return typeof t === 'boolean' ? t : INVALID;
}

function typed(type: ValueType, value: Scalar, valueInfo: ValueInfo, isTransient: boolean, keepEmptyInfo = false): TypedValue {
  const info: ValueInfo = isTransient ? { ...valueInfo, transient: true } : valueInfo;
  return Object.keys(info).length > 0 || keepEmptyInfo ? { type, value, valueInfo: info } : { type, value };
}

function inferUntyped(value: unknown, valueInfo: Record<string, unknown> | null): TypedValue {
  const t = valueInfo?.transient;
  const isTransient = typeof t === 'boolean' ? t : false;
  if (value === null) return typed('Null', null, {}, isTransient);
  if (typeof value === 'string') return typed('String', value, {}, isTransient);
  if (typeof value === 'boolean') return typed('Boolean', value, {}, isTransient);
  if (typeof value === 'number') {
    if (!isJavaIntegral(value)) return typed('Double', value, {}, isTransient);
    const n = value === 0 ? 0 : value;
    return typed(n >= -(2 ** 31) && n < 2 ** 31 ? 'Integer' : 'Long', n, {}, isTransient);
  }
  if (typeof value === 'object') return typed('Json', JSON.stringify(value), {}, isTransient);
  throw VariableConversionError.requestBodyMapping();
}

function primitiveValue(
  type: PrimitiveName,
  typeAsSent: string,
  value: unknown,
  valueInfo: Record<string, unknown> | null,
): TypedValue {
  const cannotConvert = () => VariableConversionError.cannotConvert(javaToString(value), typeAsSent, JAVA_CLASS[type]);
  const converted = value === null ? null : coercePrimitive(type, value);
  if (converted === INVALID) throw cannotConvert();
  // isTransient runs inside the same try block as the conversion, hence the same message.
  const isTransient = readTransient(valueInfo);
  if (isTransient === INVALID) throw cannotConvert();
  if (type === 'Number') {
    // Number converts, but the engine refuses to store or query a value of the abstract type.
    throw VariableConversionError.processEngine('Cannot serialize value of abstract type number');
  }
  return typed(type, type === 'Null' ? null : converted, {}, isTransient);
}

function serializableValue(
  type: 'Object' | 'Json' | 'Xml',
  typeAsSent: string,
  value: unknown,
  valueInfo: Record<string, unknown> | null,
): TypedValue {
  if (value !== null && typeof value !== 'string') throw VariableConversionError.serializedValueRequired(typeAsSent);
  const info: ValueInfo = {};
  let isTransient = false;
  if (valueInfo !== null) {
    if (type === 'Object') {
      const objectTypeName = castToString(valueInfo.objectTypeName);
      const serializationDataFormat = castToString(valueInfo.serializationDataFormat);
      if (objectTypeName !== null) info.objectTypeName = objectTypeName;
      if (serializationDataFormat !== null) info.serializationDataFormat = serializationDataFormat;
    }
    const t = readTransient(valueInfo);
    if (t === INVALID) throw VariableConversionError.javaRuntime('IllegalArgumentException', TRANSIENT_MESSAGE);
    isTransient = t;
  }
  return typed(type, value, info, isTransient, type === 'Object');
}

/** ObjectTypeImpl casts valueInfo entries with `(String)`. */
function castToString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  const from = javaClassOf(v);
  throw VariableConversionError.javaRuntime(
    'ClassCastException',
    `class ${from} cannot be cast to class java.lang.String (${from} and java.lang.String are in module java.base of loader 'bootstrap')`,
  );
}

/** FileValueTypeImpl#createValue, after VariableValueDto decoded a string value with commons-codec. */
function fileValue(value: unknown, valueInfo: Record<string, unknown> | null): TypedValue {
  const illegal = (message: string) => VariableConversionError.javaRuntime('IllegalArgumentException', message);
  if (valueInfo === null) throw illegal('Cannot create file without valueInfo.');
  const filename = valueInfo.filename;
  if (filename === null || filename === undefined) {
    throw illegal('Cannot create file without filename! Please set a name into ValueInfo with key filename');
  }
  if (typeof value !== 'string') throw illegal('Provided value is not of File, InputStream or byte[] type.');
  const info: ValueInfo = { filename: javaToString(filename) };
  if (hasOwn(valueInfo, 'mimeType')) {
    if (valueInfo.mimeType === null) {
      // Camunda's message names the wrong key; kept verbatim.
      throw illegal("The provided mime type is null. Set a non-null value info property with key 'filename'");
    }
    info.mimeType = javaToString(valueInfo.mimeType);
  }
  if (hasOwn(valueInfo, 'encoding')) {
    if (valueInfo.encoding === null) {
      throw illegal("The provided encoding is null. Set a non-null value info property with key 'encoding'");
    }
    info.encoding = javaToString(valueInfo.encoding);
  }
  const isTransient = readTransient(valueInfo);
  if (isTransient === INVALID) throw illegal(TRANSIENT_MESSAGE);
  return typed('File', encodeBase64(decodeBase64Lenient(value)), info, isTransient, true);
}
