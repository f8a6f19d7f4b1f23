import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TestServer, eventually } from '../../helpers/test-server';
import { CAMUNDA_DATE, UniqueProcess, deployUnique, expectJson, externalTasksOf, instanceOf, tasksOf } from './external-task-helpers';

type WorkerEvent = Record<string, any> & { event: string };

/**
 * Camunda's own JS worker in a Node process of its own (the package is ESM-only): js-worker-driver.mjs
 * subscribes with the unmodified client over real HTTP and prints what happens as JSON lines.
 */
class JsWorker {
  readonly events: WorkerEvent[] = [];
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines.filter((l) => l.trim() !== '')) {
        try {
          this.events.push(JSON.parse(line));
        } catch {
          this.events.push({ event: 'unparsed', line });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
  }

  static async start(env: Record<string, string>): Promise<JsWorker> {
    const child = spawn(process.execPath, [join(__dirname, 'js-worker-driver.mjs')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const worker = new JsWorker(child);
    await worker.waitFor((e) => e.event === 'ready');
    return worker;
  }

  /** The first event matching, waiting for it (the diagnostics name everything the worker said so far). */
  async waitFor(match: (e: WorkerEvent) => boolean, timeoutMs = 20_000): Promise<WorkerEvent> {
    return eventually(async () => {
      const found = this.events.find(match);
      if (!found) throw new Error(`worker event not seen yet; events: ${JSON.stringify(this.events)}; stderr: ${this.stderr}`);
      return found;
    }, timeoutMs);
  }

  problems(): WorkerEvent[] {
    return this.events.filter((e) => e.event.endsWith(':error') || e.event === 'unparsed');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

describe("Camunda's JS external task client (camunda-external-task-client-js) against a running engine", () => {
  let server: TestServer;
  let worker: JsWorker;
  let dir: string;
  let flow: UniqueProcess;
  let failing: UniqueProcess;
  let payment: UniqueProcess;
  let unlocking: UniqueProcess;
  const attachmentText = 'Invoice 4711\nTotal: 12.50 EUR\n';

  beforeAll(async () => {
    server = await TestServer.start();
    dir = mkdtempSync(join(tmpdir(), 'js-worker-'));
    writeFileSync(join(dir, 'attachment.txt'), attachmentText);
    flow = await deployUnique(server, 'ext-worker.bpmn');
    failing = await deployUnique(server, 'ext-simple.bpmn');
    payment = await deployUnique(server, 'ext-payment.bpmn');
    unlocking = await deployUnique(server, 'ext-simple.bpmn');
    worker = await JsWorker.start({
      ENGINE_URL: `${server.url}/engine-rest`,
      ATTACHMENT_PATH: join(dir, 'attachment.txt'),
      TOPICS: JSON.stringify({
        complete: flow.topic('ext-js-complete'),
        read: flow.topic('ext-js-read'),
        fail: failing.topic('ext-simple'),
        bpmnError: payment.topic('ext-charge'),
        unlock: unlocking.topic('ext-simple'),
      }),
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(worker.problems()).toEqual([]);
  });

  it('completes tasks with typed variables (string, integer, long, double, boolean, date, json) and a file, and reads them back', async () => {
    const started = await server.post(`/process_models/${flow.key}/start`, {
      businessKey: 'js-1',
      variables: {
        customer: { value: 'alice', type: 'String' },
        order: { value: '{"id":7}', type: 'Json' },
        due: { value: '2024-05-06T07:08:09.010+0000', type: 'Date' },
      },
    });
    expect(started.status).toBe(201);
    const pi: string = started.body.processInstanceId;

    // The client parsed what fetch-and-lock delivered: Json from its string, Date from the REST format.
    const received = await worker.waitFor((e) => e.event === 'received' && e.processInstanceId === pi);
    expect(received.variables).toEqual({
      customer: { type: 'string', value: 'alice', isDate: false },
      order: { type: 'json', value: { id: 7 }, isDate: false },
      due: { type: 'date', value: '2024-05-06T07:08:09.010Z', isDate: true },
    });

    const read = await worker.waitFor((e) => e.event === 'read' && e.processInstanceId === pi);
    expect(read.variables).toEqual(
      expect.objectContaining({
        aString: { type: 'string', value: 'hello', isDate: false },
        anInteger: { type: 'integer', value: 42, isDate: false },
        aLong: { type: 'long', value: 2 ** 40, isDate: false },
        aDouble: { type: 'double', value: 2.5, isDate: false },
        aBoolean: { type: 'boolean', value: true, isDate: false },
        aDate: { type: 'date', value: '2024-01-02T03:04:05.678Z', isDate: true },
        aJson: { type: 'json', value: { items: [1, 2], nested: { ok: true } }, isDate: false },
        attachment: { type: 'file', value: null, isDate: false },
        localNote: { type: 'string', value: 'set locally', isDate: false },
      }),
    );
    // variables.get('attachment').load() downloaded the content from /execution/{processInstanceId}/localVariables/attachment/data.
    expect(read.file).toEqual({ filename: 'attachment.txt', content: attachmentText });
    await worker.waitFor((e) => e.event === 'completed' && e.topic === 'read' && e.taskId === read.taskId);

    // The engine stored them with Camunda's types, and the process went on.
    await eventually(async () => expect((await tasksOf(server, pi)).map((t) => t.taskDefinitionKey)).toEqual(['Done']));
    const stored = expectJson(await server.get(`/engine-rest/process-instance/${pi}/variables`), 200);
    expect(stored).toEqual(
      expect.objectContaining({
        aString: { type: 'String', value: 'hello', valueInfo: {} },
        anInteger: { type: 'Integer', value: 42, valueInfo: {} },
        aLong: { type: 'Long', value: 2 ** 40, valueInfo: {} },
        aDouble: { type: 'Double', value: 2.5, valueInfo: {} },
        aBoolean: { type: 'Boolean', value: true, valueInfo: {} },
        aDate: { type: 'Date', value: '2024-01-02T03:04:05.678+0000', valueInfo: {} },
        aJson: { type: 'Json', value: '{"items":[1,2],"nested":{"ok":true}}', valueInfo: {} },
        attachment: { type: 'File', value: null, valueInfo: { filename: 'attachment.txt' } },
        localNote: { type: 'String', value: 'set locally', valueInfo: {} },
      }),
    );
    const data = await fetch(`${server.url}/engine-rest/execution/${pi}/localVariables/attachment/data`);
    expect({ status: data.status, text: await data.text(), disposition: data.headers.get('content-disposition') }).toEqual({
      status: 200,
      text: attachmentText,
      disposition: expect.stringContaining('filename="attachment.txt"'),
    });
    expect(await externalTasksOf(server, pi)).toEqual([]);
  });

  it('reports failures with retries, then with none left, which raises an incident', async () => {
    const started = await server.post(`/process_models/${failing.key}/start`, {});
    const pi: string = started.body.processInstanceId;
    const first = await worker.waitFor((e) => e.event === 'failed' && e.processInstanceId === pi && e.retriesSeen === null);
    // Refetched after the retry timeout, with the error of the first failure on it.
    const second = await worker.waitFor((e) => e.event === 'failed' && e.processInstanceId === pi && e.retriesSeen === 1);
    expect(second).toEqual(expect.objectContaining({ taskId: first.taskId, errorMessageSeen: 'temporarily down' }));

    const [task] = await externalTasksOf(server, pi);
    expect(task).toEqual(expect.objectContaining({ id: first.taskId, retries: 0, errorMessage: 'permanently down', workerId: 'js-worker' }));
    expect((await server.get(`/engine-rest/external-task/${task.id}/errorDetails`)).text).toBe('details of the last failure');
    const incidents = expectJson(await server.get(`/engine-rest/incident?processInstanceId=${pi}`), 200);
    expect(incidents).toEqual([
      expect.objectContaining({
        processInstanceId: pi,
        incidentType: 'failedExternalTask',
        activityId: 'Work',
        configuration: task.id,
        incidentMessage: 'permanently down',
        incidentTimestamp: expect.stringMatching(CAMUNDA_DATE),
      }),
    ]);
    expect((await instanceOf(server, pi)).incidents).toEqual([expect.objectContaining({ incidentType: 'failedExternalTask', elementId: 'Work', message: 'permanently down' })]);
    // Held by the incident, the task is not handed out again.
    await new Promise((r) => setTimeout(r, 500));
    expect(worker.events.filter((e) => e.event === 'failed' && e.processInstanceId === pi)).toHaveLength(2);
  });

  it('throws a BPMN error that the error boundary event catches, with its variables', async () => {
    const started = await server.post(`/process_models/${payment.key}/start`, { businessKey: 'pay-1' });
    const pi: string = started.body.processInstanceId;
    await worker.waitFor((e) => e.event === 'bpmnError' && e.processInstanceId === pi);
    expect((await tasksOf(server, pi)).map((t) => t.taskDefinitionKey)).toEqual(['AskForAnotherCard']);
    expect(expectJson(await server.get(`/engine-rest/process-instance/${pi}/variables`), 200)).toEqual({
      balance: { type: 'Double', value: 3.5, valueInfo: {} },
      declineCode: { type: 'String', value: 'CARD_DECLINED', valueInfo: {} },
      declineMessage: { type: 'String', value: 'insufficient funds', valueInfo: {} },
    });
  });

  it('unlocks a task (a POST without body), fetches it again and completes it', async () => {
    const started = await server.post(`/process_models/${unlocking.key}/start`, {});
    const pi: string = started.body.processInstanceId;
    const unlocked = await worker.waitFor((e) => e.event === 'unlocked');
    await worker.waitFor((e) => e.event === 'completed' && e.topic === 'unlock' && e.taskId === unlocked.taskId);
    expect((await tasksOf(server, pi)).map((t) => t.taskDefinitionKey)).toEqual(['Check']);
  });
});
