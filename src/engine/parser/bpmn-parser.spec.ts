import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EXECUTABLE_TYPES } from '../behaviours/behaviour-registry';
import { FeelExpressionEvaluator } from '../expressions/feel-expression-evaluator';
import { messageStartEvents } from '../model/process-model';
import { BpmnParser } from './bpmn-parser';

const parser = new BpmnParser(EXECUTABLE_TYPES, new FeelExpressionEvaluator());
const fixture = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures/bpmn', name), 'utf8');

const wrap = (body: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>${extra}
</bpmn:definitions>`;

describe('BpmnParser', () => {
  it('parses a Camunda Modeler file with diagram interchange', async () => {
    const outcome = await parser.parse(fixture('order-process.bpmn'));
    expect(outcome.problems).toEqual([]);
    const [model] = outcome.processes;
    expect(model.key).toBe('order-process');
    expect(model.name).toBe('Order process');
    expect(model.historyTimeToLive).toBe('180');
    expect(messageStartEvents(model)).toEqual([{ elementId: 'OrderPlaced', messageName: 'OrderPlaced' }]);
    expect(model.elements['order-process'].eventSubProcessIds).toEqual(['InformationRequest', 'Cancellation']);
    expect(model.elements.OrderCancelled.isInterrupting).toBe(true);
    expect(model.elements.InformationRequested.isInterrupting).toBe(false);
    expect(model.elements.ReviewOrder.userTask?.candidateGroups).toBe('sales');
    expect(model.elements.DeleteOrder.parentId).toBe('CancelOrder');
  });

  it('derives incoming and outgoing flows from sequenceFlow elements alone', async () => {
    const outcome = await parser.parse(
      wrap(`<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>`),
    );
    expect(outcome.problems).toEqual([]);
    const model = outcome.processes[0];
    expect(model.elements.t.incoming).toEqual(['f1']);
    expect(model.elements.t.outgoing).toEqual(['f2']);
  });

  it('skips processes that are not executable, as Camunda does', async () => {
    const outcome = await parser.parse(wrap('<bpmn:startEvent id="s"/>').replace('isExecutable="true"', 'isExecutable="false"'));
    expect(outcome.processes).toEqual([]);
    expect(outcome.nonExecutable).toEqual(['p']);
    expect(outcome.problems).toEqual([]);
  });

  it('names each element the engine cannot execute, and why', async () => {
    const outcome = await parser.parse(
      wrap(
        `<bpmn:startEvent id="s"/>
         <bpmn:scriptTask id="script" scriptFormat="javascript"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
         <bpmn:serviceTask id="java" camunda:class="com.example.Pay"/>
         <bpmn:userTask id="listening"><bpmn:extensionElements><camunda:taskListener event="create" class="x"/></bpmn:extensionElements></bpmn:userTask>
         <bpmn:intermediateCatchEvent id="timer"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>
         <bpmn:userTask id="multi"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>`,
      ),
    );
    expect(outcome.processes).toEqual([]);
    const byElement = (id: string) => outcome.problems.filter((p) => p.elementId === id).map((p) => p.message).join(' | ');
    expect(byElement('script')).toMatch(/ScriptTask> is not supported/);
    expect(byElement('java')).toMatch(/camunda:class/);
    expect(byElement('listening')).toMatch(/TaskListener/);
    expect(byElement('timer')).toMatch(/TimerEventDefinition events are not supported/);
    expect(byElement('multi')).toMatch(/multi-instance/);
  });

  it('reports malformed XML with its position', async () => {
    const outcome = await parser.parse('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">');
    expect(outcome.processes).toEqual([]);
    expect(outcome.problems[0].message).toMatch(/unclosed tag|unparsable/);
  });

  it('refuses a DOCTYPE before parsing (XXE, entity expansion)', async () => {
    const outcome = await parser.parse(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${wrap('<bpmn:startEvent id="s"/>')}`);
    expect(outcome.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('DOCTYPE') })]);
  });

  it('rejects invalid conditions and conditions on parallel gateways', async () => {
    const outcome = await parser.parse(
      wrap(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="g"/><bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
        <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${bean.call()}</bpmn:conditionExpression></bpmn:sequenceFlow>`),
    );
    const messages = outcome.problems.filter((p) => p.elementId === 'f2').map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringContaining('invalid condition'), expect.stringContaining('cannot have a condition')]),
    );
  });

  it('rejects two boundary events on one activity waiting for the same message', async () => {
    const outcome = await parser.parse(
      wrap(
        `<bpmn:startEvent id="s"/><bpmn:userTask id="t"/>
         <bpmn:boundaryEvent id="b1" attachedToRef="t"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="b2" attachedToRef="t"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
         <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/>`,
        '<bpmn:message id="m" name="cancel"/>',
      ),
    );
    expect(outcome.problems.map((p) => p.elementId).sort()).toEqual(['b1', 'b2']);
  });

  it('requires a message name on message events', async () => {
    const outcome = await parser.parse(
      wrap('<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>', '<bpmn:message id="m"/>'),
    );
    expect(outcome.problems).toEqual([{ elementId: 's', message: "message 'm' has no name" }]);
  });
});
