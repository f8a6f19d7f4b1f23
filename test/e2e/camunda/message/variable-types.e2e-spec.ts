/**
 * POST /engine-rest/message — §2 variable value objects: type resolution, per-type conversion (errors
 * prefixed `Cannot deliver message: `, §2.4), stored forms, and §2.7 types that cannot be correlation keys.
 */
import { TestServer } from '../../helpers/test-server';
import {
  Typed, deploy, expectDeliveryError, expectError, message, out, startWaiting, unique, variables, waitingEventKeys,
} from './message-kit';

const convert = (value: string, type: string, javaClass: string) => `Cannot convert value '${value}' of type '${type}' to java type ${javaClass}`;
const serialized = (type: string) => `Must provide 'null' or String value for value of SerializableValue type '${type}'.`;

/** [rule label, variable as sent, message after the `Cannot deliver message: ` prefix] — all 400. */
const CONVERSION_ERRORS: [string, Typed, string][] = [
  ["Integer '1abc'", { value: '1abc', type: 'Integer' }, convert('1abc', 'Integer', 'java.lang.Integer')],
  ['Integer 4.5', { value: 4.5, type: 'Integer' }, convert('4.5', 'Integer', 'java.lang.Integer')],
  ['Integer 3000000000', { value: 3000000000, type: 'Integer' }, convert('3000000000', 'Integer', 'java.lang.Integer')],
  ['Integer 2147483648 (one above the 32-bit range)', { value: 2147483648, type: 'Integer' }, convert('2147483648', 'Integer', 'java.lang.Integer')],
  ['Short 32768 (16-bit overflow)', { value: 32768, type: 'Short' }, convert('32768', 'Short', 'java.lang.Short')],
  ["Short 'abc'", { value: 'abc', type: 'Short' }, convert('abc', 'Short', 'java.lang.Short')],
  ["Long 'abc'", { value: 'abc', type: 'Long' }, convert('abc', 'Long', 'java.lang.Long')],
  ["Double 'abc'", { value: 'abc', type: 'Double' }, convert('abc', 'Double', 'java.lang.Double')],
  ["Boolean 'yes'", { value: 'yes', type: 'Boolean' }, convert('yes', 'Boolean', 'java.lang.Boolean')],
  ["Date 'not a date'", { value: 'not a date', type: 'Date' }, convert('not a date', 'Date', 'java.util.Date')],
  ['Date without milliseconds', { value: '2013-01-23T13:42:42+0200', type: 'Date' }, convert('2013-01-23T13:42:42+0200', 'Date', 'java.util.Date')],
  ['Date as epoch number', { value: 1358941362000, type: 'Date' }, convert('1358941362000', 'Date', 'java.util.Date')],
  ["Bytes '!!!' (not base64)", { value: '!!!', type: 'Bytes' }, convert('!!!', 'Bytes', '[B')],
  ["Null with value 'x'", { value: 'x', type: 'Null' }, convert('x', 'Null', 'javax.lang.model.type.NullType')],
  ['Json with an object value', { value: { a: 1 }, type: 'Json' }, serialized('Json')],
  ['Json with a number value', { value: 5, type: 'Json' }, serialized('Json')],
  ['Xml with a number value', { value: 5, type: 'Xml' }, serialized('Xml')],
  ['Object with an object value', { value: { a: 1 }, type: 'Object' }, serialized('Object')],
  ["type 'STRING' (only the first letter is case-folded)", { value: 'x', type: 'STRING' }, "Unsupported value type 'STRING'"],
  ["type 'Int'", { value: 1, type: 'Int' }, "Unsupported value type 'Int'"],
  ["type 'JSON'", { value: '{}', type: 'JSON' }, "Unsupported value type 'JSON'"],
  ["type 'Decimal'", { value: 1, type: 'Decimal' }, "Unsupported value type 'Decimal'"],
  ["Integer with valueInfo.transient 'yes' (not a JSON boolean)", { value: 5, type: 'Integer', valueInfo: { transient: 'yes' } }, convert('5', 'Integer', 'java.lang.Integer')],
];

