/** One reason a model cannot be deployed, tied to the BPMN element it concerns when there is one. */
export interface ModelProblem {
  readonly elementId?: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export function formatProblem(problem: ModelProblem): string {
  const where = problem.elementId ? `${problem.elementId}: ` : '';
  const at = problem.line !== undefined ? ` | line ${problem.line} | column ${problem.column ?? 0}` : '';
  return `${where}${problem.message}${at}`;
}
