import { fail, ok, Result } from '../errors/failure';
import {
  ADDITIVE, AND, COMPARISON, concatenate, feelNumber, feelString, IF, isEmpty, isPlainFeelName, logical,
  MULTIPLICATIVE, OR, paren, PRIMARY, property, Rendered, strict, UNARY,
} from './feel-text';
import { JuelSyntaxError, JuelToken, splitTemplate } from './juel-lexer';

/**
 * Translates the JUEL subset of Camunda 7 models (`${amount > 100}`) into FEEL text that feelin
 * evaluates: the engine has one expression interpreter, and JUEL is a front end to it.
 *
 * JUEL semantics kept by the translation:
 * - `&&`, `||`, `!` and the ternary condition coerce null to false (EL coerces null to false);
 * - `<`, `>`, `<=`, `>=` with a null operand are false (EL 1.8.2), not null as in FEEL;
 * - `empty x` is true for null, '', an empty list and an empty object;
 * - `a[0]` is zero-based (FEEL lists are one-based).
 */

export interface JuelVariable {
  /** The variable name as written in the JUEL expression. */
  readonly name: string;
  /** The name it has in the FEEL text; differs when the JUEL name is not a plain FEEL name. */
  readonly feelName: string;
}

export interface JuelTranslation {
  readonly feel: string;
  /** Root variables the expression reads; the caller checks they exist before evaluating. */
  readonly variables: readonly JuelVariable[];
}

export function isJuelExpression(text: string): boolean {
  return text.includes('${') || text.includes('#{');
}

export function translateJuel(expression: string): Result<JuelTranslation> {
  try {
    const segments = splitTemplate(expression);
    const variables = new Variables(segments.flatMap((s) => (s.kind === 'expression' ? s.tokens : [])));
    const parts: Rendered[] = [];
    for (const segment of segments) {
      parts.push(
        segment.kind === 'text'
          ? { text: feelString(segment.text), prec: PRIMARY, kind: 'value' }
          : new Translator(segment.tokens, segment.source, variables).translateWhole(),
      );
    }
    if (parts.length === 0) return fail('EXPRESSION_ERROR', `Invalid JUEL expression '${expression}': it is empty`);
    return ok({ feel: concatenate(segments.map((s) => s.kind), parts), variables: variables.list() });
  } catch (error) {
    if (error instanceof UnsupportedJuel) {
      return fail('EXPRESSION_ERROR', `Unsupported JUEL construct in '${expression}': ${error.message}`);
    }
    if (error instanceof JuelSyntaxError) {
      return fail('EXPRESSION_ERROR', `Invalid JUEL expression '${expression}': ${error.message}`);
    }
    throw error;
  }
}

/** A construct that is valid EL but deliberately not supported (it would need Java beans). */
class UnsupportedJuel extends Error {}

const RELATIONAL: Readonly<Record<string, string>> = {
  '<': '<', lt: '<', '>': '>', gt: '>', '<=': '<=', le: '<=', '>=': '>=', ge: '>=',
};
const EQUALITY: Readonly<Record<string, string>> = { '==': '=', eq: '=', '!=': '!=', ne: '!=' };
const UNSUPPORTED_OPERATORS: Readonly<Record<string, string>> = {
  '->': "lambda expressions ('->') are not supported",
  '=': "assignments ('=') are not supported",
  '+=': "the string concatenation operator '+=' is not supported",
  ';': "the semicolon operator ';' is not supported",
};

class Variables {
  private readonly byName = new Map<string, string>();
  private readonly prefix: string;

  constructor(tokens: readonly JuelToken[]) {
    // The prefix of renamed variables must not be the start of any name the expression uses.
    let prefix = 'juel_var_';
    while (tokens.some((t) => t.type === 'identifier' && t.value.startsWith(prefix))) prefix = `_${prefix}`;
    this.prefix = prefix;
  }

  feelName(name: string): string {
    let feelName = this.byName.get(name);
    if (feelName === undefined) {
      feelName = isPlainFeelName(name) ? name : `${this.prefix}${this.byName.size}`;
      this.byName.set(name, feelName);
    }
    return feelName;
  }

  list(): JuelVariable[] {
    return [...this.byName].map(([name, feelName]) => ({ name, feelName }));
  }
}

