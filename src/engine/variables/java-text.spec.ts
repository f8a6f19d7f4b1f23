import { javaDoubleToString, javaToString } from './java-text';

describe('javaToString', () => {
  it.each<[unknown, string]>([
    ['text', 'text'],
    [5, '5'],
    [-0, '0'],
    [3000000000, '3000000000'],
    [2 ** 60, '1152921504606846976'],
    [4.5, '4.5'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1234567.5, '1234567.5'],
    [12345678.5, '1.23456785E7'],
    [1e21, '1.0E21'],
    [-2.5e-7, '-2.5E-7'],
    [true, 'true'],
    [null, 'null'],
    [{ a: 1, b: 'x', c: null }, '{a=1, b=x, c=null}'],
    [[1, [2, 'y'], { z: 0.5 }], '[1, [2, y], {z=0.5}]'],
    [{}, '{}'],
    [[], '[]'],
  ])('renders %p as %p', (value, expected) => {
    expect(javaToString(value)).toBe(expected);
  });

  it('renders doubles as Java does', () => {
    expect(javaDoubleToString(5)).toBe('5.0');
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(-0)).toBe('-0.0');
    expect(javaDoubleToString(NaN)).toBe('NaN');
    expect(javaDoubleToString(-Infinity)).toBe('-Infinity');
  });
});
