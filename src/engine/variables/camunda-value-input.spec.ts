import { CamundaValueDto, fromCamundaValue } from './camunda-value-codec';
import { VariableConversionError } from './variable-conversion.error';

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof VariableConversionError)) throw e;
    return { status: e.status, exceptionType: e.exceptionType, message: e.message, prefixable: e.prefixable, code: e.code };
  }
  throw new Error('expected a VariableConversionError');
}

const convert = (dto: CamundaValueDto) => () => fromCamundaValue(dto);

const cannotConvert = (value: string, type: string, javaClass: string) => ({
  status: 400,
  exceptionType: 'InvalidRequestException',
  message: `Cannot convert value '${value}' of type '${type}' to java type ${javaClass}`,
  prefixable: true,
  code: null,
});

const illegalArgument = (message: string) => ({
  status: 500,
  exceptionType: 'IllegalArgumentException',
  message,
  prefixable: false,
  code: null,
});

describe('fromCamundaValue — §2.2 resolving the type', () => {
  it.each([
    ['a string', 'abc', { type: 'String', value: 'abc' }],
    ['a 32-bit integer', 2147483647, { type: 'Integer', value: 2147483647 }],
    ['the smallest 32-bit integer', -2147483648, { type: 'Integer', value: -2147483648 }],
    ['a larger integer', 2147483648, { type: 'Long', value: 2147483648 }],
    ['a fraction', 4.5, { type: 'Double', value: 4.5 }],
    ['a boolean', false, { type: 'Boolean', value: false }],
    ['null', null, { type: 'Null', value: null }],
    ['an object', { a: 1, b: [true] }, { type: 'Json', value: '{"a":1,"b":[true]}' }],
    ['an array', [1, 'x'], { type: 'Json', value: '[1,"x"]' }],
  ])('infers the type of untyped %s', (_label, value, expected) => {
    expect(fromCamundaValue({ value })).toEqual(expected);
    expect(fromCamundaValue({ value, type: null })).toEqual(expected);
  });

  it('treats an absent value as null', () => {
    expect(fromCamundaValue({})).toEqual({ type: 'Null', value: null });
  });

  it('honours transient on untyped values only when it is a JSON boolean', () => {
    expect(fromCamundaValue({ value: 1, valueInfo: { transient: true } })).toEqual({
      type: 'Integer',
      value: 1,
      valueInfo: { transient: true },
    });
    expect(fromCamundaValue({ value: 1, valueInfo: { transient: 'true' } })).toEqual({ type: 'Integer', value: 1 });
  });

  it.each(['String', 'string', 'Json', 'json', 'xml', 'Xml', 'boolean', 'Boolean'])('accepts the type name %s', (type) => {
    const value = type.toLowerCase() === 'boolean' ? true : 'x';
    expect(fromCamundaValue({ value, type }).type).toBe(type[0].toUpperCase() + type.slice(1));
  });

  it.each(['STRING', 'Int', 'JSON', 'XML', 'Float', 'date ', 'constructor', '__proto__'])(
    'rejects %s as an unsupported type (case-sensitive after the first character)',
    (type) => {
      expect(errorOf(convert({ value: 'x', type }))).toEqual({
        status: 400,
        exceptionType: 'RestException',
        message: `Unsupported value type '${type}'`,
        prefixable: true,
        code: null,
      });
    },
  );

  it('reports the abstract Number type as the engine does when storing it', () => {
    expect(errorOf(convert({ value: 5, type: 'Number' }))).toEqual({
      status: 500,
      exceptionType: 'ProcessEngineException',
      message: 'Cannot serialize value of abstract type number',
      prefixable: false,
      code: 0,
    });
    expect(errorOf(convert({ value: 'abc', type: 'number' }))).toEqual(cannotConvert('abc', 'number', 'java.lang.Number'));
  });

  it('fails like Camunda on an empty type name', () => {
    expect(errorOf(convert({ value: 1, type: '' }))).toMatchObject({
      status: 500,
      exceptionType: 'StringIndexOutOfBoundsException',
      prefixable: false,
    });
  });

  it('coerces a scalar type field to text and rejects structured ones like a JSON mapping error', () => {
    expect(errorOf(convert({ value: 1, type: 5 }))).toMatchObject({ message: "Unsupported value type '5'" });
    expect(errorOf(convert({ value: 1, type: { a: 1 } }))).toEqual({
      status: 400,
      exceptionType: 'InvalidRequestException',
      message: '',
      prefixable: false,
      code: null,
    });
    expect(errorOf(convert({ value: 1, valueInfo: 'x' }))).toMatchObject({ status: 400, message: '' });
  });
});

