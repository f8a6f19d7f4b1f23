/**
 * Tokenizer for the JUEL (Java Unified Expression Language) subset found in Camunda 7 models.
 * It only splits text into tokens; deciding which constructs are supported is the parser's job,
 * so that unsupported syntax (method calls, lambdas, ...) can be named precisely rather than
 * surfacing as an "unexpected character".
 */

export type JuelTokenType = 'number' | 'string' | 'identifier' | 'keyword' | 'operator' | 'end';

export interface JuelToken {
  readonly type: JuelTokenType;
  /** Operator or word as written; for strings, the unescaped content; for numbers, the source text. */
  readonly value: string;
  /** Offset of the token in the whole expression text (used in error messages). */
  readonly start: number;
  readonly end: number;
}

/** Raised for text that is not JUEL at all; the translator turns it into a failure value. */
export class JuelSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'JuelSyntaxError';
  }
}

/** Reserved words of the EL specification; they can never be variable names. */
const KEYWORDS = new Set([
  'and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'div', 'mod', 'empty',
  'true', 'false', 'null', 'instanceof',
]);

// Longest first, so that `<=` is not read as `<` followed by `=`.
const OPERATORS = [
  '->', '+=', '==', '!=', '<=', '>=', '&&', '||',
  '(', ')', '[', ']', '.', ',', '?', ':', '+', '-', '*', '/', '%', '!', '<', '>', '=', ';', '{', '}',
];

const IDENTIFIER_START = /[\p{L}_$]/u;
const IDENTIFIER_PART = /[\p{L}\p{N}_$]/u;
const DIGIT = /[0-9]/;
const NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;

/**
 * Reads the body of one `${...}` / `#{...}` starting at `start` (just after the opening brace)
 * up to its closing `}`. Braces inside string literals and nested `{...}` literals are skipped so
 * that the closing brace is found where JUEL would find it.
 */
export function lexExpressionBody(text: string, start: number): { tokens: JuelToken[]; end: number } {
  const tokens: JuelToken[] = [];
  let pos = start;
  let depth = 0;
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
    if (pos >= text.length) throw new JuelSyntaxError("missing closing '}'", pos);
    const ch = text[pos];
    if (ch === '}' && depth === 0) {
      tokens.push({ type: 'end', value: '}', start: pos, end: pos + 1 });
      return { tokens, end: pos + 1 };
    }
    const token = readToken(text, pos, tokens[tokens.length - 1]);
    if (token.value === '{' && token.type === 'operator') depth++;
    if (token.value === '}' && token.type === 'operator') depth--;
    tokens.push(token);
    pos = token.end;
  }
}

function readToken(text: string, pos: number, previous: JuelToken | undefined): JuelToken {
  const ch = text[pos];
  if (ch === "'" || ch === '"') return readString(text, pos);
  // `.5` is a number, but in `a.b` or `list[0].x` the dot is property access.
  const afterOperand =
    previous !== undefined &&
    (previous.type === 'identifier' || previous.type === 'number' || previous.type === 'string' ||
      (previous.type === 'operator' && (previous.value === ')' || previous.value === ']')));
  if (DIGIT.test(ch) || (ch === '.' && !afterOperand && DIGIT.test(text[pos + 1] ?? ''))) {
    const match = NUMBER.exec(text.slice(pos));
    const literal = match ? match[0] : ch;
    return { type: 'number', value: literal, start: pos, end: pos + literal.length };
  }
  if (IDENTIFIER_START.test(ch)) {
    let end = pos + 1;
    while (end < text.length && IDENTIFIER_PART.test(text[end])) end++;
    const word = text.slice(pos, end);
    return { type: KEYWORDS.has(word) ? 'keyword' : 'identifier', value: word, start: pos, end };
  }
  for (const op of OPERATORS) {
    if (text.startsWith(op, pos)) return { type: 'operator', value: op, start: pos, end: pos + op.length };
  }
  throw new JuelSyntaxError(`unexpected character '${ch}' at position ${pos}`, pos);
}

/** EL string literals only know the escapes `\'`, `\"` and `\\`; any other backslash is kept. */
function readString(text: string, start: number): JuelToken {
  const quote = text[start];
  let value = '';
  let pos = start + 1;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === quote) return { type: 'string', value, start, end: pos + 1 };
    if (ch === '\\' && (text[pos + 1] === "'" || text[pos + 1] === '"' || text[pos + 1] === '\\')) {
      value += text[pos + 1];
      pos += 2;
      continue;
    }
    value += ch;
    pos++;
  }
  throw new JuelSyntaxError(`unterminated string literal at position ${start}`, start);
}

/** A piece of a JUEL template: either literal text or the tokens of one `${...}` expression. */
export type JuelSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly tokens: JuelToken[]; readonly source: string };

/**
 * Splits `order-${id}` into literal text and expressions. `\${` and `\#{` stand for the literal
 * characters, as in EL. Mixing `${}` and `#{}` in one text is an error in EL, and stays one here.
 */
export function splitTemplate(text: string): JuelSegment[] {
  const segments: JuelSegment[] = [];
  let literal = '';
  let marker: string | undefined;
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === '\\' && (text.startsWith('${', pos + 1) || text.startsWith('#{', pos + 1))) {
      literal += text.slice(pos + 1, pos + 3);
      pos += 3;
      continue;
    }
    if ((ch === '$' || ch === '#') && text[pos + 1] === '{') {
      if (marker !== undefined && marker !== ch) {
        throw new JuelSyntaxError("'${...}' and '#{...}' cannot be mixed in one expression", pos);
      }
      marker = ch;
      if (literal) segments.push({ kind: 'text', text: literal });
      literal = '';
      const { tokens, end } = lexExpressionBody(text, pos + 2);
      segments.push({ kind: 'expression', tokens, source: text.slice(pos, end) });
      pos = end;
      continue;
    }
    literal += ch;
    pos++;
  }
  if (literal) segments.push({ kind: 'text', text: literal });
  return segments;
}
