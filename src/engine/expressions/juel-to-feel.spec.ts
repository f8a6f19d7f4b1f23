import { isJuelExpression, translateJuel } from './juel-to-feel';

function feelOf(juel: string): string {
  const result = translateJuel(juel);
  if (!result.ok) throw new Error(`expected a translation of ${juel}: ${result.failure.message}`);
  return result.value.feel;
}

function failureOf(juel: string): string {
  const result = translateJuel(juel);
  if (result.ok) throw new Error(`expected ${juel} to be rejected, got ${result.value.feel}`);
  expect(result.failure.kind).toBe('EXPRESSION_ERROR');
  return result.failure.message;
}

describe('isJuelExpression', () => {
  it.each([
    ['${a}', true],
    ['#{a}', true],
    ['order-${id}', true],
    ['=a > 1', false],
    ['a > 1', false],
    ['$ {a}', false],
  ])('%p -> %p', (text, expected) => expect(isJuelExpression(text)).toBe(expected));
});

describe('translateJuel', () => {
  it.each([
    // wrappers and literals
    ['${approved}', 'approved'],
    ['#{approved}', 'approved'],
    ['${42}', '42'],
    ['${3.25}', '3.25'],
    ['${.5}', '0.5'],
    ['${1.5e3}', '1500'],
    ['${2E-3}', '0.002'],
    ["${'single'}", '"single"'],
    ['${"double"}', '"double"'],
    [String.raw`${'it\'s'}`, `"it's"`],
    [String.raw`${"say \"hi\""}`, String.raw`"say \"hi\""`],
    [String.raw`${'back\\slash'}`, String.raw`"back\\slash"`],
    ['${true}', 'true'],
    ['${false}', 'false'],
    ['${null}', 'null'],
    // property access
    ['${a.b.c}', 'a.b.c'],
    ["${a['b']}", 'a.b'],
    ['${a["b"].c}', 'a.b.c'],
    ["${a['my key']}", 'get value(a, "my key")'],
    ['${a.then}', 'get value(a, "then")'],
    ['${list[0]}', 'list[1]'],
    ['${order.items[2].price}', 'order.items[3].price'],
    // equality: no coercion needed, FEEL `=` is false for null
    ["${status == 'approved'}", 'status = "approved"'],
    ["${status eq 'approved'}", 'status = "approved"'],
    ['${a != 1}', 'a != 1'],
    ['${a ne 1}', 'a != 1'],
    ['${a == null}', 'a = null'],
    // relational: null operand must give false, hence `= true`
    ['${a > 10}', '(a > 10) = true'],
    ['${a gt 10}', '(a > 10) = true'],
    ['${a < 10}', '(a < 10) = true'],
    ['${a lt 10}', '(a < 10) = true'],
    ['${a >= 10}', '(a >= 10) = true'],
    ['${a ge 10}', '(a >= 10) = true'],
    ['${a <= 10}', '(a <= 10) = true'],
    ['${a le 10}', '(a <= 10) = true'],
    ['${a < b == c > d}', '((a < b) = true) = ((c > d) = true)'],
    // logical operators coerce null to false
    ['${a && b}', 'a = true and b = true'],
    ['${a and b}', 'a = true and b = true'],
    ['${a || b}', 'a = true or b = true'],
    ['${a or b}', 'a = true or b = true'],
    ['${a > 1 && b}', '(a > 1) = true and b = true'],
    ['${a && b || c && d}', 'a = true and b = true or c = true and d = true'],
    ['${a && (b || c)}', 'a = true and (b = true or c = true)'],
    ['${true && false}', 'true and false'],
    ['${!a}', 'not(a = true)'],
    ['${not a}', 'not(a = true)'],
    ['${!(a == 1)}', 'not(a = 1)'],
    ['${!!a}', 'not(not(a = true))'],
    // empty
    ['${empty a}', 'if a instance of string then string length(a) = 0 else if a instance of list then count(a) = 0 else if a instance of context then count(get entries(a)) = 0 else a = null'],
    ['${not empty a.b}', 'not(if a.b instance of string then string length(a.b) = 0 else if a.b instance of list then count(a.b) = 0 else if a.b instance of context then count(get entries(a.b)) = 0 else a.b = null)'],
    // arithmetic
    ['${a + b * c}', 'a + b * c'],
    ['${(a + b) * c}', '(a + b) * c'],
    ['${a - (b - c)}', 'a - (b - c)'],
    ['${a / b}', 'a / b'],
    ['${a div b}', 'a / b'],
    ['${a % b}', 'modulo(a, b)'],
    ['${a mod b == 0}', 'modulo(a, b) = 0'],
    ['${-a}', '-a'],
    ['${-(a + b)}', '-(a + b)'],
    ['${- -a}', '-(-a)'],
    ['${a - -b}', 'a - -b'],
    // ternary
    ['${a ? 1 : 2}', 'if a = true then 1 else 2'],
    ['${a > 1 ? "big" : "small"}', 'if (a > 1) = true then "big" else "small"'],
    ['${a ? b ? 1 : 2 : 3}', 'if a = true then (if b = true then 1 else 2) else 3'],
    ['${a ? 1 : b ? 2 : 3}', 'if a = true then 1 else if b = true then 2 else 3'],
    ['${(a ? 1 : 2) + 1}', '(if a = true then 1 else 2) + 1'],
    // whitespace and composite text
    ['${  a  >  1  }', '(a > 1) = true'],
    ['order-${id}', '"order-" + (if id = null then "" else string(id))'],
    ['${a}-${b}', '(if a = null then "" else string(a)) + "-" + (if b = null then "" else string(b))'],
  ])('%s -> %s', (juel, feel) => expect(feelOf(juel)).toBe(feel));

  it('lists the root variables the expression reads, once each', () => {
    const result = translateJuel('${a.b > c && a.d}');
    expect(result.ok && result.value.variables).toEqual([
      { name: 'a', feelName: 'a' },
      { name: 'c', feelName: 'c' },
    ]);
  });

  it('renames variables whose names FEEL would misread, without colliding with real names', () => {
    const result = translateJuel('${if == $x && juel_var_0 && $x}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.variables).toEqual([
      { name: 'if', feelName: '_juel_var_0' },
      { name: '$x', feelName: '_juel_var_1' },
      { name: 'juel_var_0', feelName: 'juel_var_0' },
    ]);
    expect(result.value.feel).toBe('_juel_var_0 = _juel_var_1 and juel_var_0 = true and _juel_var_1 = true');
  });

  it.each([
    ['${execution.getVariable("x")}', "method call 'execution.getVariable(...)'"],
    ['${bean.method()}', "method call 'bean.method(...)'"],
    ['${a.b[0].c(1)}', "method call 'a.b[0].c(...)'"],
    ["${map['k']()}", "method call 'map['k'](...)'"],
    ['${foo(1)}', "function call 'foo(...)'"],
    ['${fn:upper(a)}', "function call 'fn:upper(...)'"],
    ['${x -> x + 1}', "lambda expressions ('->')"],
    ['${(x, y) -> x}', "lambda expressions ('->')"],
    ['${a = 1}', "assignments ('=')"],
    ['${a += "x"}', "string concatenation operator '+='"],
    ['${a; b}', "semicolon operator ';'"],
    ['${[1, 2]}', 'list literals'],
    ['${{1, 2}}', 'set and map literals'],
    ["${{'k': 1}}", 'set and map literals'],
    ['${a instanceof b}', "'instanceof' operator"],
    ['${a[k]}', "computed index 'a[...]'"],
    ['${a.b[-1]}', "computed index 'a.b[...]'"],
    ['${a[0 + 1]}', "computed index 'a[...]'"],
  ])('rejects %s naming the construct', (juel, construct) => {
    const message = failureOf(juel);
    expect(message).toContain('Unsupported JUEL construct');
    expect(message).toContain(construct);
    expect(message).toContain(juel);
  });

  it.each([
    ['${a >}', 'unexpected end of expression'],
    ['${a > 1', "missing closing '}'"],
    ['${}', 'has no expression'],
    ['${a b}', "unexpected 'b'"],
    ['${(a}', "expected ')'"],
    ['${a ? b}', "expected ':'"],
    ['${a.}', 'unexpected'],
    ['${a.1}', "unexpected '1'"],
    ['${empty}', 'unexpected end of expression'],
    ['${a && }', 'unexpected end of expression'],
    ["${'open}", 'unterminated string literal'],
    ['${a # b}', "unexpected character '#'"],
    ['${and}', "unexpected 'and'"],
    ['${a} #{b}', 'cannot be mixed'],
  ])('reports the syntax error in %s', (juel, message) => {
    const failure = failureOf(juel);
    expect(failure).toContain('Invalid JUEL expression');
    expect(failure).toContain(message);
  });
});
