import { EngineHarness, typed } from '../helpers/engine-harness';
import { bpmn, flow, msg } from '../helpers/bpmn';

/**
 * The ordering process of the tutorial (seed 000):
 *
 *   (order placed) → [review order] → (payment received) → [ship order] → (shipped)
 *      message          user task       message catch         task          end
 */
const ORDERING = bpmn(
  'order-process',
  `
  <bpmn:startEvent id="OrderPlaced">${msg('order-placed')}</bpmn:startEvent>
  <bpmn:userTask id="ReviewOrder" name="Review order" />
  <bpmn:intermediateCatchEvent id="PaymentReceived">${msg('payment-received')}</bpmn:intermediateCatchEvent>
  <bpmn:task id="ShipOrder" name="Ship order" />
  <bpmn:endEvent id="OrderShipped" />
  ${flow('f1', 'OrderPlaced', 'ReviewOrder')}
  ${flow('f2', 'ReviewOrder', 'PaymentReceived')}
  ${flow('f3', 'PaymentReceived', 'ShipOrder')}
  ${flow('f4', 'ShipOrder', 'OrderShipped')}`,
  ['order-placed', 'payment-received'],
);

describe('Feature: the ordering tutorial process', () => {
  let engine: EngineHarness;
  beforeEach(async () => {
    engine = new EngineHarness();
    await engine.deploy(ORDERING);
  });

  it('Scenario: an order message starts the process, review and payment move it to the end', () => {
    // Given an order placed by message, with the customer as a process variable
    const [order] = engine.correlate(
      { messageName: 'order-placed', businessKey: 'order-1' },
      { processVariables: typed({ customer: 'alice', amount: 100 }) },
    );
    // Then it waits at the review task, and the payment event is not waiting yet
    expect(engine.activeElements(order)).toEqual(['ReviewOrder']);
    expect(engine.openTasks(order)).toEqual(['ReviewOrder']);
    expect(engine.waitingFor(order)).toEqual([]);
    expect(engine.variable(order, 'customer')).toBe('alice');

    // When the review is completed
    engine.completeTask(order, 'ReviewOrder', { approved: true });
    // Then the instance waits for the payment
    expect(engine.activeElements(order)).toEqual(['PaymentReceived']);
    expect(engine.waitingFor(order)).toEqual(['PaymentReceived:payment-received']);

    // When the payment message arrives for this customer
    engine.message('payment-received', { correlationKeys: typed({ customer: 'alice' }) }, { paymentMethod: 'credit' });
    // Then the order is shipped and the instance has completed, with the payment's variables
    expect(engine.state(order).status).toBe('completed');
    expect(engine.activeElements(order)).toEqual([]);
    expect(engine.trail(order)).toEqual([
      'OrderPlaced', 'ReviewOrder', 'PaymentReceived', 'ShipOrder', 'OrderShipped', 'order-process',
    ]);
    expect(engine.variable(order, 'paymentMethod')).toBe('credit');
    expect(engine.variable(order, 'approved')).toBe(true);
  });

  it('Scenario: a payment for another customer does not correlate', () => {
    const [order] = engine.correlate({ messageName: 'order-placed' }, { processVariables: typed({ customer: 'alice' }) });
    engine.completeTask(order, 'ReviewOrder');
    expect(() => engine.message('payment-received', { correlationKeys: typed({ customer: 'bob' }) })).toThrow('no-match');
    expect(engine.waitingFor(order)).toEqual(['PaymentReceived:payment-received']);
  });

  it('Scenario: correlation keys match type-exactly', () => {
    const [order] = engine.correlate({ messageName: 'order-placed' }, { processVariables: typed({ orderNo: 42 }) });
    engine.completeTask(order, 'ReviewOrder');
    // Integer 42 is stored; the String "42" does not match it
    expect(() => engine.message('payment-received', { correlationKeys: { orderNo: { type: 'String', value: '42' } } })).toThrow('no-match');
    expect(() => engine.message('payment-received', { correlationKeys: { orderNo: { type: 'Long', value: 42 } } })).toThrow('no-match');
    engine.message('payment-received', { correlationKeys: { orderNo: { type: 'Integer', value: 42 } } });
    expect(engine.state(order).status).toBe('completed');
  });
});