class Translator {
  private pos = 0;

  constructor(
    private readonly tokens: readonly JuelToken[],
    private readonly source: string,
    private readonly variables: Variables,
  ) {}

  translateWhole(): Rendered {
    for (const token of this.tokens) {
      const message = token.type === 'operator' ? UNSUPPORTED_OPERATORS[token.value] : undefined;
      if (message) throw new UnsupportedJuel(message);
    }
    if (this.peek().type === 'end') throw new JuelSyntaxError(`'${this.source}' has no expression`, 0);
    const result = this.ternary();
    if (this.peek().type !== 'end') throw this.unexpected();
    // At the top, a comparison with a null operand must be false as in EL, not FEEL's null.
    return result.kind === 'nullableBool' ? strict(result) : result;
  }

  private ternary(): Rendered {
    const condition = this.or();
    if (!this.accept('?')) return condition;
    const whenTrue = this.ternary();
    this.expect(':');
    const whenFalse = this.ternary();
    const kinds = [whenTrue.kind, whenFalse.kind];
    return {
      text: `if ${paren(strict(condition), OR)} then ${paren(whenTrue, OR)} else ${paren(whenFalse, IF)}`,
      prec: IF,
      kind: kinds.includes('value') ? 'value' : kinds.includes('nullableBool') ? 'nullableBool' : 'bool',
    };
  }

  private or(): Rendered {
    let left = this.and();
    while (this.accept('||', 'or')) left = logical(left, 'or', this.and(), OR);
    return left;
  }

  private and(): Rendered {
    let left = this.equality();
    while (this.accept('&&', 'and')) left = logical(left, 'and', this.equality(), AND);
    return left;
  }

  private equality(): Rendered {
    let left = this.relational();
    for (let op = this.accept(...Object.keys(EQUALITY)); op; op = this.accept(...Object.keys(EQUALITY))) {
      // FEEL `=` is null-safe (`null = 1` is false); only a comparison operand needs coercion.
      const [l, r] = [left, this.relational()].map((x) => (x.kind === 'nullableBool' ? strict(x) : x));
      left = { text: `${paren(l, ADDITIVE)} ${EQUALITY[op]} ${paren(r, ADDITIVE)}`, prec: COMPARISON, kind: 'bool' };
    }
    return left;
  }

  private relational(): Rendered {
    let left = this.additive();
    for (let op = this.accept(...Object.keys(RELATIONAL)); op; op = this.accept(...Object.keys(RELATIONAL))) {
      const right = this.additive();
      const text = `${paren(left, ADDITIVE)} ${RELATIONAL[op]} ${paren(right, ADDITIVE)}`;
      left = { text, prec: COMPARISON, kind: 'nullableBool' };
    }
    if (this.peek().value === 'instanceof') throw new UnsupportedJuel("the 'instanceof' operator is not supported");
    return left;
  }

  private additive(): Rendered {
    let left = this.multiplicative();
    for (let op = this.accept('+', '-'); op; op = this.accept('+', '-')) {
      const right = this.multiplicative();
      left = { text: `${paren(left, ADDITIVE)} ${op} ${paren(right, MULTIPLICATIVE)}`, prec: ADDITIVE, kind: 'value' };
    }
    return left;
  }

  private multiplicative(): Rendered {
    let left = this.unary();
    for (let op = this.accept('*', '/', 'div', '%', 'mod'); op; op = this.accept('*', '/', 'div', '%', 'mod')) {
      const right = this.unary();
      // EL `%` takes the sign of the dividend, FEEL modulo() that of the divisor (see known gaps).
      left =
        op === '%' || op === 'mod'
          ? { text: `modulo(${left.text}, ${right.text})`, prec: PRIMARY, kind: 'value' }
          : {
              text: `${paren(left, MULTIPLICATIVE)} ${op === '*' ? '*' : '/'} ${paren(right, UNARY)}`,
              prec: MULTIPLICATIVE,
              kind: 'value',
            };
    }
    return left;
  }

