import { TestServer, eventually } from '../../helpers/test-server';
import {
  CAMUNDA_DATE,
  UNKNOWN_ID,
  WORKER,
  deployUnique,
  expectCamundaError,
  expectJson,
  expectNoContent,
  externalTasksOf,
  fetchTasks,
  instanceOf,
  startAndLock,
  startWithExternalTask,
  tasksOf,
  topic,
} from './external-task-helpers';

/** The per-task routes of /engine-rest/external-task/{id} (contract §4.7, §2.4). */
describe('Camunda 7 external task operations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.close());

  const post = (id: string, action: string, body?: unknown) => server.post(`/engine-rest/external-task/${id}/${action}`, body);
  const processVariables = async (pi: string) => expectJson(await server.get(`/engine-rest/process-instance/${pi}/variables`), 200);
  const incidentsOf = async (pi: string) => expectJson(await server.get(`/engine-rest/incident?processInstanceId=${pi}`), 200);

  describe('complete', () => {
    it('completes the task, writes variables (local ones on its execution) and answers 204 once the process moved on', async () => {
      const p = await deployUnique(server, 'ext-payment.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-charge'), { variables: { amount: { value: 10, type: 'Integer' } } });
      const result = await post(task.id, 'complete', {
        workerId: WORKER,
        variables: { transactionId: { value: 'tx-1', type: 'string' }, amount: { value: 11, type: 'integer' }, receipt: { value: '{"ok":true}', type: 'json' } },
        localVariables: { attempt: { value: 1, type: 'long' } },
      });
      expectNoContent(result);
      // Read-your-writes: the continuation has run when the answer arrives.
      expect((await tasksOf(server, task.processInstanceId)).map((t) => t.taskDefinitionKey)).toEqual(['Ship']);
      expect(await externalTasksOf(server, task.processInstanceId)).toEqual([]);
      expect(await processVariables(task.processInstanceId)).toEqual({
        amount: { type: 'Integer', value: 11, valueInfo: {} },
        attempt: { type: 'Long', value: 1, valueInfo: {} },
        receipt: { type: 'Json', value: '{"ok":true}', valueInfo: {} },
        transactionId: { type: 'String', value: 'tx-1', valueInfo: {} },
      });
      expectCamundaError(await server.get(`/engine-rest/external-task/${task.id}`), 404, 'RestException', `External task with id ${task.id} does not exist`);
    });

    it('checks only the worker id, not lock expiry', async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-simple'), {}, 1);
      await new Promise((r) => setTimeout(r, 20));
      expectNoContent(await post(task.id, 'complete', { workerId: WORKER }));
      expect((await tasksOf(server, task.processInstanceId)).map((t) => t.taskDefinitionKey)).toEqual(['Check']);
    });

    it("refuses other workers, unlocked tasks, unknown ids and a missing worker id with Camunda's texts", async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-simple'));
      expectCamundaError(
        await post(task.id, 'complete', { workerId: 'intruder' }),
        400,
        'RestException',
        `External Task ${task.id} cannot be completed by worker 'intruder'. It is locked by worker '${WORKER}'.`,
        0,
      );
      expectCamundaError(await post(task.id, 'complete', {}), 500, 'NullValueException', 'workerId is null', 0);
      expectCamundaError(await post(UNKNOWN_ID, 'complete', { workerId: WORKER }), 404, 'RestException', `External task with id ${UNKNOWN_ID} does not exist`, 0);
      expectNoContent(await post(task.id, 'unlock'));
      expectCamundaError(
        await post(task.id, 'complete', { workerId: WORKER }),
        400,
        'RestException',
        `External Task ${task.id} cannot be completed by worker '${WORKER}'. It is locked by worker 'null'.`,
        0,
      );
      expect(await externalTasksOf(server, task.processInstanceId)).toHaveLength(1);
    });

    it('reports variable conversion errors without an endpoint prefix, before any other check', async () => {
      expectCamundaError(
        await post(UNKNOWN_ID, 'complete', { workerId: WORKER, variables: { n: { value: 'abc', type: 'Integer' } } }),
        400,
        'InvalidRequestException',
        "Cannot convert value 'abc' of type 'Integer' to java type java.lang.Integer",
      );
      expectCamundaError(
        await post(UNKNOWN_ID, 'complete', { localVariables: { n: { value: 1, type: 'Money' } } }),
        400,
        'RestException',
        "Unsupported value type 'Money'",
      );
      expectCamundaError(await post(UNKNOWN_ID, 'failure', { workerId: WORKER, variables: { d: { value: 'yesterday', type: 'Date' } } }), 400, 'InvalidRequestException', "Cannot convert value 'yesterday' of type 'Date' to java type java.util.Date");
      expectCamundaError(await post(UNKNOWN_ID, 'bpmnError', { workerId: WORKER, errorCode: 'E', variables: { j: { value: { a: 1 }, type: 'Json' } } }), 400, 'InvalidRequestException', "Must provide 'null' or String value for value of SerializableValue type 'Json'.");
      expectCamundaError(await post(UNKNOWN_ID, 'complete', { workerId: WORKER, variables: 'none' }), 400, 'InvalidRequestException', '');
    });
  });

  describe('failure', () => {
    it('records the error, keeps the worker, makes the task fetchable after retryTimeout, and at 0 retries raises an incident', async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-simple'));
      const before = Date.now();
      expectNoContent(
        await post(task.id, 'failure', { workerId: WORKER, errorMessage: 'Service down', errorDetails: 'stack trace\nline 2', retries: 2, retryTimeout: 300 }),
      );
      const failed = expectJson(await server.get(`/engine-rest/external-task/${task.id}`), 200);
      expect(failed).toEqual({
        activityId: 'Work',
        activityInstanceId: task.activityInstanceId,
        errorMessage: 'Service down',
        executionId: task.processInstanceId,
        id: task.id,
        lockExpirationTime: expect.stringMatching(CAMUNDA_DATE),
        createTime: task.createTime,
        processDefinitionId: p.definitionId,
        processDefinitionKey: p.key,
        processDefinitionVersionTag: null,
        processInstanceId: task.processInstanceId,
        retries: 2,
        suspended: false,
        workerId: WORKER,
        topicName: p.topic('ext-simple'),
        tenantId: null,
        priority: 0,
        businessKey: null,
      });
      expect(Date.parse(failed.lockExpirationTime.replace(/\+0000$/, 'Z'))).toBeLessThan(before + 60_000);
      const details = await server.get(`/engine-rest/external-task/${task.id}/errorDetails`);
      expect({ status: details.status, type: details.headers.get('content-type'), text: details.text }).toEqual({
        status: 200,
        type: expect.stringMatching(/^text\/plain/),
        text: 'stack trace\nline 2',
      });
      // Fetchable again once the retry timeout has passed; the fetched task carries the error.
      const [again] = await eventually(async () => {
        const tasks = await fetchTasks(server, [topic(p.topic('ext-simple'))]);
        expect(tasks).toHaveLength(1);
        return tasks;
      });
      expect(again).toEqual(expect.objectContaining({ id: task.id, retries: 2, errorMessage: 'Service down', errorDetails: 'stack trace\nline 2' }));
      expect(await incidentsOf(task.processInstanceId)).toEqual([]);

      // Without retries (0 is the default) an incident holds the task: it cannot be fetched any more.
      expectNoContent(await post(task.id, 'failure', { workerId: WORKER, errorMessage: 'Gave up' }));
      const incidents = await incidentsOf(task.processInstanceId);
      expect(incidents).toEqual([
        expect.objectContaining({
          processInstanceId: task.processInstanceId,
          incidentType: 'failedExternalTask',
          activityId: 'Work',
          configuration: task.id,
          incidentMessage: 'Gave up',
        }),
      ]);
      expect((await instanceOf(server, task.processInstanceId)).incidents).toEqual([expect.objectContaining({ incidentType: 'failedExternalTask', elementId: 'Work', message: 'Gave up' })]);
      expect(expectJson(await server.get(`/engine-rest/external-task/${task.id}`), 200)).toEqual(expect.objectContaining({ retries: 0, errorMessage: 'Gave up' }));
      // errorDetails were not given this time: the previous ones stay.
      expect((await server.get(`/engine-rest/external-task/${task.id}/errorDetails`)).text).toBe('stack trace\nline 2');
      await new Promise((r) => setTimeout(r, 20));
      expect(await fetchTasks(server, [topic(p.topic('ext-simple'))])).toEqual([]);

      // New retries resolve the incident; completing the task later leaves no incident behind.
      expectNoContent(await server.request('PUT', `/engine-rest/external-task/${task.id}/retries`, { retries: 1 }));
      expect(await incidentsOf(task.processInstanceId)).toEqual([]);
      const [retried] = await fetchTasks(server, [topic(p.topic('ext-simple'))]);
      expect(retried.id).toBe(task.id);
      expectNoContent(await post(task.id, 'failure', { workerId: WORKER, errorMessage: 'Again', retries: 0 }));
      expect(await incidentsOf(task.processInstanceId)).toHaveLength(1);
      expectNoContent(await post(task.id, 'complete', { workerId: WORKER }));
      expect(await incidentsOf(task.processInstanceId)).toEqual([]);
      expect((await instanceOf(server, task.processInstanceId)).incidents).toEqual([]);
      expect((await tasksOf(server, task.processInstanceId)).map((t) => t.taskDefinitionKey)).toEqual(['Check']);
    });

    it("refuses bad retries, other workers and unknown ids with Camunda's texts", async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-simple'));
      expectCamundaError(await post(task.id, 'failure', { workerId: WORKER, retries: -1 }), 500, 'ProcessEngineException', 'retries is not greater than or equal to 0', 0);
      expectCamundaError(
        await post(task.id, 'failure', { workerId: WORKER, retries: 1, retryTimeout: -1 }),
        500,
        'ProcessEngineException',
        'retryDuration is not greater than or equal to 0',
        0,
      );
      expectCamundaError(await post(task.id, 'failure', { retries: 1 }), 500, 'NullValueException', 'workerId is null', 0);
      expectCamundaError(
        await post(task.id, 'failure', { workerId: 'other', retries: 1 }),
        400,
        'RestException',
        `Failure of External Task ${task.id} cannot be reported by worker 'other'. It is locked by worker '${WORKER}'.`,
        0,
      );
      expectCamundaError(await post(UNKNOWN_ID, 'failure', { workerId: WORKER }), 404, 'RestException', `External task with id ${UNKNOWN_ID} does not exist`, 0);
      expect(expectJson(await server.get(`/engine-rest/external-task/${task.id}`), 200).retries).toBeNull();
    });
  });

  describe('bpmnError', () => {
    it('is caught by the error boundary event with its code, message and variables', async () => {
      const p = await deployUnique(server, 'ext-payment.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-charge'));
      expectNoContent(
        await post(task.id, 'bpmnError', { workerId: WORKER, errorCode: 'CARD_DECLINED', errorMessage: 'insufficient funds', variables: { balance: { value: 3.5, type: 'Double' } } }),
      );
      expect((await tasksOf(server, task.processInstanceId)).map((t) => t.taskDefinitionKey)).toEqual(['AskForAnotherCard']);
      expect(await processVariables(task.processInstanceId)).toEqual({
        balance: { type: 'Double', value: 3.5, valueInfo: {} },
        declineCode: { type: 'String', value: 'CARD_DECLINED', valueInfo: {} },
        declineMessage: { type: 'String', value: 'insufficient funds', valueInfo: {} },
      });
      expect(await externalTasksOf(server, task.processInstanceId)).toEqual([]);
    });

    it('ends the token when nothing catches the error', async () => {
      const p = await deployUnique(server, 'ext-payment.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-charge'));
      expectNoContent(await post(task.id, 'bpmnError', { workerId: WORKER, errorCode: 'SOMETHING_ELSE' }));
      expect((await instanceOf(server, task.processInstanceId)).state).toBe('completed');
      expect(await tasksOf(server, task.processInstanceId)).toEqual([]);
    });

    it("refuses a missing error code, other workers and unknown ids with Camunda's texts", async () => {
      const p = await deployUnique(server, 'ext-payment.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-charge'));
      expectCamundaError(await post(task.id, 'bpmnError', { workerId: WORKER }), 500, 'NullValueException', 'errorCode is null', 0);
      expectCamundaError(await post(task.id, 'bpmnError', { errorCode: 'X' }), 500, 'NullValueException', 'workerId is null', 0);
      expectCamundaError(
        await post(task.id, 'bpmnError', { workerId: 'other', errorCode: 'CARD_DECLINED' }),
        400,
        'RestException',
        `Bpmn error of External Task ${task.id} cannot be reported by worker 'other'. It is locked by worker '${WORKER}'.`,
        0,
      );
      expectCamundaError(await post(UNKNOWN_ID, 'bpmnError', { workerId: WORKER, errorCode: 'X' }), 404, 'RestException', `External task with id ${UNKNOWN_ID} does not exist`, 0);
    });
  });

  describe('lock, extendLock, unlock', () => {
    it('locks a free task, lets its owner relock it, and refuses others while the lock lasts', async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const { taskId } = await startWithExternalTask(server, p.key);
      expectNoContent(await post(taskId, 'lock', { workerId: 'w-a', lockDuration: 60_000 }));
      expect(expectJson(await server.get(`/engine-rest/external-task/${taskId}`), 200)).toEqual(
        expect.objectContaining({ workerId: 'w-a', lockExpirationTime: expect.stringMatching(CAMUNDA_DATE) }),
      );
      expectNoContent(await post(taskId, 'lock', { workerId: 'w-a', lockDuration: 500 }));
      expectCamundaError(
        await post(taskId, 'lock', { workerId: 'w-b', lockDuration: 1000 }),
        400,
        'RestException',
        `External Task ${taskId} cannot be locked by worker 'w-b'. It is locked by worker 'w-a'.`,
        0,
      );
      // Once the lock expired another worker may take it.
      await eventually(async () => expectNoContent(await post(taskId, 'lock', { workerId: 'w-b', lockDuration: 1000 })));
      expectCamundaError(await post(taskId, 'lock', { workerId: 'w-b', lockDuration: 0 }), 400, 'RestException', 'lockDuration is not greater than 0', 0);
      expectCamundaError(await post(taskId, 'lock', { lockDuration: 10 }), 500, 'NullValueException', 'workerId is null', 0);
      expectCamundaError(await post(UNKNOWN_ID, 'lock', { workerId: 'w-b', lockDuration: 10 }), 404, 'RestException', `External task with id ${UNKNOWN_ID} does not exist`, 0);
    });

    it('extends an unexpired lock of its owner only', async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-simple'), {}, 2_000);
      expectNoContent(await post(task.id, 'extendLock', { workerId: WORKER, newDuration: 120_000 }));
      const extended = expectJson(await server.get(`/engine-rest/external-task/${task.id}`), 200);
      expect(Date.parse(extended.lockExpirationTime.replace(/\+0000$/, 'Z'))).toBeGreaterThan(Date.now() + 100_000);
      // Camunda's text ends the worker id with two quotes here (its message template adds one of its own).
      expectCamundaError(
        await post(task.id, 'extendLock', { workerId: 'other', newDuration: 1000 }),
        400,
        'RestException',
        `The lock of the External Task ${task.id} cannot be extended by worker 'other''. It is locked by worker '${WORKER}'.`,
        0,
      );
      expectCamundaError(await post(task.id, 'extendLock', { workerId: WORKER, newDuration: 0 }), 400, 'RestException', 'lockTime is not greater than 0', 0);
      expectCamundaError(await post(task.id, 'extendLock', { newDuration: 10 }), 500, 'NullValueException', 'workerId is null', 0);
      expectCamundaError(await post(UNKNOWN_ID, 'extendLock', { workerId: WORKER, newDuration: 10 }), 404, 'RestException', `External task with id ${UNKNOWN_ID} does not exist`, 0);
      expectNoContent(await post(task.id, 'lock', { workerId: WORKER, lockDuration: 1 }));
      await new Promise((r) => setTimeout(r, 20));
      const expired = await post(task.id, 'extendLock', { workerId: WORKER, newDuration: 1000 });
      expect(expectJson(expired, 400)).toEqual({
        type: 'RestException',
        message: expect.stringMatching(/^Cannot extend a lock that expired: lockExpirationTime is not greater than or equal to \d{13}$/),
        code: 0,
      });
    });

    it('unlocks with no body and no content type', async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const task = await startAndLock(server, p.key, p.topic('ext-simple'));
      const response = await fetch(`${server.url}/engine-rest/external-task/${task.id}/unlock`, { method: 'POST' });
      expect({ status: response.status, text: await response.text(), type: response.headers.get('content-type') }).toEqual({ status: 204, text: '', type: null });
      expect(expectJson(await server.get(`/engine-rest/external-task/${task.id}`), 200)).toEqual(expect.objectContaining({ workerId: null, lockExpirationTime: null }));
      expect((await fetchTasks(server, [topic(p.topic('ext-simple'))])).map((t) => t.id)).toEqual([task.id]);
      expectCamundaError(await post(UNKNOWN_ID, 'unlock'), 404, 'RestException', `External task with id ${UNKNOWN_ID} does not exist`, 0);
    });
  });

  describe('GET /external-task, /count, /{id}, /{id}/errorDetails and PUT /{id}/retries', () => {
    it('lists and counts with Camunda filters, sorting and paging', async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const q = await deployUnique(server, 'ext-payment.bpmn', { tenantId: 'acme' });
      const a = await startAndLock(server, p.key, p.topic('ext-simple'));
      const b = await startWithExternalTask(server, p.key);
      const c = await startWithExternalTask(server, q.key, { tenantId: 'acme' });
      expectNoContent(await post(b.taskId, 'lock', { workerId: 'w-9', lockDuration: 60_000 }));
      expectNoContent(await post(b.taskId, 'failure', { workerId: 'w-9', errorMessage: 'no', retries: 0 }));
      const list = async (query: string) => expectJson(await server.get(`/engine-rest/external-task?${query}`), 200).map((t: { id: string }) => t.id);
      const count = async (query: string) => expectJson(await server.get(`/engine-rest/external-task/count?${query}`), 200).count;
      const mine = `processDefinitionKeyIn=${p.key},${q.key}`;
      expect((await list(mine)).sort()).toEqual([a.id, b.taskId, c.taskId].sort());
      expect(await count(mine)).toBe(3);
      expect(await list(`${mine}&topicName=${p.topic('ext-simple')}&sortBy=createTime&sortOrder=asc`)).toEqual([a.id, b.taskId]);
      expect(await list(`${mine}&workerId=${WORKER}`)).toEqual([a.id]);
      expect(await list(`${mine}&locked=true&sortBy=createTime&sortOrder=asc`)).toEqual([a.id]);
      expect((await list(`${mine}&notLocked=true`)).sort()).toEqual([b.taskId, c.taskId].sort());
      expect(await list(`${mine}&noRetriesLeft=true`)).toEqual([b.taskId]);
      expect((await list(`${mine}&withRetriesLeft=true`)).sort()).toEqual([a.id, c.taskId].sort());
      expect(await list(`processInstanceId=${c.processInstanceId}`)).toEqual([c.taskId]);
      expect(await list(`${mine}&activityId=ChargeCard`)).toEqual([c.taskId]);
      expect(await list(`${mine}&tenantIdIn=acme`)).toEqual([c.taskId]);
      expect(await list(`externalTaskId=${a.id}`)).toEqual([a.id]);
      expect(await list(`${mine}&priorityHigherThanOrEquals=5`)).toEqual([c.taskId]);
      expect(await list(`${mine}&sortBy=taskPriority&sortOrder=desc&maxResults=1`)).toEqual([c.taskId]);
      expect(await list(`${mine}&sortBy=createTime&sortOrder=asc&firstResult=1&maxResults=1`)).toEqual([b.taskId]);
      expect(await count(`${mine}&suspended=true`)).toBe(0);
      expectCamundaError(await server.get(`/engine-rest/external-task?sortBy=nope&sortOrder=asc`), 400, 'InvalidRequestException', "Cannot set query parameter 'sortBy' to value 'nope'");
      expectCamundaError(
        await server.get(`/engine-rest/external-task?sortBy=id`),
        400,
        'InvalidRequestException',
        'Only a single sorting parameter specified. sortBy and sortOrder required',
      );
      expectCamundaError(
        await server.get(`/engine-rest/external-task/count?locked=maybe`),
        400,
        'InvalidRequestException',
        "Cannot set query parameter 'locked' to value 'maybe': Cannot convert value maybe to java type java.lang.Boolean",
      );
    });

    it('gets one task; unknown ids are a 404 without engine code', async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const { taskId } = await startWithExternalTask(server, p.key);
      expect(expectJson(await server.get(`/engine-rest/external-task/${taskId}`), 200)).toEqual(expect.objectContaining({ id: taskId, workerId: null, retries: null }));
      expectCamundaError(await server.get(`/engine-rest/external-task/${UNKNOWN_ID}`), 404, 'RestException', `External task with id ${UNKNOWN_ID} does not exist`, null);
    });

    it('answers errorDetails as text, 204 when there are none, and as the engine does for unknown ids', async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const { taskId } = await startWithExternalTask(server, p.key);
      expectNoContent(await server.get(`/engine-rest/external-task/${taskId}/errorDetails`));
      expectCamundaError(
        await server.get(`/engine-rest/external-task/${UNKNOWN_ID}/errorDetails`),
        500,
        'NullValueException',
        `No external task found with id ${UNKNOWN_ID}: externalTask is null`,
        0,
      );
    });

    it('sets retries, raising and resolving the incident', async () => {
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const { taskId, processInstanceId } = await startWithExternalTask(server, p.key);
      const put = (body: unknown, id = taskId) => server.request('PUT', `/engine-rest/external-task/${id}/retries`, body);
      expectNoContent(await put({ retries: 0 }));
      expect(await incidentsOf(processInstanceId)).toHaveLength(1);
      expect(await fetchTasks(server, [topic(p.topic('ext-simple'))])).toEqual([]);
      expectNoContent(await put({ retries: 0 }));
      expect(await incidentsOf(processInstanceId)).toHaveLength(1);
      expectNoContent(await put({ retries: 3 }));
      expect(await incidentsOf(processInstanceId)).toEqual([]);
      expect(expectJson(await server.get(`/engine-rest/external-task/${taskId}`), 200).retries).toBe(3);
      expectCamundaError(await put({}), 400, 'InvalidRequestException', 'The number of retries cannot be null.');
      expectCamundaError(await put({ retries: -1 }), 400, 'BadUserRequestException', 'The number of retries cannot be negative: retries is not greater than or equal to 0', 0);
      expectCamundaError(await put({ retries: 1 }, UNKNOWN_ID), 404, 'RestException', `External task with id ${UNKNOWN_ID} does not exist`, 0);
    });
  });
});
