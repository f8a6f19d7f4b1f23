import { JuelSyntaxError } from './juel-lexer';

/**
 * Building blocks for writing FEEL text from the JUEL translator: precedence-aware parentheses,
 * literals, and the coercions that give FEEL the JUEL semantics.
 */

// FEEL precedence levels, loosest first; an operand looser than its slot gets parentheses.
export const IF = 0;
export const OR = 1;
export const AND = 2;
export const COMPARISON = 3;
export const ADDITIVE = 4;
export const MULTIPLICATIVE = 5;
export const UNARY = 6;
export const PRIMARY = 7;

/**
 * `bool`: always true or false. `nullableBool`: a FEEL comparison, null when an operand is null.
 * `value`: anything. The kind decides where a `= true` coercion is needed.
 */
export type Kind = 'bool' | 'nullableBool' | 'value';
export interface Rendered {
  readonly text: string;
  readonly prec: number;
  readonly kind: Kind;
}

// Names that feelin could read as FEEL syntax; variables with such names are renamed.
const FEEL_WORDS = new Set([
  'true', 'false', 'null', 'and', 'or', 'not', 'if', 'then', 'else', 'for', 'in', 'return',
  'some', 'every', 'satisfies', 'instance', 'of', 'function', 'external', 'between',
]);
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isPlainFeelName(name: string): boolean {
  return PLAIN_NAME.test(name) && !FEEL_WORDS.has(name);
}

export function paren(r: Rendered, minPrec: number): string {
  return r.prec >= minPrec ? r.text : `(${r.text})`;
}

/** EL coerces null to false in boolean positions; FEEL `x = true` is false for null. */
export function strict(r: Rendered): Rendered {
  if (r.kind === 'bool') return r;
  return { text: `${paren(r, ADDITIVE)} = true`, prec: COMPARISON, kind: 'bool' };
}

export function logical(left: Rendered, op: 'and' | 'or', right: Rendered, prec: number): Rendered {
  return { text: `${paren(strict(left), prec)} ${op} ${paren(strict(right), prec + 1)}`, prec, kind: 'bool' };
}

export function isEmpty(x: string): Rendered {
  return {
    text:
      `if ${x} instance of string then string length(${x}) = 0 ` +
      `else if ${x} instance of list then count(${x}) = 0 ` +
      `else if ${x} instance of context then count(get entries(${x})) = 0 ` +
      `else ${x} = null`,
    prec: IF,
    kind: 'bool',
  };
}

export function property(target: Rendered, name: string): Rendered {
  const text = isPlainFeelName(name)
    ? `${paren(target, PRIMARY)}.${name}`
    : `get value(${target.text}, ${feelString(name)})`;
  return { text, prec: PRIMARY, kind: 'value' };
}

/** Composite text (`order-${id}`) becomes a concatenation; EL renders null as ''. */
export function concatenate(kinds: readonly string[], parts: readonly Rendered[]): string {
  if (parts.length === 1) return parts[0].text;
  return parts
    .map((part, i) =>
      kinds[i] === 'text' ? part.text : `(if ${paren(part, ADDITIVE)} = null then "" else string(${part.text}))`,
    )
    .join(' + ');
}

const FEEL_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t',
};

export function feelString(value: string): string {
  const escaped = value.replace(/[\\"\n\r\t]/g, (c) => FEEL_ESCAPES[c] ?? c);
  return `"${escaped}"`;
}

/** FEEL has no exponent notation, so `1.5e3` is written out as `1500`. */
export function feelNumber(literal: string): string {
  const match = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(literal);
  if (!match) throw new JuelSyntaxError(`invalid number '${literal}'`, 0);
  const [, whole, fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number(exponent);
  if (Math.abs(Number(exponent)) > 400) throw new JuelSyntaxError(`number '${literal}' is out of range`, 0);
  const padded = point > digits.length ? digits.padEnd(point, '0') : point < 0 ? '0'.repeat(-point) + digits : digits;
  const at = Math.max(point, 0);
  const integer = padded.slice(0, at).replace(/^0+(?=.)/, '') || '0';
  const decimals = padded.slice(at).replace(/0+$/, '');
  return decimals ? `${integer}.${decimals}` : integer;
}