/** [rule label, variable as sent, stored form read back through GET /process_instances/{id}/variables]. */
const ACCEPTED: [string, Typed, unknown][] = [
  ["Integer '42' (numeric string)", { value: '42', type: 'Integer' }, out('Integer', 42)],
  ['Integer -2147483648 (lower bound)', { value: -2147483648, type: 'Integer' }, out('Integer', -2147483648)],
  ['String 5 (number stringified)', { value: 5, type: 'String' }, out('String', '5')],
  ['String true (boolean stringified)', { value: true, type: 'String' }, out('String', 'true')],
  ["Short '7'", { value: '7', type: 'Short' }, out('Short', 7)],
  ['Short 32767 (upper bound)', { value: 32767, type: 'Short' }, out('Short', 32767)],
  ['Long 3000000000', { value: 3000000000, type: 'Long' }, out('Long', 3000000000)],
  ["Long '5'", { value: '5', type: 'Long' }, out('Long', 5)],
  ["Double '4.5'", { value: '4.5', type: 'Double' }, out('Double', 4.5)],
  ['Double 5 (integer JSON number)', { value: 5, type: 'Double' }, out('Double', 5)],
  ["Boolean 'true' (string)", { value: 'true', type: 'Boolean' }, out('Boolean', true)],
  ['Boolean false', { value: false, type: 'Boolean' }, out('Boolean', false)],
  ['Date in the REST format with +0200', { value: '2013-01-23T13:42:42.000+0200', type: 'Date' }, out('Date', '2013-01-23T11:42:42.000+0000')],
  ['Bytes base64', { value: 'aGVsbG8=', type: 'Bytes' }, out('Bytes', 'aGVsbG8=')],
  ['Null null', { value: null, type: 'Null' }, out('Null', null)],
  ['Json text', { value: '{"a":1}', type: 'Json' }, out('Json', '{"a":1}')],
  ['Xml text', { value: '<a>1</a>', type: 'Xml' }, out('Xml', '<a>1</a>')],
  ['Object serialized text with valueInfo', {
    value: '{"a":1}', type: 'Object', valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' },
  }, { type: 'Object', value: '{"a":1}', valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' } }],
  ['File with valueInfo filename/mimeType/encoding', {
    value: 'aGVsbG8=', type: 'File', valueInfo: { filename: 'hello.txt', mimeType: 'text/plain', encoding: 'UTF-8' },
  }, { type: 'File', value: null, valueInfo: { filename: 'hello.txt', mimeType: 'text/plain', encoding: 'UTF-8' } }],
  ["lower-case first letter 'string'", { value: 'x', type: 'string' }, out('String', 'x')],
  ["lower-case first letter 'integer'", { value: 5, type: 'integer' }, out('Integer', 5)],
  ["lower-case first letter 'json'", { value: '[1]', type: 'json' }, out('Json', '[1]')],
  ["lower-case first letter 'date'", { value: '2013-01-23T13:42:42.000+0000', type: 'date' }, out('Date', '2013-01-23T13:42:42.000+0000')],
  ['untyped string → String', { value: 'text' }, out('String', 'text')],
  ['untyped 5 → Integer', { value: 5 }, out('Integer', 5)],
  ['untyped 3000000000 → Long', { value: 3000000000, type: null }, out('Long', 3000000000)],
  ['untyped 1.5 → Double', { value: 1.5 }, out('Double', 1.5)],
  ['untyped true → Boolean', { value: true }, out('Boolean', true)],
  ['untyped null → Null', { value: null }, out('Null', null)],
];

describe('POST /engine-rest/message — §2 variable value objects', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-message-start.bpmn');
    await deploy(server, 'camunda-message-catch.bpmn');
  });
  afterAll(() => server.close());

  describe('§2.2/§2.3 conversion failures → 400 InvalidRequestException, prefixed', () => {
    it.each(CONVERSION_ERRORS)('§2.3 %s → Cannot deliver message: …', async (_label, variable, expected) => {
      expectDeliveryError(await message(server, { messageName: 'cm-order', processVariables: { v: variable } }), expected);
    });
  });

  describe('§2.3 failures raised by the engine value types → 500, not prefixed', () => {
    it("§2.3 File without valueInfo → 500 IllegalArgumentException 'Cannot create file without valueInfo.'", async () => {
      const res = await message(server, { messageName: 'cm-order', processVariables: { f: { value: 'aGVsbG8=', type: 'File' } } });
      expectError(res, 500, 'IllegalArgumentException', 'Cannot create file without valueInfo.', null);
    });

    it('§2.3 File with valueInfo but no filename → 500 IllegalArgumentException', async () => {
      const res = await message(server, {
        messageName: 'cm-order', processVariables: { f: { value: 'aGVsbG8=', type: 'File', valueInfo: { mimeType: 'text/plain' } } },
      });
      expectError(res, 500, 'IllegalArgumentException', 'Cannot create file without filename! Please set a name into ValueInfo with key filename', null);
    });

    it("§2.3 Json with valueInfo.transient 'yes' → 500 'The property 'transient' should have a value of type 'boolean'.'", async () => {
      const res = await message(server, {
        messageName: 'cm-order', processVariables: { j: { value: '{}', type: 'Json', valueInfo: { transient: 'yes' } } },
      });
      expectError(res, 500, 'IllegalArgumentException', "The property 'transient' should have a value of type 'boolean'.", null);
    });
  });

  describe('§2.2/§2.3/§2.5 accepted values and their stored form', () => {
    it.each(ACCEPTED)('§2.3 %s is accepted and stored as expected', async (_label, variable, stored) => {
      const res = await message(server, { messageName: 'cm-order', resultEnabled: true, processVariables: { v: variable } });
      expect(res.status).toBe(200);
      expect(await variables(server, res.body[0].processInstance.id)).toEqual({ v: stored });
    });

    it('§2.2 valueInfo.transient=true is honoured: the value is not stored', async () => {
      const res = await message(server, {
        messageName: 'cm-order', resultEnabled: true,
        processVariables: { kept: { value: 'k', type: 'String' }, gone: { value: 'g', type: 'String', valueInfo: { transient: true } } },
      });
      expect(res.status).toBe(200);
      expect(await variables(server, res.body[0].processInstance.id)).toEqual({ kept: out('String', 'k') });
    });
  });

  describe('§2.2/§2.3 lenient inputs', () => {
    it('§2.3 String with a JSON object value is not rejected', async () => {
      const res = await message(server, { messageName: 'cm-order', resultEnabled: true, processVariables: { v: { value: { a: 1 }, type: 'String' } } });
      expect(res.status).toBe(200);
      expect(((await variables(server, res.body[0].processInstance.id)).v as { type: string }).type).toBe('String');
    });

    it("§2.2 untyped value with valueInfo.transient 'yes' (not a JSON boolean): transient is ignored, the value is stored", async () => {
      const res = await message(server, {
        messageName: 'cm-order', resultEnabled: true, processVariables: { v: { value: 'x', valueInfo: { transient: 'yes' } } },
      });
      expect(res.status).toBe(200);
      expect(await variables(server, res.body[0].processInstance.id)).toEqual({ v: out('String', 'x') });
    });
  });

  describe('§2.7 typed values as correlation criteria', () => {
    let key: string;
    let pid: string;
    beforeAll(async () => {
      key = unique('criteria');
      pid = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey: key, variables: { blob: { value: 'aGVsbG8=', type: 'Bytes' } } });
    });

    const CRITERIA: [string, string, Typed, string][] = [
      ['Bytes', 'correlationKeys', { value: 'aGVsbG8=', type: 'Bytes' }, 'Variables of type ByteArray cannot be used to query'],
      ['File', 'correlationKeys', { value: 'aGVsbG8=', type: 'File', valueInfo: { filename: 'a.txt' } }, 'Variables of type File cannot be used to query'],
      ['Object', 'correlationKeys', {
        value: '{"a":1}', type: 'Object', valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' },
      }, 'Object values cannot be used to query'],
      ['Json', 'correlationKeys', { value: '{"a":1}', type: 'Json' }, 'Object values cannot be used to query'],
      ['Xml', 'correlationKeys', { value: '<a/>', type: 'Xml' }, 'Object values cannot be used to query'],
      ['Bytes', 'localCorrelationKeys', { value: 'aGVsbG8=', type: 'Bytes' }, 'Variables of type ByteArray cannot be used to query'],
      ['Json', 'localCorrelationKeys', { value: '{"a":1}', type: 'Json' }, 'Object values cannot be used to query'],
    ];

    it.each(CRITERIA)('§2.7 a %s value in %s → 500 ProcessEngineException, code 0', async (_type, map, criterion, expected) => {
      const res = await message(server, { messageName: 'cm-payment', businessKey: key, [map]: { blob: criterion } });
      expectError(res, 500, 'ProcessEngineException', expected, 0);
      expect(await waitingEventKeys(server, pid)).toEqual(['WaitPayment']);
    });
  });
});