describe('fromCamundaValue — §2.3 primitive types', () => {
  it.each([
    ['String', 5, '5'],
    ['String', 4.5, '4.5'],
    ['String', 1e21, '1.0E21'],
    ['String', true, 'true'],
    ['String', { a: 1, b: 'x' }, '{a=1, b=x}'],
    ['String', [1, 2], '[1, 2]'],
    ['string', '', ''],
  ])('%s accepts %p as %p', (type, value, expected) => {
    expect(fromCamundaValue({ type, value })).toEqual({ type: 'String', value: expected });
  });

  it.each([
    ['Integer', 5, 5],
    ['Integer', '42', 42],
    ['Integer', ' -7 ', -7],
    ['Integer', '+7', 7],
    ['integer', '2147483647', 2147483647],
    ['Short', 32767, 32767],
    ['Short', '-32768', -32768],
    ['Long', 3000000000, 3000000000],
    ['Long', '-9223372036854775808', -9223372036854775808],
    // Long.MAX_VALUE sent as a JSON number reaches JS rounded to 2^63 (the literal is written as JSON.parse sees it).
    ['Long', JSON.parse('9223372036854775807') as number, 2 ** 63],
    ['Double', 4.5, 4.5],
    ['Double', 5, 5],
    ['Double', '1e3', 1000],
    ['Double', '.5', 0.5],
    ['Boolean', true, true],
    ['Boolean', 'false', false],
    ['Boolean', 'TRUE', true],
  ])('%s accepts %p', (type, value, expected) => {
    const tv = fromCamundaValue({ type, value });
    expect(tv.value).toBe(expected);
    expect(tv.type).toBe(type[0].toUpperCase() + type.slice(1));
  });

  it.each([
    ['Integer', '1abc', '1abc', 'java.lang.Integer'],
    ['Integer', 4.5, '4.5', 'java.lang.Integer'],
    ['Integer', 3000000000, '3000000000', 'java.lang.Integer'],
    ['Integer', true, 'true', 'java.lang.Integer'],
    ['integer', '5.0', '5.0', 'java.lang.Integer'],
    ['Short', 32768, '32768', 'java.lang.Short'],
    ['Short', '-32769', '-32769', 'java.lang.Short'],
    ['Long', '9223372036854775808', '9223372036854775808', 'java.lang.Long'],
    ['Long', 1e20, '1.0E20', 'java.lang.Long'],
    ['Long', 2 ** 64, '1.8446744073709552E19', 'java.lang.Long'],
    ['Long', 'x', 'x', 'java.lang.Long'],
    ['Double', 'abc', 'abc', 'java.lang.Double'],
    ['Double', false, 'false', 'java.lang.Double'],
    ['Boolean', 'yes', 'yes', 'java.lang.Boolean'],
    ['Boolean', 1, '1', 'java.lang.Boolean'],
    ['Integer', { a: 1, b: 'x' }, '{a=1, b=x}', 'java.lang.Integer'],
    ['Integer', [1, 2], '[1, 2]', 'java.lang.Integer'],
  ])('%s rejects %p with the Cannot-convert message', (type, value, rendered, javaClass) => {
    expect(errorOf(convert({ type, value }))).toEqual(cannotConvert(rendered, type, javaClass));
  });

  it('gives a null wrapper value for null, empty or "null" input, as Jackson does', () => {
    expect(fromCamundaValue({ type: 'Integer', value: null })).toEqual({ type: 'Integer', value: null });
    expect(fromCamundaValue({ type: 'Long', value: '' })).toEqual({ type: 'Long', value: null });
    expect(fromCamundaValue({ type: 'Boolean', value: 'null' })).toEqual({ type: 'Boolean', value: null });
  });

  it('re-parses the value as a JSON string, so escapes are decoded and stray quotes fail', () => {
    expect(fromCamundaValue({ type: 'Integer', value: '\\u0035' }).value).toBe(5);
    expect(errorOf(convert({ type: 'Integer', value: '5"' }))).toEqual(cannotConvert('5"', 'Integer', 'java.lang.Integer'));
  });

  it('accepts REST-format dates as epoch milliseconds', () => {
    expect(fromCamundaValue({ type: 'Date', value: '2013-01-23T13:42:42.000+0200' })).toEqual({
      type: 'Date',
      value: Date.UTC(2013, 0, 23, 11, 42, 42, 0),
    });
    expect(fromCamundaValue({ type: 'date', value: '2024-01-02T03:04:05.678+0000' }).value).toBe(
      Date.UTC(2024, 0, 2, 3, 4, 5, 678),
    );
  });

  it.each([
    ['2013-01-23T13:42:42+0200', '2013-01-23T13:42:42+0200'],
    ['2024-01-02T03:04:05.678Z', '2024-01-02T03:04:05.678Z'],
    ['2024-01-02T03:04:05.678+02:00', '2024-01-02T03:04:05.678+02:00'],
    [1700000000000, '1700000000000'],
    [true, 'true'],
  ])('rejects the date %p', (value, rendered) => {
    expect(errorOf(convert({ type: 'Date', value }))).toEqual(cannotConvert(rendered, 'Date', 'java.util.Date'));
  });

  it('accepts base64 Bytes and stores canonical base64', () => {
    expect(fromCamundaValue({ type: 'Bytes', value: 'aGVsbG8=' })).toEqual({ type: 'Bytes', value: 'aGVsbG8=' });
    expect(fromCamundaValue({ type: 'bytes', value: ' aGVs bG8= ' }).value).toBe('aGVsbG8=');
  });

  it.each(['aGVsbG8', 'a*==', '!!!!'])('rejects the Bytes value %p with java type [B', (value) => {
    expect(errorOf(convert({ type: 'Bytes', value }))).toEqual(cannotConvert(value, 'Bytes', '[B'));
  });

  it('requires Null values to be null', () => {
    expect(fromCamundaValue({ type: 'Null', value: null })).toEqual({ type: 'Null', value: null });
    expect(errorOf(convert({ type: 'Null', value: 'x' }))).toEqual(
      cannotConvert('x', 'Null', 'javax.lang.model.type.NullType'),
    );
    expect(errorOf(convert({ type: 'null', value: 0 }))).toEqual(
      cannotConvert('0', 'null', 'javax.lang.model.type.NullType'),
    );
  });
});