  private unary(): Rendered {
    if (this.accept('-')) return { text: `-${paren(this.unary(), PRIMARY)}`, prec: UNARY, kind: 'value' };
    if (this.accept('!', 'not')) return { text: `not(${strict(this.unary()).text})`, prec: PRIMARY, kind: 'bool' };
    if (this.accept('empty')) return isEmpty(paren(this.unary(), PRIMARY));
    return this.postfix();
  }

  private postfix(): Rendered {
    const start = this.peek().start;
    let result = this.primary();
    for (;;) {
      if (this.accept('.')) {
        const name = this.next();
        if (name.type !== 'identifier' && name.type !== 'keyword') throw this.unexpected(name);
        this.rejectCall(start);
        result = property(result, name.value);
      } else if (this.accept('[')) {
        result = this.index(result, start);
      } else {
        return result;
      }
    }
  }

  /** Only literal keys: a computed key could be a list index or a map key, unknown until run time. */
  private index(target: Rendered, start: number): Rendered {
    const bracket = this.tokens[this.pos - 1].start;
    const key = this.next();
    const literal = key.type === 'string' || (key.type === 'number' && /^[0-9]+$/.test(key.value));
    if (!literal || this.peek().value !== ']') {
      const what = `computed index '${this.text(start, bracket)}[...]'`;
      throw new UnsupportedJuel(`${what} is not supported (use a literal key: a['name'], a[0])`);
    }
    this.expect(']');
    this.rejectCall(start);
    if (key.type === 'string') return property(target, key.value);
    return { text: `${paren(target, PRIMARY)}[${BigInt(key.value) + 1n}]`, prec: PRIMARY, kind: 'value' };
  }

  private primary(): Rendered {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { text: feelNumber(token.value), prec: PRIMARY, kind: 'value' };
      case 'string':
        return { text: feelString(token.value), prec: PRIMARY, kind: 'value' };
      case 'keyword':
        if (token.value === 'true' || token.value === 'false') {
          return { text: token.value, prec: PRIMARY, kind: 'bool' };
        }
        if (token.value === 'null') return { text: 'null', prec: PRIMARY, kind: 'value' };
        throw this.unexpected(token);
      case 'identifier':
        if (this.peek().value === ':' && this.peek(1).type === 'identifier' && this.peek(2).value === '(') {
          throw new UnsupportedJuel(`function call '${token.value}:${this.peek(1).value}(...)' is not supported`);
        }
        this.rejectCall(token.start);
        return { text: this.variables.feelName(token.value), prec: PRIMARY, kind: 'value' };
      case 'operator':
        if (token.value === '(') {
          const inner = this.ternary();
          this.expect(')');
          return inner;
        }
        if (token.value === '[') throw new UnsupportedJuel('list literals are not supported');
        if (token.value === '{') throw new UnsupportedJuel('set and map literals are not supported');
        throw this.unexpected(token);
      default:
        throw this.unexpected(token);
    }
  }

  /** Method and function calls need Java beans (`execution`, Spring beans), which this engine has not. */
  private rejectCall(start: number): void {
    if (this.peek().value !== '(') return;
    const callee = this.text(start, this.peek().start);
    const what = callee.includes('.') || callee.includes('[') ? 'method call' : 'function call';
    throw new UnsupportedJuel(`${what} '${callee}(...)' is not supported`);
  }

  private text(from: number, to: number): string {
    return this.source.slice(from, to).trim();
  }

  private peek(offset = 0): JuelToken {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): JuelToken {
    const token = this.peek();
    if (token.type !== 'end') this.pos++;
    return token;
  }

  private accept(...values: string[]): string | undefined {
    const token = this.peek();
    if ((token.type === 'operator' || token.type === 'keyword') && values.includes(token.value)) {
      this.pos++;
      return token.value;
    }
    return undefined;
  }

  private expect(value: string): void {
    if (!this.accept(value)) throw this.unexpected(this.peek(), `'${value}'`);
  }

  private unexpected(token = this.peek(), expected?: string): JuelSyntaxError {
    const written = token.type === 'string' ? this.source.slice(token.start, token.end) : token.value;
    const found = token.type === 'end' ? 'end of expression' : `'${written}'`;
    const hint = expected ? `, expected ${expected}` : '';
    return new JuelSyntaxError(`unexpected ${found}${hint} in '${this.source}'`, token.start);
  }
}
