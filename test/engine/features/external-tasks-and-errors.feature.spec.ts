import { EngineHarness } from '../helpers/engine-harness';
import { bpmn, flow } from '../helpers/bpmn';

const external = (id: string, topic: string) => `<bpmn:serviceTask id="${id}" camunda:type="external" camunda:topic="${topic}" />`;
const errors = `<bpmn:error id="Error_Declined" name="Declined" errorCode="CARD_DECLINED" camunda:errorMessage="The card was declined" />
  <bpmn:error id="Error_Fraud" name="Fraud" errorCode="FRAUD" />`;

/**
 *   (start) → [[ payment: (s) → {charge card} → (e) ]] → [ship] → (end)
 *                 │ error CARD_DECLINED on {charge card}     │ any error on the subprocess
 *                 ↓                                         ↓
 *              [ask for another card] → (asked)          [investigate] → (investigated)
 */
const PAYMENT = bpmn(
  'payment',
  `
  <bpmn:startEvent id="Start" />
  <bpmn:subProcess id="Payment">
    <bpmn:startEvent id="PayStart" />
    ${external('ChargeCard', 'charge-card')}
    <bpmn:boundaryEvent id="Declined" attachedToRef="ChargeCard">
      <bpmn:errorEventDefinition errorRef="Error_Declined" camunda:errorCodeVariable="errorCode" camunda:errorMessageVariable="errorMessage" />
    </bpmn:boundaryEvent>
    <bpmn:userTask id="AskForAnotherCard" />
    <bpmn:endEvent id="Asked" />
    <bpmn:endEvent id="PayEnd" />
    ${flow('p1', 'PayStart', 'ChargeCard')}
    ${flow('p2', 'ChargeCard', 'PayEnd')}
    ${flow('p3', 'Declined', 'AskForAnotherCard')}
    ${flow('p4', 'AskForAnotherCard', 'Asked')}
  </bpmn:subProcess>
  <bpmn:boundaryEvent id="AnyError" attachedToRef="Payment"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
  <bpmn:userTask id="Ship" />
  <bpmn:userTask id="Investigate" />
  <bpmn:endEvent id="End" />
  <bpmn:endEvent id="Investigated" />
  ${flow('f1', 'Start', 'Payment')}
  ${flow('f2', 'Payment', 'Ship')}
  ${flow('f3', 'Ship', 'End')}
  ${flow('f4', 'AnyError', 'Investigate')}
  ${flow('f5', 'Investigate', 'Investigated')}`,
).replace('</bpmn:definitions>', `${errors}</bpmn:definitions>`);

describe('Feature: external tasks and BPMN errors', () => {
  let engine: EngineHarness;
  let pi: string;
  beforeEach(async () => {
    engine = new EngineHarness();
    await engine.deploy(PAYMENT);
    pi = engine.start('payment');
  });

  it('Scenario: a service task waits as an external task until a worker completes it', () => {
    expect(engine.externalTasks(pi)).toEqual(['ChargeCard']);
    expect(engine.activeElements(pi)).toEqual(['ChargeCard']);
    engine.completeExternal(pi, 'ChargeCard', { transactionId: 'tx-1' });
    expect(engine.externalTasks(pi)).toEqual([]);
    expect(engine.openTasks(pi)).toEqual(['Ship']);
    expect(engine.variable(pi, 'transactionId')).toBe('tx-1');
  });

  it('Scenario: a BPMN error is caught by the matching boundary event on the task', () => {
    engine.bpmnError(pi, 'ChargeCard', 'CARD_DECLINED', 'insufficient funds');
    expect(engine.openTasks(pi)).toEqual(['AskForAnotherCard']);
    expect(engine.externalTasks(pi)).toEqual([]);
    // camunda:errorCodeVariable and errorMessageVariable are written like setVariable: to the process scope
    expect(engine.variable(pi, 'errorCode')).toBe('CARD_DECLINED');
    expect(engine.variable(pi, 'errorMessage')).toBe('insufficient funds');
    expect(engine.activeElements(pi)).toEqual(['AskForAnotherCard']);
  });

  it('Scenario: an error the task does not catch propagates to the subprocess boundary that catches all errors', () => {
    engine.bpmnError(pi, 'ChargeCard', 'FRAUD');
    expect(engine.openTasks(pi)).toEqual(['Investigate']);
    expect(engine.trail(pi)).toEqual(expect.arrayContaining(['x:ChargeCard', 'x:Payment', 'AnyError']));
  });

  it('Scenario: an uncaught BPMN error ends the token that threw it', async () => {
    await engine.deploy(
      bpmn('lonely', `<bpmn:startEvent id="S" />${external('Work', 'work')}<bpmn:userTask id="Next" />${flow('a', 'S', 'Work')}${flow('b', 'Work', 'Next')}`),
    );
    const lonely = engine.start('lonely');
    engine.bpmnError(lonely, 'Work', 'ANYTHING');
    expect(engine.state(lonely).status).toBe('completed');
    expect(engine.openTasks(lonely)).toEqual([]);
  });

  it('Scenario: an error end event in a subprocess is caught by the boundary event on the subprocess', async () => {
    await engine.deploy(
      bpmn(
        'throwing',
        `<bpmn:startEvent id="S" />
         <bpmn:subProcess id="Sub"><bpmn:startEvent id="SS" />
           <bpmn:endEvent id="Fail"><bpmn:errorEventDefinition errorRef="Error_Fraud" /></bpmn:endEvent>${flow('s1', 'SS', 'Fail')}
         </bpmn:subProcess>
         <bpmn:boundaryEvent id="Caught" attachedToRef="Sub"><bpmn:errorEventDefinition errorRef="Error_Fraud" camunda:errorCodeVariable="code" /></bpmn:boundaryEvent>
         <bpmn:userTask id="Handle" /><bpmn:userTask id="Normal" />
         ${flow('a', 'S', 'Sub')}${flow('b', 'Sub', 'Normal')}${flow('c', 'Caught', 'Handle')}`,
      ).replace('</bpmn:definitions>', `${errors}</bpmn:definitions>`),
    );
    const throwing = engine.start('throwing');
    expect(engine.openTasks(throwing)).toEqual(['Handle']);
    expect(engine.variable(throwing, 'code')).toBe('FRAUD');
    expect(engine.trail(throwing)).toEqual(['S', 'SS', 'x:Fail', 'x:Sub', 'Caught']);
  });
});
