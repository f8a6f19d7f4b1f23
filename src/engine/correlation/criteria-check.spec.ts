import { TypedValue } from '../variables/typed-value';
import { WaitingFacts, checkCriteria } from './criteria-check';

const facts = (vars: Record<string, TypedValue[]> = {}, local: Record<string, TypedValue> = {}): WaitingFacts => ({
  processInstanceId: 'pi-1',
  businessKey: 'order-1',
  tenantId: 'tenant-a',
  variables: (name) => vars[name] ?? [],
  localVariable: (name) => local[name],
});

describe('checkCriteria', () => {
  it('matches when every criterion holds', () => {
    expect(
      checkCriteria(
        { messageName: 'm', businessKey: 'order-1', processInstanceId: 'pi-1', tenantId: 'tenant-a', correlationKeys: { customer: { type: 'String', value: 'alice' } } },
        facts({ customer: [{ type: 'String', value: 'alice' }] }),
      ),
    ).toEqual([]);
  });

  it('names each failing criterion with what was expected and found', () => {
    const mismatches = checkCriteria(
      {
        messageName: 'm',
        businessKey: 'order-2',
        processInstanceId: 'pi-9',
        tenantId: 'tenant-b',
        correlationKeys: { amount: { type: 'Integer', value: 5 }, customer: { type: 'String', value: 'bob' } },
        localCorrelationKeys: { step: { type: 'String', value: 'x' } },
      },
      facts({ amount: [{ type: 'Long', value: 5 }], customer: [] }),
    );
    expect(mismatches).toEqual([
      { criterion: 'processInstanceId', expected: 'pi-9', actual: 'pi-1' },
      { criterion: 'businessKey', expected: 'order-2', actual: 'order-1' },
      { criterion: 'tenant', expected: 'tenant-b', actual: 'tenant-a' },
      { criterion: 'correlationKey', name: 'amount', expected: 'Integer 5', actual: 'Long 5' },
      { criterion: 'correlationKey', name: 'customer', expected: 'String "bob"', actual: 'no such variable' },
      { criterion: 'localCorrelationKey', name: 'step', expected: 'String "x"', actual: 'no such local variable' },
    ]);
  });

  it('treats withoutTenantId as "no tenant" and a Null criterion as any null value', () => {
    expect(checkCriteria({ messageName: 'm', withoutTenantId: true }, facts())).toEqual([
      { criterion: 'tenant', expected: 'no tenant', actual: 'tenant-a' },
    ]);
    expect(checkCriteria({ messageName: 'm', correlationKeys: { x: { type: 'Null', value: null } } }, facts({ x: [{ type: 'Integer', value: null }] }))).toEqual([]);
  });
});
