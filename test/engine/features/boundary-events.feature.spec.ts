import { EngineHarness } from '../helpers/engine-harness';
import { bpmn, flow, msg } from '../helpers/bpmn';

/**
 *   (start) → [[ handle order: (s) → [pack] → (parcel sent) → (e) ]] → [close] → (end)
 *                    │ interrupting (cancel)        │ non-interrupting (remind)
 *                    ↓                              ↓
 *                 [refund] → (refunded)          [send reminder] → (reminded)
 * plus a receive task with an interrupting boundary on it.
 */
const PROCESS = bpmn(
  'boundaries',
  `
  <bpmn:startEvent id="Start" />
  <bpmn:subProcess id="HandleOrder">
    <bpmn:startEvent id="SubStart" />
    <bpmn:userTask id="Pack" />
    <bpmn:intermediateCatchEvent id="ParcelSent">${msg('parcel-sent')}</bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="SubEnd" />
    ${flow('s1', 'SubStart', 'Pack')}
    ${flow('s2', 'Pack', 'ParcelSent')}
    ${flow('s3', 'ParcelSent', 'SubEnd')}
  </bpmn:subProcess>
  <bpmn:boundaryEvent id="Cancel" attachedToRef="HandleOrder">${msg('cancel')}</bpmn:boundaryEvent>
  <bpmn:boundaryEvent id="Remind" attachedToRef="HandleOrder" cancelActivity="false">${msg('remind')}</bpmn:boundaryEvent>
  <bpmn:userTask id="Refund" />
  <bpmn:userTask id="SendReminder" />
  <bpmn:receiveTask id="AwaitFeedback" messageRef="Message_feedback" />
  <bpmn:boundaryEvent id="NoFeedback" attachedToRef="AwaitFeedback">${msg('give-up')}</bpmn:boundaryEvent>
  <bpmn:endEvent id="Refunded" />
  <bpmn:endEvent id="Reminded" />
  <bpmn:endEvent id="End" />
  <bpmn:endEvent id="GaveUp" />
  ${flow('f1', 'Start', 'HandleOrder')}
  ${flow('f2', 'HandleOrder', 'AwaitFeedback')}
  ${flow('f3', 'AwaitFeedback', 'End')}
  ${flow('f4', 'Cancel', 'Refund')}
  ${flow('f5', 'Refund', 'Refunded')}
  ${flow('f6', 'Remind', 'SendReminder')}
  ${flow('f7', 'SendReminder', 'Reminded')}
  ${flow('f8', 'NoFeedback', 'GaveUp')}`,
  ['parcel-sent', 'cancel', 'remind', 'feedback', 'give-up'],
);

describe('Feature: message boundary events', () => {
  let engine: EngineHarness;
  let pi: string;
  beforeEach(async () => {
    engine = new EngineHarness();
    await engine.deploy(PROCESS);
    pi = engine.start('boundaries');
  });

  it('Scenario: boundary events listen while their subprocess runs', () => {
    expect(engine.activeElements(pi)).toEqual(['Pack']);
    expect(engine.waitingFor(pi)).toEqual(['Cancel:cancel', 'Remind:remind']);
  });

  it('Scenario: a non-interrupting boundary event starts a parallel path and keeps the subprocess', () => {
    engine.message('remind', { processInstanceId: pi });
    expect(engine.activeElements(pi)).toEqual(['Pack', 'SendReminder']);
    expect(engine.waitingFor(pi)).toEqual(['Cancel:cancel', 'Remind:remind']);
    engine.completeTask(pi, 'SendReminder');
    engine.completeTask(pi, 'Pack');
    expect(engine.activeElements(pi)).toEqual(['ParcelSent']);
  });

  it('Scenario: an interrupting boundary event terminates the subprocess and everything in it', () => {
    engine.completeTask(pi, 'Pack');
    engine.message('remind', { processInstanceId: pi });
    expect(engine.waitingFor(pi)).toEqual(['Cancel:cancel', 'ParcelSent:parcel-sent', 'Remind:remind']);
    engine.message('cancel', { processInstanceId: pi });
    // the reminder path is outside the subprocess and survives; everything inside is gone
    expect(engine.activeElements(pi)).toEqual(['Refund', 'SendReminder']);
    expect(engine.waitingFor(pi)).toEqual([]);
    expect(engine.trail(pi)).toEqual(expect.arrayContaining(['x:ParcelSent', 'x:HandleOrder', 'Cancel']));
    engine.completeTask(pi, 'Refund');
    engine.completeTask(pi, 'SendReminder');
    expect(engine.state(pi).status).toBe('completed');
  });

  it('Scenario: when the subprocess completes, its boundary events stop listening', () => {
    engine.completeTask(pi, 'Pack');
    engine.message('parcel-sent', { processInstanceId: pi });
    expect(engine.activeElements(pi)).toEqual(['AwaitFeedback']);
    expect(engine.waitingFor(pi)).toEqual(['AwaitFeedback:feedback', 'NoFeedback:give-up']);
  });

  it('Scenario: a receive task completes on its message and drops its boundary subscription', () => {
    engine.completeTask(pi, 'Pack');
    engine.message('parcel-sent', { processInstanceId: pi });
    engine.message('feedback', { processInstanceId: pi }, { stars: 5 });
    expect(engine.state(pi).status).toBe('completed');
    expect(engine.trail(pi).slice(-3)).toEqual(['AwaitFeedback', 'End', 'boundaries']);
    expect(engine.variable(pi, 'stars')).toBe(5);
  });

  it('Scenario: an interrupting boundary event on a receive task', () => {
    engine.completeTask(pi, 'Pack');
    engine.message('parcel-sent', { processInstanceId: pi });
    engine.message('give-up', { processInstanceId: pi });
    expect(engine.state(pi).status).toBe('completed');
    expect(engine.trail(pi).slice(-4)).toEqual(['x:AwaitFeedback', 'NoFeedback', 'GaveUp', 'boundaries']);
  });
});
