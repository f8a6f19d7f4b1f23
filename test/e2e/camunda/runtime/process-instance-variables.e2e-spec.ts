import { TestServer } from '../../helpers/test-server';
import { UNKNOWN_ID, binaryForm, deploy, expectCamundaError, expectJson, expectNoContent, startWaiting } from './runtime-helpers';

/** Camunda 7 /process-instance/{id}/variables (§4.4) and binary content (§2.6). */
describe('Camunda 7 process instance variables', () => {
  let server: TestServer;
  let instance: string;
  const base = () => `/engine-rest/process-instance/${instance}/variables`;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-runtime-catch.bpmn');
    instance = await startWaiting(server, 'cr-catch', {
      variables: {
        customer: { value: 'alice', type: 'String' },
        amount: { value: 5, type: 'Integer' },
        order: { value: '{"id":7}', type: 'Json' },
        placed: { value: '2024-01-02T03:04:05.678+0000', type: 'Date' },
        raw: { value: 'aGVsbG8=', type: 'Bytes' },
      },
    });
  });
  afterAll(() => server.close());

  it('reads all variables of the instance in serialized form', async () => {
    expect(expectJson(await server.get(`${base()}?deserializeValues=false`), 200)).toEqual({
      amount: { value: 5, type: 'Integer', valueInfo: {} },
      customer: { value: 'alice', type: 'String', valueInfo: {} },
      order: { value: '{"id":7}', type: 'Json', valueInfo: {} },
      placed: { value: '2024-01-02T03:04:05.678+0000', type: 'Date', valueInfo: {} },
      raw: { value: 'aGVsbG8=', type: 'Bytes', valueInfo: {} },
    });
    expect(expectJson(await server.get(`${base()}/order?deserializeValue=true`), 200)).toEqual({ value: '{"id":7}', type: 'Json', valueInfo: {} });
  });

  it('answers missing variables and unknown instances with Camunda texts', async () => {
    expectCamundaError(await server.get(`${base()}/nope`), 404, 'InvalidRequestException', 'process instance variable with name nope does not exist');
    const unknown = `/engine-rest/process-instance/${UNKNOWN_ID}/variables`;
    const missing = `execution ${UNKNOWN_ID} doesn't exist: execution is null`;
    expectCamundaError(await server.get(unknown), 500, 'NullValueException', missing, 0);
    expectCamundaError(await server.get(`${unknown}/customer`), 500, 'RestException', `Cannot get process instance variable customer: ${missing}`, 0);
    expectCamundaError(await server.get(`${unknown}/customer/data`), 500, 'RestException', `Cannot get process instance variable customer: ${missing}`, 0);
    expectCamundaError(
      await server.request('PUT', `${unknown}/x`, { value: 1 }),
      500,
      'RestException',
      `Cannot put process instance variable x: ${missing}`,
      0,
    );
    expectCamundaError(await server.delete(`${unknown}/x`), 500, 'RestException', `Cannot delete process instance variable x: ${missing}`, 0);
    expectCamundaError(
      await server.post(unknown, { modifications: { x: { value: 1 } } }),
      500,
      'RestException',
      `Cannot modify variables for process instance ${UNKNOWN_ID}: ${missing}`,
      0,
    );
    expectCamundaError(
      await server.post(`${unknown}/x/data`, binaryForm('abc')),
      500,
      'RestException',
      `Cannot put process instance variable x: ${missing}`,
      0,
    );
  });

  it('sets one variable with PUT, converting like Camunda and prefixing conversion errors', async () => {
    expectNoContent(await server.request('PUT', `${base()}/priority`, { value: '42', type: 'long' }));
    expect(expectJson(await server.get(`${base()}/priority`), 200)).toEqual({ value: 42, type: 'Long', valueInfo: {} });
    expectNoContent(await server.request('PUT', `${base()}/priority`, { value: true }));
    expect(expectJson(await server.get(`${base()}/priority`), 200)).toEqual({ value: true, type: 'Boolean', valueInfo: {} });
    expectCamundaError(
      await server.request('PUT', `${base()}/priority`, { value: '1abc', type: 'Integer' }),
      400,
      'InvalidRequestException',
      "Cannot put process instance variable priority: Cannot convert value '1abc' of type 'Integer' to java type java.lang.Integer",
    );
    expectCamundaError(
      await server.request('PUT', `${base()}/priority`, { value: 1, type: 'Int' }),
      400,
      'InvalidRequestException',
      "Cannot put process instance variable priority: Unsupported value type 'Int'",
    );
    expectCamundaError(
      await server.request('PUT', `${base()}/doc`, { value: { a: 1 }, type: 'Json' }),
      400,
      'InvalidRequestException',
      "Cannot put process instance variable doc: Must provide 'null' or String value for value of SerializableValue type 'Json'.",
    );
    expectCamundaError(
      await server.request('PUT', `${base()}/doc`, { value: 'eA==', type: 'File' }),
      500,
      'IllegalArgumentException',
      'Cannot create file without valueInfo.',
    );
    // A transient value lives only as long as the command that sets it.
    expectNoContent(await server.request('PUT', `${base()}/flash`, { value: 'x', valueInfo: { transient: true } }));
    expectCamundaError(await server.get(`${base()}/flash`), 404, 'InvalidRequestException', 'process instance variable with name flash does not exist');
  });

  it('modifies and deletes in one POST, modifications first', async () => {
    expectNoContent(
      await server.post(base(), { modifications: { note: { value: 'n1' }, temp: { value: 1, type: 'Short' } }, deletions: ['temp', 'amount', 'never-there'] }),
    );
    const all = expectJson(await server.get(base()), 200);
    expect(all.note).toEqual({ value: 'n1', type: 'String', valueInfo: {} });
    expect(all).not.toHaveProperty('temp');
    expect(all).not.toHaveProperty('amount');
    expectNoContent(await server.post(base(), {}));
    expectCamundaError(
      await server.post(base(), { modifications: { bad: { value: 'x', type: 'Double' } } }),
      400,
      'InvalidRequestException',
      "Cannot modify variables for process instance: Cannot convert value 'x' of type 'Double' to java type java.lang.Double",
    );
    expectCamundaError(await server.post(base(), { deletions: 'amount' }), 400, 'InvalidRequestException', '');
  });

  it('deletes one variable; deleting a missing one is fine', async () => {
    expectNoContent(await server.request('PUT', `${base()}/gone`, { value: 'x' }));
    expectNoContent(await server.delete(`${base()}/gone`));
    expectNoContent(await server.delete(`${base()}/gone`));
    expectCamundaError(await server.get(`${base()}/gone`), 404, 'InvalidRequestException', 'process instance variable with name gone does not exist');
  });

  it('serves Bytes and File content, and refuses other types', async () => {
    const bytes = await server.get(`${base()}/raw/data`);
    expect({ status: bytes.status, type: bytes.headers.get('content-type'), text: bytes.text }).toEqual({
      status: 200,
      type: 'application/octet-stream',
      text: 'hello',
    });
    expectCamundaError(await server.get(`${base()}/customer/data`), 400, 'InvalidRequestException', `Value of variable with id ${instance} is not a binary value.`);
    expectCamundaError(await server.get(`${base()}/nope/data`), 404, 'InvalidRequestException', 'process instance variable with name nope does not exist');
  });

  it('uploads Bytes (default) and File variables as multipart', async () => {
    expectNoContent(await server.post(`${base()}/blob/data`, binaryForm('\u0001\u0002binary')));
    expect(expectJson(await server.get(`${base()}/blob`), 200)).toEqual({ value: Buffer.from('\u0001\u0002binary').toString('base64'), type: 'Bytes', valueInfo: {} });

    expectNoContent(await server.post(`${base()}/invoice/data`, binaryForm('Grüße', { type: 'text/plain; encoding=UTF-8', filename: 'rechnung ü.txt', valueType: 'File' })));
    expect(expectJson(await server.get(`${base()}/invoice`), 200)).toEqual({
      value: null,
      type: 'File',
      valueInfo: { filename: 'rechnung ü.txt', mimeType: 'text/plain', encoding: 'utf-8' },
    });
    const file = await server.get(`${base()}/invoice/data`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="rechnung ü.txt"; filename*=UTF-8''rechnung%20%C3%BC.txt`);
    expect(file.text).toBe('Grüße');

    expectNoContent(await server.post(`${base()}/pdf/data`, binaryForm('%PDF', { type: 'application/pdf', filename: 'a.pdf', valueType: 'File' })));
    const pdf = await server.get(`${base()}/pdf/data`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.text).toBe('%PDF');
  });

  it('reports upload errors as Camunda does', async () => {
    expectCamundaError(
      await server.post(`${base()}/odd/data`, binaryForm('x', { valueType: 'Int' })),
      400,
      'RestException',
      "Unsupported value type 'Int'",
    );
    const typed = new FormData();
    typed.append('data', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    typed.append('type', 'java.lang.String');
    expectCamundaError(
      await server.post(`${base()}/odd/data`, typed),
      400,
      'InvalidRequestException',
      'Unrecognized content type for serialized java type: text/plain',
    );
    const json = new FormData();
    json.append('data', new Blob(['{"a":1}'], { type: 'application/json' }), 'o.json');
    json.append('type', 'java.util.HashMap');
    expectNoContent(await server.post(`${base()}/object/data`, json));
    expect(expectJson(await server.get(`${base()}/object`), 200)).toEqual({
      value: '{"a":1}',
      type: 'Object',
      valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' },
    });
  });
});
