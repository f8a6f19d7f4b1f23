import { evaluate as evaluateFeel, parseExpression, Warning } from 'feelin';
import { fail, ok, Result } from '../errors/failure';
import { ExpressionContext, ExpressionEvaluator } from '../ports/expression-evaluator.port';
import { BoundedCache } from './bounded-cache';
import { NotAPlainValue, resultTypeName, toPlainResult } from './feel-values';
import { isJuelExpression, JuelVariable, translateJuel } from './juel-to-feel';

/**
 * The engine's expression evaluator: every expression, whatever its notation, is evaluated by
 * feelin (FEEL). Notation rules, checked on the trimmed text:
 * - a leading `=` means FEEL (Camunda 8 style), the `=` is not part of the expression;
 * - otherwise text containing `${` or `#{` is JUEL (Camunda 7 style) and is translated to FEEL;
 * - anything else is taken as FEEL too, so `amount > 100` works without the `=`.
 */
export class FeelExpressionEvaluator implements ExpressionEvaluator {
  // Conditions are evaluated on every token pass; translation and syntax checks are done once.
  private readonly compiled: BoundedCache<string, Result<CompiledExpression>>;

  constructor(options: { readonly cacheSize?: number } = {}) {
    this.compiled = new BoundedCache(options.cacheSize ?? 1000);
  }

  validate(expression: string): string | null {
    const compiled = this.compile(expression);
    return compiled.ok ? null : compiled.failure.message;
  }

  evaluateCondition(expression: string, context: ExpressionContext): Result<boolean> {
    const compiled = this.compile(expression);
    if (!compiled.ok) return compiled;
    const result = run(compiled.value, context);
    if (!result.ok) return result;
    const { value, warnings } = result.value;
    if (typeof value === 'boolean') return ok(value);
    return fail(
      'CONDITION_ERROR',
      `Expected result of the expression '${compiled.value.source}' to be 'BOOLEAN', but was '${resultTypeName(value)}'.` +
        describeWarnings(warnings),
    );
  }

  evaluate(expression: string, context: ExpressionContext): Result<unknown> {
    const compiled = this.compile(expression);
    if (!compiled.ok) return compiled;
    const result = run(compiled.value, context);
    if (!result.ok) return result;
    const { value, warnings } = result.value;
    // FEEL turns errors (a missing variable or property) into null plus a warning; a null that
    // comes with warnings is such an error, not a value. JUEL reads a missing map key as null.
    if ((value === null || value === undefined) && warnings.length > 0 && compiled.value.notation === 'feel') {
      return fail('EXPRESSION_ERROR', `Failed to evaluate expression '${compiled.value.source}'.${describeWarnings(warnings)}`);
    }
    try {
      return ok(toPlainResult(value));
    } catch (error) {
      if (!(error instanceof NotAPlainValue)) throw error;
      return fail('EXPRESSION_ERROR', `The expression '${compiled.value.source}' evaluated to a FEEL ${error.message}, which is not a plain value.`);
    }
  }

  private compile(expression: string): Result<CompiledExpression> {
    return this.compiled.getOrCreate(expression, compile);
  }
}

interface CompiledExpression {
  readonly notation: 'feel' | 'juel';
  /** The expression as quoted in messages: the JUEL text, or the FEEL text without its `=`. */
  readonly source: string;
  readonly feel: string;
  /** For JUEL only: the variables that must exist (EL fails on an unknown identifier). */
  readonly variables: readonly JuelVariable[] | null;
}

function compile(expression: string): Result<CompiledExpression> {
  const text = expression.trim();
  let compiled: CompiledExpression;
  if (text.startsWith('=')) {
    const feel = text.slice(1).trim();
    compiled = { notation: 'feel', source: feel, feel, variables: null };
  } else if (isJuelExpression(text)) {
    const translation = translateJuel(text);
    if (!translation.ok) return translation;
    compiled = { notation: 'juel', source: text, feel: translation.value.feel, variables: translation.value.variables };
  } else {
    compiled = { notation: 'feel', source: text, feel: text, variables: null };
  }
  if (compiled.feel === '') return fail('EXPRESSION_ERROR', `The expression '${expression}' is empty`);
  const syntaxError = findSyntaxError(compiled.feel);
  if (syntaxError === null) return ok(compiled);
  if (compiled.notation === 'juel') {
    // The translator only writes valid FEEL, so this is a bug; say so rather than blame the model.
    return fail('EXPRESSION_ERROR', `The JUEL expression '${text}' was translated to invalid FEEL '${compiled.feel}': ${syntaxError}`);
  }
  return fail('EXPRESSION_ERROR', `Invalid FEEL expression '${compiled.source}': ${syntaxError}`);
}

/** Parses without evaluating; feelin's parser recovers from errors and marks them in the tree. */
function findSyntaxError(feel: string): string | null {
  const tree = parseExpression(feel, {}, undefined);
  let message: string | null = null;
  tree.iterate({
    enter(node) {
      if (message !== null) return false;
      if (!node.type.isError) return undefined;
      message =
        node.from === node.to
          ? node.from >= feel.length
            ? 'the expression is incomplete'
            : `unexpected '${feel.slice(node.from, node.from + 20)}' at position ${node.from}`
          : `unexpected '${feel.slice(node.from, node.to)}' at position ${node.from}`;
      return false;
    },
  });
  return message;
}

function run(compiled: CompiledExpression, context: ExpressionContext): Result<{ value: unknown; warnings: Warning[] }> {
  let feelContext: Record<string, unknown>;
  if (compiled.variables === null) {
    feelContext = context as Record<string, unknown>; // feelin only reads it
  } else {
    // Only the variables the expression names are passed: feelin resolves names by context
    // (`a-b`, `order total`), and an unrelated variable must not change how the JUEL reads.
    feelContext = {};
    for (const { name, feelName } of compiled.variables) {
      if (!Object.prototype.hasOwnProperty.call(context, name)) {
        return fail('EXPRESSION_ERROR', `Cannot resolve identifier '${name}' in expression '${compiled.source}'`);
      }
      feelContext[feelName] = context[name] ?? null;
    }
  }
  try {
    return ok(evaluateFeel(compiled.feel, feelContext));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('EXPRESSION_ERROR', `Failed to evaluate expression '${compiled.source}': ${reason}`);
  }
}

function describeWarnings(warnings: readonly Warning[]): string {
  if (warnings.length === 0) return '';
  return ` The evaluation reported the following warnings: ${warnings.map((w) => `[${w.type}] ${w.message}`).join('; ')}`;
}
