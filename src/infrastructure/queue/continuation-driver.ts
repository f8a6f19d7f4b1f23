/**
 * Where continuation work runs. The in-process driver runs it in the API process (embedded default);
 * the BullMQ driver hands it to worker processes. Both are fed the same outbox rows after commit.
 */
export interface ContinuationDriver {
  /** Hands committed outbox rows over for execution; a duplicate dispatch of a row is harmless. */
  dispatch(outboxIds: readonly string[]): void;
}

export const CONTINUATION_DRIVER = Symbol('CONTINUATION_DRIVER');
