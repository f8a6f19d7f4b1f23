import { ModelProblem } from './model-problem';

/**
 * A DOCTYPE is never needed in BPMN and is how XML entity attacks (XXE, billion laughs) get in, so it is
 * refused before any parser sees the document.
 */
export function checkXmlSafety(xml: string): ModelProblem | null {
  if (/<!DOCTYPE/i.test(xml)) {
    return { message: 'XML with a DOCTYPE declaration is not accepted (entities could be used for XXE or entity expansion attacks)' };
  }
  if (/<!ENTITY/i.test(xml)) {
    return { message: 'XML entity declarations are not accepted' };
  }
  return null;
}
