import { Result } from '../errors/failure';

/**
 * Evaluates the expressions found in models: sequence-flow conditions and message names.
 * Two notations are accepted, as Camunda users write them:
 * - FEEL, written with a leading `=` (`=amount > 100`), Camunda 8 style;
 * - the JUEL subset Camunda 7 models use (`${amount > 100}`, `${approved}`, `#{...}`).
 * Implementations never use `eval` or `new Function`.
 */
export interface ExpressionEvaluator {
  /**
   * Checks an expression without evaluating it (deployment validation).
   * Returns null when it is valid, otherwise a message that says why not.
   */
  validate(expression: string): string | null;

  /** Evaluates a sequence-flow condition; a result that is not a boolean is a failure. */
  evaluateCondition(expression: string, context: ExpressionContext): Result<boolean>;

  /** Evaluates an expression to a plain value (used for message names given as expressions). */
  evaluate(expression: string, context: ExpressionContext): Result<unknown>;
}

/** The variables visible at the point of evaluation, as plain JavaScript values (see toPlainValue). */
export type ExpressionContext = Readonly<Record<string, unknown>>;
