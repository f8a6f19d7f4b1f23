import { decodeBase64Lenient, decodeBase64Strict, encodeBase64 } from './base64';

describe('base64', () => {
  const bytes = (s: string) => [...s].map((c) => c.charCodeAt(0));

  it('encodes with padding', () => {
    expect(encodeBase64(bytes('hello'))).toBe('aGVsbG8=');
    expect(encodeBase64(bytes('hi'))).toBe('aGk=');
    expect(encodeBase64(bytes('abc'))).toBe('YWJj');
    expect(encodeBase64([])).toBe('');
    expect(encodeBase64([0xff, 0xfe, 0x00])).toBe('//4A');
  });

  it('decodes strictly like Jackson', () => {
    expect(decodeBase64Strict('aGVsbG8=')).toEqual(bytes('hello'));
    expect(decodeBase64Strict('aGk=')).toEqual(bytes('hi'));
    expect(decodeBase64Strict(' YWJj aGk= ')).toEqual(bytes('abchi'));
    expect(decodeBase64Strict('')).toEqual([]);
    expect(decodeBase64Strict('aGk')).toBeNull();
    expect(decodeBase64Strict('a')).toBeNull();
    expect(decodeBase64Strict('aG k=')).toBeNull();
    expect(decodeBase64Strict('a-_=')).toBeNull();
    expect(decodeBase64Strict('aG=k')).toBeNull();
  });

  it('decodes leniently like commons-codec', () => {
    expect(decodeBase64Lenient('aGVs\nbG8')).toEqual(bytes('hello'));
    expect(decodeBase64Lenient('aGk=YWJj')).toEqual(bytes('hi'));
    expect(decodeBase64Lenient('__4A')).toEqual([0xff, 0xfe, 0x00]);
    expect(decodeBase64Lenient('*a*G*k*')).toEqual(bytes('hi'));
    expect(decodeBase64Lenient('a')).toEqual([]);
  });
});
