import BpmnModdle, { ModdleElement } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';

import { ElementType, ProcessModel } from '../model/process-model';
import { ExpressionEvaluator } from '../ports/expression-evaluator.port';
import { ModelBuilder } from './model-builder';
import { ModelProblem } from './model-problem';
import { validateModel } from './model-validator';
import { checkXmlSafety } from './xml-guard';

export interface ParsedProcess {
  readonly model: ProcessModel;
  /** The BPMN element ids that the definitions file holds for this process (for diagram rendering). */
  readonly resourceElementIds?: readonly string[];
}

export interface ParseOutcome {
  /** Executable processes, in document order. Empty when there are problems. */
  readonly processes: readonly ProcessModel[];
  /** Ids of processes skipped because they are not marked isExecutable="true" (Camunda skips them too). */
  readonly nonExecutable: readonly string[];
  /** Every reason the file cannot be deployed; the deployment is refused if there is any. */
  readonly problems: readonly ModelProblem[];
}

/**
 * Turns BPMN 2.0 XML (as written by Camunda Modeler or bpmn.io) into executable process models.
 * Camunda's moddle extension is loaded so that camunda:* attributes are understood, and therefore
 * either honoured or refused, never silently dropped.
 */
export class BpmnParser {
  constructor(
    private readonly executableTypes: ReadonlySet<ElementType>,
    private readonly expressions: ExpressionEvaluator,
  ) {}

  async parse(xml: string): Promise<ParseOutcome> {
    const unsafe = checkXmlSafety(xml);
    if (unsafe) return { processes: [], nonExecutable: [], problems: [unsafe] };

    let root: ModdleElement;
    let warnings: { message: string }[];
    try {
      const moddle = new BpmnModdle({ camunda: camundaDescriptor });
      ({ rootElement: root, warnings } = await moddle.fromXML(xml));
    } catch (error) {
      return { processes: [], nonExecutable: [], problems: [xmlProblem(error instanceof Error ? error.message : String(error))] };
    }
    const problems: ModelProblem[] = warnings.map((w) => xmlProblem(w.message));
    if (root.$type !== 'bpmn:Definitions') {
      problems.push({ message: `the document root must be bpmn:definitions, not ${root.$type}` });
      return { processes: [], nonExecutable: [], problems };
    }

    const processes: ProcessModel[] = [];
    const nonExecutable: string[] = [];
    for (const el of (root.rootElements as ModdleElement[] | undefined) ?? []) {
      if (el.$type !== 'bpmn:Process') continue;
      if (el.isExecutable !== true) {
        nonExecutable.push(String(el.id));
        continue;
      }
      const builder = new ModelBuilder(el);
      const model = builder.build();
      problems.push(...builder.problems);
      if (builder.problems.length === 0) problems.push(...validateModel(model, this.executableTypes, this.expressions));
      processes.push(model);
    }
    return { processes: problems.length ? [] : processes, nonExecutable, problems };
  }
}

/** moddle reports positions inside its message text; lift them into fields. */
function xmlProblem(message: string): ModelProblem {
  const line = /line: (\d+)/.exec(message);
  const column = /column: (\d+)/.exec(message);
  const text = message.split('\n')[0].trim();
  const nested = /nested error: (.*)/.exec(message);
  return {
    message: nested ? `${text}: ${nested[1].trim()}` : text,
    line: line ? Number(line[1]) : undefined,
    column: column ? Number(column[1]) : undefined,
  };
}
