import { fromCamundaValue, toCamundaValue } from './camunda-value-codec';
import { formatCamundaDate } from './camunda-date';
import { TypedValue } from './typed-value';

describe('toCamundaValue — §2.5 output form', () => {
  it.each<[TypedValue, unknown]>([
    [{ type: 'String', value: 'a' }, 'a'],
    [{ type: 'Integer', value: 5 }, 5],
    [{ type: 'Short', value: -3 }, -3],
    [{ type: 'Long', value: 3000000000 }, 3000000000],
    [{ type: 'Double', value: 4.5 }, 4.5],
    [{ type: 'Boolean', value: false }, false],
    [{ type: 'Integer', value: null }, null],
  ])('emits %p with an empty valueInfo', (tv, value) => {
    expect(toCamundaValue(tv)).toEqual({ value, type: tv.type, valueInfo: {} });
  });

  it('emits Null as null', () => {
    expect(toCamundaValue({ type: 'Null', value: null })).toEqual({ value: null, type: 'Null', valueInfo: {} });
  });

  it('formats dates in the local zone with a numeric offset and milliseconds', () => {
    const ms = Date.UTC(2013, 0, 23, 11, 42, 42, 7);
    const out = toCamundaValue({ type: 'Date', value: ms });
    expect(out.value).toBe(formatCamundaDate(ms));
    expect(out.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/);
    expect(out.valueInfo).toEqual({});
  });

  it('writes non-finite doubles as strings, like Jackson', () => {
    expect(toCamundaValue({ type: 'Double', value: NaN }).value).toBe('NaN');
    expect(toCamundaValue({ type: 'Double', value: -Infinity }).value).toBe('-Infinity');
  });

  it('emits Bytes as base64', () => {
    expect(toCamundaValue({ type: 'Bytes', value: 'aGk=' })).toEqual({ value: 'aGk=', type: 'Bytes', valueInfo: {} });
  });

  it('omits File content and lists filename, mimeType and encoding when set', () => {
    expect(
      toCamundaValue({
        type: 'File',
        value: 'aGk=',
        valueInfo: { filename: 'a.txt', mimeType: 'text/plain', encoding: 'UTF-8' },
      }),
    ).toEqual({ value: null, type: 'File', valueInfo: { filename: 'a.txt', mimeType: 'text/plain', encoding: 'UTF-8' } });
    expect(toCamundaValue({ type: 'File', value: 'aGk=', valueInfo: { filename: 'b' } }).valueInfo).toEqual({
      filename: 'b',
    });
  });

  it('emits Json and Xml as stored text with an empty valueInfo', () => {
    expect(toCamundaValue({ type: 'Json', value: '{"a":1}' })).toEqual({ value: '{"a":1}', type: 'Json', valueInfo: {} });
    expect(toCamundaValue({ type: 'Xml', value: '<a/>' })).toEqual({ value: '<a/>', type: 'Xml', valueInfo: {} });
  });

  it('emits Object text with objectTypeName and serializationDataFormat', () => {
    expect(
      toCamundaValue({
        type: 'Object',
        value: 'rO0=',
        valueInfo: { objectTypeName: 'java.util.ArrayList', serializationDataFormat: 'application/x-java-serialized-object' },
      }),
    ).toEqual({
      value: 'rO0=',
      type: 'Object',
      valueInfo: { objectTypeName: 'java.util.ArrayList', serializationDataFormat: 'application/x-java-serialized-object' },
    });
  });

  it('adds transient: true only for transient values', () => {
    expect(toCamundaValue({ type: 'Integer', value: 1, valueInfo: { transient: true } }).valueInfo).toEqual({
      transient: true,
    });
    expect(toCamundaValue({ type: 'Integer', value: 1, valueInfo: { transient: false } }).valueInfo).toEqual({});
    expect(
      toCamundaValue({ type: 'File', value: '', valueInfo: { filename: 'f', transient: true } }).valueInfo,
    ).toEqual({ filename: 'f', transient: true });
  });

  it('round-trips what the JS worker sends', () => {
    const sent = {
      s: { type: 'string', value: 'x', valueInfo: {} },
      i: { type: 'integer', value: 7, valueInfo: {} },
      l: { type: 'long', value: 3000000000, valueInfo: {} },
      d: { type: 'double', value: 0.25, valueInfo: {} },
      b: { type: 'boolean', value: true, valueInfo: { transient: true } },
      j: { type: 'json', value: '{"k":[1]}', valueInfo: {} },
      n: { type: 'null', value: null, valueInfo: {} },
    };
    const back = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, toCamundaValue(fromCamundaValue(v))]));
    expect(back).toEqual({
      s: { type: 'String', value: 'x', valueInfo: {} },
      i: { type: 'Integer', value: 7, valueInfo: {} },
      l: { type: 'Long', value: 3000000000, valueInfo: {} },
      d: { type: 'Double', value: 0.25, valueInfo: {} },
      b: { type: 'Boolean', value: true, valueInfo: { transient: true } },
      j: { type: 'Json', value: '{"k":[1]}', valueInfo: {} },
      n: { type: 'Null', value: null, valueInfo: {} },
    });
  });

  it('round-trips a worker date to the same instant', () => {
    const tv = fromCamundaValue({ type: 'date', value: '2024-01-02T03:04:05.678+0000' });
    expect(new Date(toCamundaValue(tv).value as string).toISOString()).toBe('2024-01-02T03:04:05.678Z');
  });
});
