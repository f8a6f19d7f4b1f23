/**
 * Plain JSON ⇄ TypedValue, for the native API's `payload` and for expression contexts.
 */
import { TypedValue } from './typed-value';
import { VariableConversionError } from './variable-conversion.error';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

const invalidPayload = (message: string) =>
  new VariableConversionError({ status: 400, exceptionType: 'InvalidRequestException', message, prefixable: true });

/**
 * Types a plain JSON value as Camunda stores it: string → String, whole number within 32 bits →
 * Integer, other safe whole number → Long, any other number → Double, boolean → Boolean,
 * null → Null, object or array → Json text.
 */
export function fromPlainJson(value: unknown): TypedValue {
  if (value === null || value === undefined) return { type: 'Null', value: null };
  switch (typeof value) {
    case 'string':
      return { type: 'String', value };
    case 'boolean':
      return { type: 'Boolean', value };
    case 'number': {
      if (!Number.isSafeInteger(value)) return { type: 'Double', value };
      const n = value === 0 ? 0 : value;
      return { type: n >= INT32_MIN && n <= INT32_MAX ? 'Integer' : 'Long', value: n };
    }
    case 'object': {
      let text: string;
      try {
        text = JSON.stringify(value);
      } catch (e) {
        throw invalidPayload(`Cannot convert value to JSON: ${(e as Error).message}`);
      }
      return { type: 'Json', value: text };
    }
    default:
      throw invalidPayload(`Unsupported JSON value of type '${typeof value}'`);
  }
}

/** What a File variable looks like to expressions (mirrors the getters Camunda's FileValue offers). */
export interface PlainFileValue {
  readonly filename: string | undefined;
  readonly mimeType: string | undefined;
  readonly encoding: string | undefined;
}

/**
 * The value an expression sees: numbers, strings and booleans as they are; Date → JS Date;
 * Null → null; Json → parsed JSON (the raw text when it does not parse); Xml/Object → their text;
 * Bytes → the base64 text (non-null, so presence checks behave as with Camunda's byte[]);
 * File → its metadata `{ filename, mimeType, encoding }` without content.
 */
export function toPlainValue(tv: TypedValue): unknown {
  switch (tv.type) {
    case 'Null':
      return null;
    case 'Date':
      return typeof tv.value === 'number' ? new Date(tv.value) : null;
    case 'Json':
      if (typeof tv.value !== 'string') return null;
      try {
        return JSON.parse(tv.value) as unknown;
      } catch {
        return tv.value;
      }
    case 'File': {
      const file: PlainFileValue = {
        filename: tv.valueInfo?.filename,
        mimeType: tv.valueInfo?.mimeType,
        encoding: tv.valueInfo?.encoding,
      };
      return Object.freeze(file);
    }
    default:
      return tv.value;
  }
}
