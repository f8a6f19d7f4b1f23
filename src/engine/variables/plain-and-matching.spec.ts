import { fromPlainJson, toPlainValue } from './plain-value';
import { assertQueryable, matchesQueryValue, typedValuesEqual } from './value-matching';
import { TypedValue } from './typed-value';
import { VariableConversionError } from './variable-conversion.error';

describe('fromPlainJson', () => {
  it.each<[unknown, TypedValue]>([
    ['s', { type: 'String', value: 's' }],
    [2147483647, { type: 'Integer', value: 2147483647 }],
    [-2147483648, { type: 'Integer', value: -2147483648 }],
    [2147483648, { type: 'Long', value: 2147483648 }],
    [Number.MAX_SAFE_INTEGER, { type: 'Long', value: Number.MAX_SAFE_INTEGER }],
    [2 ** 60, { type: 'Double', value: 2 ** 60 }],
    [1.5, { type: 'Double', value: 1.5 }],
    [true, { type: 'Boolean', value: true }],
    [null, { type: 'Null', value: null }],
    [{ a: [1, { b: null }] }, { type: 'Json', value: '{"a":[1,{"b":null}]}' }],
    [[], { type: 'Json', value: '[]' }],
  ])('types %p', (value, expected) => {
    expect(fromPlainJson(value)).toEqual(expected);
  });

  it('normalises -0 to Integer 0', () => {
    expect(Object.is(fromPlainJson(-0).value, 0)).toBe(true);
  });

  it('rejects values that are not JSON', () => {
    expect(() => fromPlainJson(10n)).toThrow(VariableConversionError);
    expect(() => fromPlainJson({ a: 10n })).toThrow(VariableConversionError);
  });
});

describe('toPlainValue', () => {
  it.each<[TypedValue, unknown]>([
    [{ type: 'String', value: 'a' }, 'a'],
    [{ type: 'Integer', value: 5 }, 5],
    [{ type: 'Long', value: 3000000000 }, 3000000000],
    [{ type: 'Double', value: 0.5 }, 0.5],
    [{ type: 'Boolean', value: false }, false],
    [{ type: 'Null', value: null }, null],
    [{ type: 'Json', value: '{"a":[1]}' }, { a: [1] }],
    [{ type: 'Json', value: '{broken' }, '{broken'],
    [{ type: 'Json', value: null }, null],
    [{ type: 'Xml', value: '<a/>' }, '<a/>'],
    [{ type: 'Object', value: 'rO0=', valueInfo: { objectTypeName: 'x' } }, 'rO0='],
    [{ type: 'Bytes', value: 'aGk=' }, 'aGk='],
    [{ type: 'File', value: 'aGk=', valueInfo: { filename: 'f.txt', mimeType: 'text/plain' } }, { filename: 'f.txt', mimeType: 'text/plain', encoding: undefined }],
  ])('maps %p', (tv, expected) => {
    expect(toPlainValue(tv)).toEqual(expected);
  });

  it('turns dates into JS Dates', () => {
    const plain = toPlainValue({ type: 'Date', value: 86_400_000 });
    expect(plain).toBeInstanceOf(Date);
    expect((plain as Date).getTime()).toBe(86_400_000);
  });
});

describe('assertQueryable — §2.7', () => {
  const engineError = (message: string) => ({
    status: 500,
    exceptionType: 'ProcessEngineException',
    message,
    prefixable: false,
    code: 0,
  });
  const errorOf = (tv: TypedValue) => {
    try {
      assertQueryable('v', tv);
    } catch (e) {
      const err = e as VariableConversionError;
      return { status: err.status, exceptionType: err.exceptionType, message: err.message, prefixable: err.prefixable, code: err.code };
    }
    return undefined;
  };

  it.each<[TypedValue, string]>([
    [{ type: 'Bytes', value: 'aGk=' }, 'Variables of type ByteArray cannot be used to query'],
    [{ type: 'File', value: '', valueInfo: { filename: 'f' } }, 'Variables of type File cannot be used to query'],
    [{ type: 'Object', value: '', valueInfo: {} }, 'Object values cannot be used to query'],
    [{ type: 'Json', value: '{}' }, 'Object values cannot be used to query'],
    [{ type: 'Xml', value: '<a/>' }, 'Object values cannot be used to query'],
  ])('rejects %p', (tv, message) => {
    expect(errorOf(tv)).toEqual(engineError(message));
  });

  it.each<TypedValue>([
    { type: 'String', value: 'a' },
    { type: 'Integer', value: 1 },
    { type: 'Short', value: 1 },
    { type: 'Long', value: 1 },
    { type: 'Double', value: 1 },
    { type: 'Boolean', value: true },
    { type: 'Date', value: 0 },
    { type: 'Null', value: null },
  ])('accepts %p', (tv) => {
    expect(errorOf(tv)).toBeUndefined();
  });
});

describe('typedValuesEqual and matchesQueryValue', () => {
  const int5: TypedValue = { type: 'Integer', value: 5 };

  it('is type-exact', () => {
    expect(typedValuesEqual(int5, { type: 'Integer', value: 5 })).toBe(true);
    expect(typedValuesEqual(int5, { type: 'Long', value: 5 })).toBe(false);
    expect(typedValuesEqual(int5, { type: 'Short', value: 5 })).toBe(false);
    expect(typedValuesEqual(int5, { type: 'Double', value: 5 })).toBe(false);
    expect(typedValuesEqual(int5, { type: 'String', value: '5' })).toBe(false);
    expect(typedValuesEqual(int5, { type: 'Integer', value: 6 })).toBe(false);
  });

  it('compares dates by epoch milliseconds and ignores transient', () => {
    expect(typedValuesEqual({ type: 'Date', value: 1000 }, { type: 'Date', value: 1000, valueInfo: { transient: true } })).toBe(true);
    expect(typedValuesEqual({ type: 'Date', value: 1000 }, { type: 'Date', value: 1001 })).toBe(false);
  });

  it('compares Object and File metadata', () => {
    const a: TypedValue = { type: 'Object', value: 'x', valueInfo: { objectTypeName: 'A' } };
    expect(typedValuesEqual(a, { type: 'Object', value: 'x', valueInfo: { objectTypeName: 'A' } })).toBe(true);
    expect(typedValuesEqual(a, { type: 'Object', value: 'x', valueInfo: { objectTypeName: 'B' } })).toBe(false);
    const f: TypedValue = { type: 'File', value: 'aGk=', valueInfo: { filename: 'a' } };
    expect(typedValuesEqual(f, { type: 'File', value: 'aGk=', valueInfo: { filename: 'b' } })).toBe(false);
  });

  it('matches criteria type-exactly, except that a Null criterion matches any null value', () => {
    expect(matchesQueryValue(int5, { type: 'Integer', value: 5 })).toBe(true);
    expect(matchesQueryValue(int5, { type: 'Long', value: 5 })).toBe(false);
    expect(matchesQueryValue({ type: 'String', value: '5' }, int5)).toBe(false);
    expect(matchesQueryValue({ type: 'Null', value: null }, { type: 'Null', value: null })).toBe(true);
    expect(matchesQueryValue({ type: 'Null', value: null }, { type: 'Integer', value: null })).toBe(true);
    expect(matchesQueryValue({ type: 'Null', value: null }, { type: 'String', value: '' })).toBe(false);
    expect(matchesQueryValue({ type: 'Integer', value: null }, { type: 'Null', value: null })).toBe(false);
    expect(matchesQueryValue({ type: 'Double', value: NaN }, { type: 'Double', value: NaN })).toBe(true);
  });
});
