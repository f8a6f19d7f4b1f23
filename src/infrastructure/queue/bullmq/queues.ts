/** Queue and job names, in one place; the worker asserts every job name has exactly one handler. */
export enum QueueName {
  CONTINUATION = 'continuation',
}

export enum JobName {
  CONTINUE = 'continue',
}

/** A continuation job carries only the outbox row id; the row (and the instance) hold the work. */
export interface ContinueJobData {
  readonly outboxId: string;
}

/** What a finished continuation job reports, so API processes can wake requests waiting for it. */
export interface ContinueJobResult {
  readonly processInstanceId?: string;
  readonly outcome: string;
}
