/**
 * POST /engine-rest/message — §3.2 validation rules, each alone and in their evaluation order.
 */
import { TestServer } from '../../helpers/test-server';
import {
  deploy, expectDeliveryError, expectError, expectMismatch, expectNoContent, message, noMatch, startWaiting, unique, waitingEventKeys,
} from './message-kit';

const NO_NAME = 'No message name supplied';
const TENANT_CLASH = "Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId'.";
const VARS_WITHOUT_RESULT = "Parameter 'variablesInResultEnabled' cannot be used without 'resultEnabled' set to true.";
const PI_WITH_TENANT = 'ENGINE-13028 Cannot specify a tenant-id when correlate a message to a single process instance.';
const badInteger = (v: string) => ({ value: v, type: 'Integer' });
const cannotConvert = (v: string) => `Cannot convert value '${v}' of type 'Integer' to java type java.lang.Integer`;

describe('POST /engine-rest/message — §3.2 validation', () => {
  let server: TestServer;
  let waiting: string;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-message-catch.bpmn');
    waiting = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey: unique('validation') });
  });
  afterAll(() => server.close());

  describe('each rule alone', () => {
    it("§3.2#1 missing messageName → 400 InvalidRequestException 'No message name supplied'", async () => {
      expectError(await message(server, { businessKey: 'x' }), 400, 'InvalidRequestException', NO_NAME, null);
    });

    it("§3.2#1 messageName null → 400 InvalidRequestException 'No message name supplied'", async () => {
      expectError(await message(server, { messageName: null }), 400, 'InvalidRequestException', NO_NAME, null);
    });

    it('§3.2#2 tenantId with withoutTenantId=true → 400 InvalidRequestException', async () => {
      const res = await message(server, { messageName: 'cm-payment', tenantId: 'tenant-a', withoutTenantId: true });
      expectError(res, 400, 'InvalidRequestException', TENANT_CLASH, null);
    });

    it('§3.2#2 tenantId with withoutTenantId=false is not a validation error (it goes on to matching)', async () => {
      const res = await message(server, { messageName: 'cm-unknown', tenantId: 'tenant-a', withoutTenantId: false });
      expectMismatch(res, noMatch('cm-unknown'));
    });

    it('§3.2#3 variablesInResultEnabled without resultEnabled → 400 InvalidRequestException', async () => {
      const res = await message(server, { messageName: 'cm-payment', variablesInResultEnabled: true });
      expectError(res, 400, 'InvalidRequestException', VARS_WITHOUT_RESULT, null);
    });

    it('§3.2#3 variablesInResultEnabled with resultEnabled=false → 400 InvalidRequestException', async () => {
      const res = await message(server, { messageName: 'cm-payment', resultEnabled: false, variablesInResultEnabled: true });
      expectError(res, 400, 'InvalidRequestException', VARS_WITHOUT_RESULT, null);
    });

    it("§3.2#4 a variable that fails to convert → 400 InvalidRequestException 'Cannot deliver message: …'", async () => {
      const res = await message(server, { messageName: 'cm-payment', processVariables: { amount: badInteger('1abc') } });
      expectDeliveryError(res, cannotConvert('1abc'));
    });

    it('§3.2#5 processInstanceId with tenantId → 400 BadUserRequestException ENGINE-13028, code 0', async () => {
      const res = await message(server, { messageName: 'cm-payment', processInstanceId: waiting, tenantId: 'tenant-a' });
      expectError(res, 400, 'BadUserRequestException', PI_WITH_TENANT, 0);
    });

    it('§3.2#5 processInstanceId with withoutTenantId=true → 400 BadUserRequestException ENGINE-13028, code 0', async () => {
      const res = await message(server, { messageName: 'cm-payment', processInstanceId: waiting, withoutTenantId: true });
      expectError(res, 400, 'BadUserRequestException', PI_WITH_TENANT, 0);
    });

    it('§3.2#5 is checked before matching: the waiting instance is not triggered', async () => {
      const res = await message(server, { messageName: 'cm-payment', processInstanceId: waiting, tenantId: 'tenant-a' });
      expect(res.status).toBe(400);
      expect(await waitingEventKeys(server, waiting)).toEqual(['WaitPayment']);
    });

    it('§3.2 an empty-string messageName passes validation and matches nothing → 400 mismatch', async () => {
      expectMismatch(await message(server, { messageName: '' }), noMatch(''));
    });

    it('§3.2/§3.4 an empty-string messageName with all=true matches nothing → 204', async () => {
      expectNoContent(await message(server, { messageName: '', all: true }));
    });
  });

  describe('evaluation order', () => {
    it('§3.2#1 before #2: no messageName and tenantId+withoutTenantId → reports #1', async () => {
      const res = await message(server, { tenantId: 'tenant-a', withoutTenantId: true });
      expectError(res, 400, 'InvalidRequestException', NO_NAME, null);
    });

    it('§3.2#1 before #3 and #4: no messageName, variablesInResultEnabled alone, bad variable → reports #1', async () => {
      const res = await message(server, { variablesInResultEnabled: true, processVariables: { a: badInteger('1abc') } });
      expectError(res, 400, 'InvalidRequestException', NO_NAME, null);
    });

    it('§3.2#2 before #3: tenant clash and variablesInResultEnabled alone → reports #2', async () => {
      const res = await message(server, { messageName: 'cm-payment', tenantId: 't', withoutTenantId: true, variablesInResultEnabled: true });
      expectError(res, 400, 'InvalidRequestException', TENANT_CLASH, null);
    });

    it('§3.2#2 before #4: tenant clash and a bad variable → reports #2', async () => {
      const res = await message(server, {
        messageName: 'cm-payment', tenantId: 't', withoutTenantId: true, correlationKeys: { a: badInteger('1abc') },
      });
      expectError(res, 400, 'InvalidRequestException', TENANT_CLASH, null);
    });

    it('§3.2#3 before #4: variablesInResultEnabled alone and a bad variable → reports #3', async () => {
      const res = await message(server, { messageName: 'cm-payment', variablesInResultEnabled: true, processVariables: { a: badInteger('1abc') } });
      expectError(res, 400, 'InvalidRequestException', VARS_WITHOUT_RESULT, null);
    });

    it('§3.2#4 before #5: a bad variable with processInstanceId+tenantId → reports #4', async () => {
      const res = await message(server, {
        messageName: 'cm-payment', processInstanceId: waiting, tenantId: 'tenant-a', processVariables: { a: badInteger('1abc') },
      });
      expectDeliveryError(res, cannotConvert('1abc'));
    });

    const MAPS = ['correlationKeys', 'localCorrelationKeys', 'processVariables', 'processVariablesLocal', 'processVariablesToTriggeredScope'];
    it.each(MAPS.map((map, i) => [map, i] as const))(
      '§3.2#4 maps convert in order correlationKeys, localCorrelationKeys, processVariables, processVariablesLocal, processVariablesToTriggeredScope: %s is reported first',
      async (map, i) => {
        // every map from this one on carries a bad value naming its map; the earliest must be reported
        const body: Record<string, unknown> = { messageName: 'cm-payment' };
        for (const later of MAPS.slice(i)) body[later] = { v: badInteger(`bad-${later}`) };
        expectDeliveryError(await message(server, body), cannotConvert(`bad-${map}`));
      },
    );

    it('§3.2#4 within one map, a valid variable before the bad one does not hide the failure', async () => {
      const res = await message(server, {
        messageName: 'cm-payment', processVariables: { good: { value: 1, type: 'Integer' }, bad: badInteger('x1') },
      });
      expectDeliveryError(res, cannotConvert('x1'));
    });
  });
});
