/**
 * POST /engine-rest/message — the global conventions of §1 (base path and engines, JSON handling, error
 * envelope) as they apply to this endpoint.
 */
import { TestServer } from '../../helpers/test-server';
import {
  MESSAGE, correlationTotal, deploy, expectError, expectJson, expectMismatch, expectNoContent, message, noMatch, startWaiting, unique,
  activeElementIds,
} from './message-kit';

const MAPPING_ERROR = { type: 'InvalidRequestException', message: '', code: null };

describe('POST /engine-rest/message — §1 global conventions', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-message-start.bpmn');
    await deploy(server, 'camunda-message-catch.bpmn');
  });
  afterAll(() => server.close());

  const raw = (body: string, contentType = 'application/json') => server.request('POST', MESSAGE, body, { 'content-type': contentType });

  describe('§1.2 JSON handling', () => {
    it('§1.2 JSON responses have content-type exactly application/json (200 result)', async () => {
      const res = await message(server, { messageName: 'cm-order', resultEnabled: true });
      expect(res.status).toBe(200);
      expectJson(res);
    });

    it('§1.2 JSON error responses have content-type exactly application/json', async () => {
      const res = await message(server, { messageName: 'cm-nothing' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/json');
    });

    it('§1.2 malformed JSON → 400 {"type":"InvalidRequestException","message":"","code":null}', async () => {
      const res = await raw('{"messageName": "cm-order",');
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: MAPPING_ERROR });
      expectJson(res);
    });

    it('§1.2 wrong JSON type for a DTO field (messageName an object) → 400 with an empty message', async () => {
      const res = await message(server, { messageName: { name: 'cm-order' } });
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: MAPPING_ERROR });
      expectJson(res);
    });

    it('§1.2 wrong JSON type for a DTO field (processVariables a string) → 400 with an empty message', async () => {
      const res = await message(server, { messageName: 'cm-order', processVariables: 'amount=5' });
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: MAPPING_ERROR });
    });

    it('§1.2 malformed JSON starts nothing', async () => {
      const before = await correlationTotal(server);
      await raw('{"messageName": "cm-order"');
      expect(await correlationTotal(server)).toBe(before);
    });

    it("§1.2 empty body with content-type application/json is {} → 400 'No message name supplied'", async () => {
      const res = await raw('');
      expectError(res, 400, 'InvalidRequestException', 'No message name supplied', null);
    });

    it("§1.2 empty body with content-type 'Application/JSON; charset=UTF-8' (case-insensitive, parameters) is {} too", async () => {
      const res = await raw('', 'Application/JSON; charset=UTF-8');
      expectError(res, 400, 'InvalidRequestException', 'No message name supplied', null);
    });

    it('§1.2 unknown request properties are silently ignored', async () => {
      const before = await correlationTotal(server);
      const res = await message(server, { messageName: 'cm-order', unknownFlag: true, nested: { deep: [1, 2] }, variables: { x: 1 } });
      expectNoContent(res);
      expect(await correlationTotal(server)).toBe(before + 1);
    });

    it('§1.2 explicit nulls in the request read as absent values', async () => {
      const key = unique('nulls');
      const pid = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey: key });
      const res = await message(server, {
        messageName: 'cm-payment', businessKey: key, tenantId: null, processInstanceId: null, correlationKeys: null,
        localCorrelationKeys: null, processVariables: null, processVariablesLocal: null, processVariablesToTriggeredScope: null,
      });
      expectNoContent(res);
      expect(await activeElementIds(server, pid)).toEqual(['Ship']);
    });

    it('§1.2 nulls are emitted: error bodies carry "code":null', async () => {
      const res = await message(server, { businessKey: 'x' });
      expect(res.text).toContain('"code":null');
    });

    it('§1.2 nulls are emitted: result bodies carry "execution":null, "businessKey":null, "tenantId":null', async () => {
      const res = await message(server, { messageName: 'cm-order', resultEnabled: true });
      expect(res.status).toBe(200);
      for (const property of ['"execution":null', '"businessKey":null', '"tenantId":null', '"caseInstanceId":null']) {
        expect(res.text).toContain(property);
      }
    });

    it('§1.2 void operations: 204 with no body and no content type', async () => {
      expectNoContent(await message(server, { messageName: 'cm-order' }));
    });
  });

  describe('§1.1 base path and engines', () => {
    it('§1.1 the default engine is also reachable as /engine-rest/engine/default/message', async () => {
      const before = await correlationTotal(server);
      const res = await server.post('/engine-rest/engine/default/message', { messageName: 'cm-order' });
      expectNoContent(res);
      expect(await correlationTotal(server)).toBe(before + 1);
    });

    it('§1.1 the named-engine path reports errors like the default path', async () => {
      const res = await server.post('/engine-rest/engine/default/message', { messageName: 'cm-nothing' });
      expectMismatch(res, noMatch('cm-nothing'));
    });

    it("§1.1 an unknown engine name → 400 InvalidRequestException 'No process engine available'", async () => {
      const res = await server.post('/engine-rest/engine/no-such-engine/message', { messageName: 'cm-order' });
      expectError(res, 400, 'InvalidRequestException', 'No process engine available', null);
    });

    it('§1.1 without authentication configured an Authorization header is ignored', async () => {
      const res = await server.post(MESSAGE, { messageName: 'cm-order' }, { authorization: 'Basic ZGVtbzpkZW1v' });
      expectNoContent(res);
    });
  });

  describe('§1.3 error envelope', () => {
    it('§1.3 every error body is exactly {type, message, code}', async () => {
      const res = await message(server, { messageName: 'cm-nothing' });
      expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'type']);
    });
  });
});
