/**
 * Base64 as Camunda decodes it. Two decoders on purpose: `Bytes` values go through Jackson (strict:
 * standard alphabet, padding required, whitespace only between 4-character groups), `File` values
 * through Camunda's copy of commons-codec (lenient: skips unknown characters, stops at the first `=`,
 * also accepts the URL-safe alphabet). Stored content is re-encoded canonically, as Camunda would
 * print the decoded bytes.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const STANDARD = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));
const LENIENT = new Map<string, number>([...STANDARD, ['-', 62], ['_', 63]]);

export function encodeBase64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Jackson's MIME-NO-LINEFEEDS decoding; null when Jackson would reject the text. */
export function decodeBase64Strict(text: string): number[] | null {
  const bytes: number[] = [];
  let i = 0;
  const sextet = (): number | undefined => STANDARD.get(text[i++] ?? '');
  while (true) {
    while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
    if (i >= text.length) return bytes;
    const c0 = sextet();
    const c1 = sextet();
    if (c0 === undefined || c1 === undefined) return null;
    if (text[i] === '=') {
      if (text[i + 1] !== '=') return null;
      i += 2;
      bytes.push(((c0 << 18) | (c1 << 12)) >> 16);
      continue;
    }
    const c2 = sextet();
    if (c2 === undefined) return null;
    if (text[i] === '=') {
      i += 1;
      const n = (c0 << 18) | (c1 << 12) | (c2 << 6);
      bytes.push((n >> 16) & 0xff, (n >> 8) & 0xff);
      continue;
    }
    const c3 = sextet();
    if (c3 === undefined) return null;
    const n = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    bytes.push((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  }
}

/** commons-codec `Base64.decodeBase64`: never fails. */
export function decodeBase64Lenient(text: string): number[] {
  const bytes: number[] = [];
  let acc = 0;
  let count = 0;
  for (const c of text) {
    if (c === '=') break;
    const v = LENIENT.get(c);
    if (v === undefined) continue;
    acc = (acc << 6) | v;
    count++;
    if (count === 4) {
      bytes.push((acc >> 16) & 0xff, (acc >> 8) & 0xff, acc & 0xff);
      acc = 0;
      count = 0;
    }
  }
  if (count === 2) bytes.push((acc >> 4) & 0xff);
  if (count === 3) bytes.push((acc >> 10) & 0xff, (acc >> 2) & 0xff);
  return bytes;
}
