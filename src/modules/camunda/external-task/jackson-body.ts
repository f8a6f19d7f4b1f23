import { invalidRequest } from '../common/camunda-errors';

/**
 * Reads request bodies the way Jackson binds them onto Camunda's DTOs, so that what Camunda accepts is
 * accepted here and what it refuses is refused alike: a value of the wrong JSON type is a mapping error,
 * which Camunda answers with `400 {"type":"InvalidRequestException","message":"","code":null}`. Scalars
 * are coerced as Jackson coerces them (numbers and booleans to strings, numeric strings to numbers,
 * fractions truncated to integers), a null primitive is its default, unknown properties are ignored.
 */
export type JsonObject = Record<string, unknown>;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function mappingError(): Error {
  return invalidRequest('');
}

/** The body as an object: an absent body (no content type) or `null` is `{}`, anything but an object fails. */
export function bodyObject(body: unknown): JsonObject {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw mappingError();
  return body as JsonObject;
}

export function own(object: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

export function readString(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw mappingError();
}

function integral(value: unknown, min: number, max: number): number | null {
  if (value === undefined || value === null) return null;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value)) n = Number(value);
  else if (typeof value === 'string' && value.trim() === '') return null;
  else throw mappingError();
  if (!Number.isFinite(n)) throw mappingError();
  const truncated = Math.trunc(n);
  if (truncated < min || truncated > max) throw mappingError();
  return truncated;
}

/** Java `int` / `Integer`. */
export function readInt(value: unknown): number | null {
  return integral(value, INT_MIN, INT_MAX);
}

/** Java `long` / `Long` (within what a JavaScript number holds exactly). */
export function readLong(value: unknown): number | null {
  return integral(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
}

/** Java `boolean`: JSON booleans, "true"/"false", and the integers 0 and 1. */
export function readBoolean(value: unknown): boolean | null {
  if (value === undefined || value === null) return null;
  if (value === true || value === 'true' || value === 1) return true;
  if (value === false || value === 'false' || value === 0) return false;
  throw mappingError();
}

/** A `List<String>` / `String[]`: a JSON array of scalars (a single value is not accepted as an array). */
export function readStringList(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw mappingError();
  return value.map((item) => readString(item)).filter((item): item is string => item !== null);
}

/** A map-valued property (variables, processVariables): a JSON object, passed on as it arrived. */
export function readObject(value: unknown): JsonObject | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw mappingError();
  return value as JsonObject;
}

/** A list of nested DTOs: a JSON array of objects (null entries stay null). */
export function readObjectList(value: unknown): (JsonObject | null)[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw mappingError();
  return value.map((item) => readObject(item));
}
