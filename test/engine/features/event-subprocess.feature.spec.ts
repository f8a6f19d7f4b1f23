import { EngineHarness } from '../helpers/engine-harness';
import { bpmn, flow, msg } from '../helpers/bpmn';

/**
 * The tutorial's order process with two event subprocesses:
 *
 *   (start) → [review] ─┬→ (payment) → [ship] → (end)
 *                       └→ [prepare invoice] → (end2)
 *   ┌ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ┐    non-interrupting:
 *     (info requested) → [answer customer] → (answered)
 *   ┌ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ┐    interrupting:
 *     (order cancelled) → [[cancellation: (s) → [delete order] → (e)]] → (cancelled)
 */
const ORDER = bpmn(
  'order',
  `
  <bpmn:startEvent id="Start" />
  <bpmn:userTask id="Review" />
  <bpmn:parallelGateway id="Fork" />
  <bpmn:intermediateCatchEvent id="Payment">${msg('payment')}</bpmn:intermediateCatchEvent>
  <bpmn:userTask id="PrepareInvoice" />
  <bpmn:task id="Ship" />
  <bpmn:endEvent id="End" />
  <bpmn:endEvent id="End2" />
  ${flow('f1', 'Start', 'Review')}
  ${flow('f2', 'Review', 'Fork')}
  ${flow('f3', 'Fork', 'Payment')}
  ${flow('f4', 'Fork', 'PrepareInvoice')}
  ${flow('f5', 'Payment', 'Ship')}
  ${flow('f6', 'Ship', 'End')}
  ${flow('f7', 'PrepareInvoice', 'End2')}
  <bpmn:subProcess id="InfoRequest" triggeredByEvent="true">
    <bpmn:startEvent id="InfoRequested" isInterrupting="false">${msg('info-request')}</bpmn:startEvent>
    <bpmn:userTask id="AnswerCustomer" />
    <bpmn:endEvent id="Answered" />
    ${flow('i1', 'InfoRequested', 'AnswerCustomer')}
    ${flow('i2', 'AnswerCustomer', 'Answered')}
  </bpmn:subProcess>
  <bpmn:subProcess id="Cancellation" triggeredByEvent="true">
    <bpmn:startEvent id="OrderCancelled">${msg('cancel-order')}</bpmn:startEvent>
    <bpmn:subProcess id="CancelOrder">
      <bpmn:startEvent id="CancelStart" />
      <bpmn:userTask id="DeleteOrder" />
      <bpmn:endEvent id="CancelEnd" />
      ${flow('c1', 'CancelStart', 'DeleteOrder')}
      ${flow('c2', 'DeleteOrder', 'CancelEnd')}
    </bpmn:subProcess>
    <bpmn:endEvent id="Cancelled" />
    ${flow('x1', 'OrderCancelled', 'CancelOrder')}
    ${flow('x2', 'CancelOrder', 'Cancelled')}
  </bpmn:subProcess>`,
  ['payment', 'info-request', 'cancel-order'],
);

describe('Feature: message event subprocesses', () => {
  let engine: EngineHarness;
  let order: string;
  beforeEach(async () => {
    engine = new EngineHarness();
    await engine.deploy(ORDER);
    order = engine.start('order', { orderId: 'A-1' });
    engine.completeTask(order, 'Review');
  });

  it('Scenario: the main path waits while both event subprocesses listen', () => {
    expect(engine.activeElements(order)).toEqual(['Payment', 'PrepareInvoice']);
    expect(engine.waitingFor(order)).toEqual(['InfoRequested:info-request', 'OrderCancelled:cancel-order', 'Payment:payment']);
  });

  it('Scenario: a non-interrupting message adds a task while the main path keeps its tasks', () => {
    engine.message('info-request', { processInstanceId: order }, { question: 'when?' });
    expect(engine.activeElements(order)).toEqual(['AnswerCustomer', 'Payment', 'PrepareInvoice']);
    expect(engine.openTasks(order)).toEqual(['AnswerCustomer', 'PrepareInvoice']);
    // it keeps listening: a second request adds a second answer task
    engine.message('info-request', { processInstanceId: order });
    expect(engine.openTasks(order)).toEqual(['AnswerCustomer', 'AnswerCustomer', 'PrepareInvoice']);
    expect(engine.waitingFor(order)).toContain('InfoRequested:info-request');
    expect(engine.variable(order, 'question')).toBe('when?');
    // answering the customer does not end the order
    engine.completeTask(order, 'AnswerCustomer');
    expect(engine.state(order).status).toBe('running');
  });

  it('Scenario: an interrupting message removes every wait state of the main path and runs the cancellation', () => {
    engine.message('info-request', { processInstanceId: order });
    engine.message('cancel-order', { processInstanceId: order }, { reason: 'changed my mind' });

    expect(engine.activeElements(order)).toEqual(['DeleteOrder']);
    expect(engine.openTasks(order)).toEqual(['DeleteOrder']);
    expect(engine.waitingFor(order)).toEqual([]);
    expect(engine.variable(order, 'reason')).toBe('changed my mind');
    expect(engine.trail(order)).toEqual(expect.arrayContaining(['x:Payment', 'x:PrepareInvoice', 'x:AnswerCustomer', 'x:InfoRequest']));

    engine.completeTask(order, 'DeleteOrder');
    expect(engine.state(order).status).toBe('completed');
    expect(engine.trail(order).slice(-4)).toEqual(['CancelOrder', 'Cancelled', 'Cancellation', 'order']);
  });

  it('Scenario: when the main path ends, the event subprocesses stop listening', () => {
    engine.completeTask(order, 'PrepareInvoice');
    engine.message('payment', { processInstanceId: order });
    expect(engine.state(order).status).toBe('completed');
    expect(engine.waitingFor(order)).toEqual([]);
    expect(() => engine.message('cancel-order', { processInstanceId: order })).toThrow('no-match');
  });
});
