import { Result } from '../errors/failure';
import { ExpressionContext } from '../ports/expression-evaluator.port';
import { FeelExpressionEvaluator } from './feel-expression-evaluator';

const evaluator = new FeelExpressionEvaluator();

const context: ExpressionContext = {
  amount: 150,
  ratio: 0.25,
  name: 'Alice',
  emptyText: '',
  approved: true,
  rejected: false,
  missing: null,
  due: new Date('2020-03-01T10:00:00Z'),
  later: new Date('2030-01-01T00:00:00Z'),
  sameDue: new Date('2020-03-01T10:00:00Z'),
  order: { id: 'o-1', total: 99.5, items: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 0 }], tags: [], meta: {} },
  list: [1, 2, 3],
  'if': 7,
};

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.failure.kind}: ${result.failure.message}`);
  return result.value;
}

function failure<T>(result: Result<T>): { kind: string; message: string } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.failure;
}

describe('FeelExpressionEvaluator', () => {
  describe('JUEL conditions', () => {
    it.each([
      ['${approved}', true],
      ['#{rejected}', false],
      ['${amount > 100}', true],
      ['${amount gt 200}', false],
      ['${amount >= 150 && amount le 150}', true],
      ['${amount < 100 || name == "Alice"}', true],
      ["${name eq 'Alice'}", true],
      ["${name != 'Bob'}", true],
      ["${name ne 'Alice'}", false],
      ['${!approved}', false],
      ['${not rejected}', true],
      ['${missing == null}', true],
      ['${missing != null}', false],
      // null is false for &&, ||, ! and relational operators, as in EL
      ['${missing && true}', false],
      ['${missing || approved}', true],
      ['${!missing}', true],
      ['${missing > 1}', false],
      ['${missing < 1}', false],
      ['${!(missing > 1)}', true],
      ['${empty missing}', true],
      ['${empty emptyText}', true],
      ['${empty name}', false],
      ['${empty order.tags}', true],
      ['${empty order.meta}', true],
      ['${not empty order.items}', true],
      ['${not empty order}', true],
      ['${empty amount}', false],
      ['${amount + 50 == 200}', true],
      ['${amount - 50 * 2 == 50}', true],
      ['${amount / 4 == 37.5}', true],
      ['${amount div 4 == 37.5}', true],
      ['${amount % 4 == 2}', true],
      ['${amount mod 7 == 3}', true],
      ['${-amount < 0}', true],
      ['${(amount + 10) * 2 == 320}', true],
      ['${ratio == 0.25}', true],
      ['${1.5e2 == amount}', true],
      ['${order.total < 100}', true],
      ["${order['id'] == 'o-1'}", true],
      ['${order.items[0].sku == "A"}', true],
      ["${order.items[1]['qty'] == 0}", true],
      ['${order.items[5] == null}', true],
      ['${order.unknownKey == null}', true],
      ['${list[2] == 3}', true],
      ['${amount > 100 ? approved : rejected}', true],
      ['${missing ? false : true}', true],
      ['${due < later}', true],
      ['${due == sameDue}', true],
      ['${later > due && due < later}', true],
      ['${if == 7}', true],
    ])('%s is %p', (expression, expected) => {
      expect(value(evaluator.evaluateCondition(expression, context))).toBe(expected);
    });

    it('fails when a JUEL identifier is not a variable, as Camunda 7 does', () => {
      const result = failure(evaluator.evaluateCondition('${unknown > 1}', context));
      expect(result.kind).toBe('EXPRESSION_ERROR');
      expect(result.message).toContain("Cannot resolve identifier 'unknown'");
    });

    it('resolves a variable that exists with a null value', () => {
      expect(value(evaluator.evaluate('${missing}', context))).toBeNull();
    });

    it.each([
      ['${amount}', 'NUMBER'],
      ['${name}', 'STRING'],
      ['${missing}', 'NULL'],
      ['${order}', 'OBJECT'],
      ['${list}', 'ARRAY'],
      ['${due}', 'DATE_TIME'],
      ['${approved ? 1 : 0}', 'NUMBER'],
    ])('fails for the non-boolean result of %s', (expression, type) => {
      const result = failure(evaluator.evaluateCondition(expression, context));
      expect(result.kind).toBe('CONDITION_ERROR');
      expect(result.message).toBe(`Expected result of the expression '${expression}' to be 'BOOLEAN', but was '${type}'.`);
    });

    it('fails with EXPRESSION_ERROR for unsupported constructs and syntax errors', () => {
      expect(failure(evaluator.evaluateCondition('${execution.getVariable("a")}', context))).toMatchObject({
        kind: 'EXPRESSION_ERROR',
        message: expect.stringContaining("method call 'execution.getVariable(...)'"),
      });
      expect(failure(evaluator.evaluateCondition('${amount >}', context)).kind).toBe('EXPRESSION_ERROR');
    });

    it('evaluates composite text as a string', () => {
      expect(value(evaluator.evaluate('order-${order.id}-${amount}', context))).toBe('order-o-1-150');
      expect(value(evaluator.evaluate('x${missing}y', context))).toBe('xy');
    });

    it('trims the whitespace around the expression, as Camunda 7 does for conditions', () => {
      expect(value(evaluator.evaluateCondition('\n   ${approved}\n  ', context))).toBe(true);
    });
  });

  describe('FEEL conditions', () => {
    it.each([
      ['=amount > 100', true],
      ['= amount > 100 and approved', true],
      ['=name = "Alice"', true],
      ['=missing = null', true],
      ['=order.items[1].qty = 2', true],
      ['=count(order.items) = 2', true],
      ['=some item in order.items satisfies item.qty = 0', true],
      ['=due < later', true],
      ['=due = sameDue', true],
      ['=due < now()', true],
      ['=later > now()', true],
      ['=due < date and time("2021-01-01T00:00:00Z")', true],
      ['=order.total between 50 and 100', true],
      ['=unknownVariable = null', true],
      // no `=` and no `${`: read as FEEL too
      ['amount > 100', true],
      ['approved', true],
    ])('%s is %p', (expression, expected) => {
      expect(value(evaluator.evaluateCondition(expression, context))).toBe(expected);
    });

    it('fails for a non-boolean result, in the words of Zeebe', () => {
      expect(failure(evaluator.evaluateCondition('=amount', context))).toEqual({
        kind: 'CONDITION_ERROR',
        message: "Expected result of the expression 'amount' to be 'BOOLEAN', but was 'NUMBER'.",
        elementId: undefined,
      });
      expect(failure(evaluator.evaluateCondition('="yes"', context)).message).toContain("but was 'STRING'");
    });

    it('reports the unknown variable behind a null condition', () => {
      const result = failure(evaluator.evaluateCondition('=unknownVariable > 1', context));
      expect(result.kind).toBe('CONDITION_ERROR');
      expect(result.message).toContain("but was 'NULL'");
      expect(result.message).toContain("[NO_VARIABLE_FOUND] Variable 'unknownVariable' not found");
    });

    it('fails with EXPRESSION_ERROR when feelin throws while evaluating', () => {
      // Valid FEEL grammar (a comparison with a unary test), but feelin cannot evaluate it.
      const result = failure(evaluator.evaluateCondition('=amount > > 1', context));
      expect(result.kind).toBe('EXPRESSION_ERROR');
      expect(result.message).toContain("Failed to evaluate expression 'amount > > 1'");
    });

    it('fails with EXPRESSION_ERROR for a syntax error', () => {
      const result = failure(evaluator.evaluateCondition('=amount >', context));
      expect(result.kind).toBe('EXPRESSION_ERROR');
      expect(result.message).toContain("Invalid FEEL expression 'amount >'");
    });
  });

  describe('evaluate', () => {
    it.each([
      ['=name', 'Alice'],
      ['=amount * 2', 300],
      ['=approved', true],
      ['=missing', null],
      ['=order.items.sku', ['A', 'B']],
      ['=order.meta', {}],
      ['="msg-" + order.id', 'msg-o-1'],
      ['${name}', 'Alice'],
      ['${order.items[1]}', { sku: 'B', qty: 0 }],
      ['${order.nope}', null],
      ["${'literal'}", 'literal'],
      ['=date("2020-01-02")', '2020-01-02'],
      ['=duration("P1D")', 'P1D'],
    ])('%s evaluates to %p', (expression, expected) => {
      expect(value(evaluator.evaluate(expression, context))).toEqual(expected);
    });

    it('gives zoned date-times back as JS Dates', () => {
      expect(value(evaluator.evaluate('=due', context))).toEqual(new Date('2020-03-01T10:00:00Z'));
      expect(value(evaluator.evaluate('${due}', context))).toEqual(new Date('2020-03-01T10:00:00Z'));
      expect(value(evaluator.evaluate('=due + duration("P1D")', context))).toEqual(new Date('2020-03-02T10:00:00Z'));
    });

    it('fails for a FEEL null caused by an error, naming the cause', () => {
      const unknown = failure(evaluator.evaluate('=unknownVariable', context));
      expect(unknown.kind).toBe('EXPRESSION_ERROR');
      expect(unknown.message).toContain("Variable 'unknownVariable' not found");
      expect(failure(evaluator.evaluate('=order.nope', context)).message).toContain('NO_CONTEXT_ENTRY_FOUND');
    });

    it('fails for an unknown JUEL identifier', () => {
      expect(failure(evaluator.evaluate('msg-${unknown}', context)).message).toContain(
        "Cannot resolve identifier 'unknown'",
      );
    });

    it('fails for results that are not plain values', () => {
      expect(failure(evaluator.evaluate('=[1..3]', context)).message).toContain('FEEL RANGE');
    });
  });

  describe('validate', () => {
    it.each(['${amount > 100}', '#{approved}', 'order-${id}', '=a > 1', '=some x in xs satisfies x > 1', 'a > 1'])(
      'accepts %s',
      (expression) => expect(evaluator.validate(expression)).toBeNull(),
    );

    it.each([
      ['${execution.getVariable("a")}', "method call 'execution.getVariable(...)'"],
      ['${bean.approve(order)}', "method call 'bean.approve(...)'"],
      ['${a >}', 'Invalid JUEL expression'],
      ['=a >', 'the expression is incomplete'],
      ['=1 2', "Invalid FEEL expression '1 2': unexpected '2' at position 2"],
      ['=a ) b', "unexpected ')'"],
      ['=(1', 'Invalid FEEL expression'],
      ['', 'is empty'],
      ['=', 'is empty'],
      ['   ', 'is empty'],
    ])('rejects %p', (expression, message) => {
      expect(evaluator.validate(expression)).toContain(message);
    });

    it('does not need the variables and does not evaluate', () => {
      // An unknown identifier is only known at evaluation time.
      expect(evaluator.validate('${unknown == 1}')).toBeNull();
    });
  });
});
