import { assertCamundaVariableMapShape, fromCamundaValue, fromCamundaVariables } from './camunda-value-codec';
import { VariableConversionError } from './variable-conversion.error';

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof VariableConversionError)) throw e;
    return { status: e.status, exceptionType: e.exceptionType, message: e.message, prefixable: e.prefixable };
  }
  throw new Error('expected a VariableConversionError');
}

const illegalArgument = (message: string) => ({
  status: 500,
  exceptionType: 'IllegalArgumentException',
  message,
  prefixable: false,
});

describe('fromCamundaValue — Object, Json and Xml', () => {
  it('keeps the serialized text and the Object valueInfo', () => {
    expect(
      fromCamundaValue({
        type: 'Object',
        value: '{"a":1}',
        valueInfo: { objectTypeName: 'com.example.A', serializationDataFormat: 'application/json', other: 1 },
      }),
    ).toEqual({
      type: 'Object',
      value: '{"a":1}',
      valueInfo: { objectTypeName: 'com.example.A', serializationDataFormat: 'application/json' },
    });
  });

  it.each([
    ['Json', '{"a":1}'],
    ['json', '[1,2]'],
    ['Xml', '<a/>'],
    ['Json', 'not json at all'],
  ])('stores %s text as sent', (type, value) => {
    expect(fromCamundaValue({ type, value })).toEqual({ type: type[0].toUpperCase() + type.slice(1), value });
  });

  it.each(['Object', 'Json', 'Xml', 'json'])('accepts null for %s', (type) => {
    expect(fromCamundaValue({ type, value: null }).value).toBeNull();
  });

  it.each([
    ['Object', { a: 1 }],
    ['Json', { a: 1 }],
    ['Json', 5],
    ['Xml', true],
    ['json', [1]],
  ])('rejects a non-string %s value, naming the type as sent', (type, value) => {
    expect(errorOf(() => fromCamundaValue({ type, value }))).toEqual({
      status: 400,
      exceptionType: 'InvalidRequestException',
      message: `Must provide 'null' or String value for value of SerializableValue type '${type}'.`,
      prefixable: true,
    });
  });

  it('fails like the Java cast on a non-string objectTypeName', () => {
    expect(errorOf(() => fromCamundaValue({ type: 'Object', value: '', valueInfo: { objectTypeName: 5 } }))).toEqual({
      status: 500,
      exceptionType: 'ClassCastException',
      message:
        "class java.lang.Integer cannot be cast to class java.lang.String (java.lang.Integer and java.lang.String are in module java.base of loader 'bootstrap')",
      prefixable: false,
    });
  });
});

describe('fromCamundaValue — File', () => {
  it('decodes leniently and keeps filename, mimeType and encoding', () => {
    expect(
      fromCamundaValue({
        type: 'File',
        value: 'aGVs\nbG8',
        valueInfo: { filename: 'a.txt', mimeType: 'text/plain', encoding: 'UTF-8', mimetype: 'ignored/type' },
      }),
    ).toEqual({
      type: 'File',
      value: 'aGVsbG8=',
      valueInfo: { filename: 'a.txt', mimeType: 'text/plain', encoding: 'UTF-8' },
    });
  });

  it('ignores the lower-case mimetype key the JS worker sends', () => {
    const tv = fromCamundaValue({ type: 'file', value: '', valueInfo: { filename: 'a', mimetype: 'text/plain' } });
    expect(tv).toEqual({ type: 'File', value: '', valueInfo: { filename: 'a' } });
  });

  it('requires valueInfo', () => {
    expect(errorOf(() => fromCamundaValue({ type: 'File', value: 'aGk=' }))).toEqual(
      illegalArgument('Cannot create file without valueInfo.'),
    );
  });

  it.each([[{}], [{ filename: null }], [{ mimeType: 'text/plain' }]])('requires a filename in %p', (valueInfo) => {
    expect(errorOf(() => fromCamundaValue({ type: 'File', value: 'aGk=', valueInfo }))).toEqual(
      illegalArgument('Cannot create file without filename! Please set a name into ValueInfo with key filename'),
    );
  });

  it('requires a string value', () => {
    expect(errorOf(() => fromCamundaValue({ type: 'File', value: null, valueInfo: { filename: 'a' } }))).toEqual(
      illegalArgument('Provided value is not of File, InputStream or byte[] type.'),
    );
  });

  it('rejects an explicit null mimeType or encoding', () => {
    expect(
      errorOf(() => fromCamundaValue({ type: 'File', value: '', valueInfo: { filename: 'a', mimeType: null } })),
    ).toEqual(illegalArgument("The provided mime type is null. Set a non-null value info property with key 'filename'"));
    expect(
      errorOf(() => fromCamundaValue({ type: 'File', value: '', valueInfo: { filename: 'a', encoding: null } })),
    ).toEqual(illegalArgument("The provided encoding is null. Set a non-null value info property with key 'encoding'"));
  });

  it('marks a File transient', () => {
    const tv = fromCamundaValue({ type: 'File', value: '', valueInfo: { filename: 'a', transient: true } });
    expect(tv.valueInfo).toEqual({ filename: 'a', transient: true });
  });
});

describe('fromCamundaVariables', () => {
  it('converts every entry in key order', () => {
    const result = fromCamundaVariables({
      z: { value: 'x', type: 'String' },
      b: { value: 5 },
      a: { value: true, type: 'boolean' },
    });
    expect(Object.keys(result)).toEqual(['z', 'b', 'a']);
    expect(result.b).toEqual({ type: 'Integer', value: 5 });
    expect(result.a).toEqual({ type: 'Boolean', value: true });
  });

  it('parses __proto__ from JSON as an ordinary variable', () => {
    const result = fromCamundaVariables(JSON.parse('{"__proto__":{"value":"p","type":"String"}}'));
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({ type: 'String', value: 'p' });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('treats an absent map as empty', () => {
    expect(fromCamundaVariables(null)).toEqual({});
    expect(fromCamundaVariables(undefined)).toEqual({});
  });

  it('throws the first conversion error', () => {
    expect(
      errorOf(() =>
        fromCamundaVariables({ a: { value: '1', type: 'Integer' }, b: { value: 'x', type: 'Long' }, c: { type: 'Foo' } }),
      ),
    ).toMatchObject({ message: "Cannot convert value 'x' of type 'Long' to java type java.lang.Long" });
  });

  it('reports a malformed map like a JSON mapping error, before converting any value', () => {
    const mappingError = { status: 400, exceptionType: 'InvalidRequestException', message: '', prefixable: false };
    expect(errorOf(() => fromCamundaVariables([1]))).toEqual(mappingError);
    expect(errorOf(() => fromCamundaVariables('x'))).toEqual(mappingError);
    expect(errorOf(() => fromCamundaVariables({ a: { type: 'Foo' }, b: 5 }))).toEqual(mappingError);
    expect(errorOf(() => assertCamundaVariableMapShape({ a: { valueInfo: [] } }))).toEqual(mappingError);
    expect(() => assertCamundaVariableMapShape({ a: { type: 'Foo' }, b: null })).not.toThrow();
  });

  it('fails with a 500 on a null entry, as Camunda dereferences it', () => {
    expect(errorOf(() => fromCamundaVariables({ a: null }))).toMatchObject({
      status: 500,
      exceptionType: 'NullPointerException',
      prefixable: false,
    });
  });
});
