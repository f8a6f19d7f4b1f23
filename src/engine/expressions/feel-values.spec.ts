import { evaluate } from 'feelin';
import { resultTypeName, toPlainResult } from './feel-values';

const feel = (expression: string) => evaluate(expression).value;

describe('resultTypeName', () => {
  it.each([
    ['null', 'NULL'],
    ['true', 'BOOLEAN'],
    ['1.5', 'NUMBER'],
    ['"x"', 'STRING'],
    ['[1]', 'ARRAY'],
    ['{a: 1}', 'OBJECT'],
    ['date("2020-01-01")', 'DATE'],
    ['date and time("2020-01-01T10:00:00Z")', 'DATE_TIME'],
    ['date and time("2020-01-01T10:00:00")', 'LOCAL_DATE_TIME'],
    ['time("10:00:00Z")', 'TIME'],
    ['time("10:00:00")', 'LOCAL_TIME'],
    ['duration("PT1H")', 'DURATION'],
    ['duration("P1Y")', 'PERIOD'],
    ['[1..2]', 'RANGE'],
    ['function(x) x', 'FUNCTION'],
  ])('%s is %s', (expression, type) => expect(resultTypeName(feel(expression))).toBe(type));
});

describe('toPlainResult', () => {
  it('turns zoned date-times into Dates, also inside lists and objects', () => {
    expect(toPlainResult(feel('{at: [date and time("2020-01-01T10:00:00@Europe/Paris")]}'))).toEqual({
      at: [new Date('2020-01-01T09:00:00Z')],
    });
  });

  it('turns values without an instant into ISO text', () => {
    expect(toPlainResult(feel('[date("2020-01-01"), date and time("2020-01-01T10:00:00"), duration("P2D")]'))).toEqual([
      '2020-01-01',
      '2020-01-01T10:00:00',
      'P2D',
    ]);
  });

  it('keeps plain values', () => {
    expect(toPlainResult({ a: [1, 'x', true, null] })).toEqual({ a: [1, 'x', true, null] });
    expect(toPlainResult(undefined)).toBeNull();
  });

  it('refuses functions and ranges', () => {
    expect(() => toPlainResult(feel('[1..2]'))).toThrow('RANGE');
    expect(() => toPlainResult({ f: feel('function(x) x') })).toThrow('FUNCTION');
  });
});
