/**
 * Request examples for POST /messages and POST /engine-rest/message, from the ordering tutorial the engine
 * is built around (test/fixtures/bpmn/order-process.bpmn). The first is the tutorial's own sample payload,
 * so Swagger UI, the generated Postman collection and SDK users start from what the tutorial sends.
 */
export const TUTORIAL_MESSAGE_EXAMPLES: Record<string, { summary: string; value: Record<string, unknown> }> = {
  paymentReceived: {
    summary: "The tutorial's sample payload: the payment, correlated by the customer",
    value: {
      messageName: 'PaymentReceived',
      correlationKeys: { customer: { value: 'alice', type: 'String' } },
      processVariables: { variable1: { value: '100', type: 'String' }, variable2: { value: 'credit', type: 'String' } },
    },
  },
  orderPlaced: {
    summary: 'An order arrives: starts an instance at the message start event',
    value: { messageName: 'OrderPlaced', businessKey: 'order-1', processVariables: { customer: { value: 'alice', type: 'String' } } },
  },
  informationRequested: {
    summary: 'The customer asks a question (non-interrupting)',
    value: { messageName: 'InformationRequested', correlationKeys: { customer: { value: 'alice', type: 'String' } } },
  },
  orderCancelled: {
    summary: 'The customer cancels, with a reason (interrupting: runs the cancellation subprocess)',
    value: {
      messageName: 'OrderCancelled',
      correlationKeys: { customer: { value: 'alice', type: 'String' } },
      processVariables: { reason: { value: 'I changed my mind', type: 'String' } },
    },
  },
};