describe('fromCamundaValue — valueInfo.transient', () => {
  it('marks primitives transient when it is true and ignores false', () => {
    expect(fromCamundaValue({ type: 'String', value: 'a', valueInfo: { transient: true } })).toEqual({
      type: 'String',
      value: 'a',
      valueInfo: { transient: true },
    });
    expect(fromCamundaValue({ type: 'String', value: 'a', valueInfo: { transient: false } })).toEqual({
      type: 'String',
      value: 'a',
    });
  });

  it.each([['true'], [1], [null]])('rejects transient %p on primitives with the Cannot-convert message', (t) => {
    expect(errorOf(convert({ type: 'Integer', value: 5, valueInfo: { transient: t } }))).toEqual(
      cannotConvert('5', 'Integer', 'java.lang.Integer'),
    );
  });

  it.each(['Object', 'Json', 'Xml'])('rejects a non-boolean transient on %s with a 500', (type) => {
    expect(errorOf(convert({ type, value: '{}', valueInfo: { transient: 'yes' } }))).toEqual(
      illegalArgument("The property 'transient' should have a value of type 'boolean'."),
    );
  });

  it('rejects a non-boolean transient on File with a 500', () => {
    expect(errorOf(convert({ type: 'File', value: '', valueInfo: { filename: 'a', transient: 0 } }))).toEqual(
      illegalArgument("The property 'transient' should have a value of type 'boolean'."),
    );
  });
});
