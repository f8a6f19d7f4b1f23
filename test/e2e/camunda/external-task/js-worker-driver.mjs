/* global process, console, Buffer */
// Runs Camunda's own external task client (camunda-external-task-client-js, unmodified, ESM-only) against a
// running engine and reports what happens as one JSON object per line on stdout, for the Jest test that
// spawned this process to assert on. Configuration comes from the environment:
//   ENGINE_URL       the engine's REST base, e.g. http://127.0.0.1:1234/engine-rest
//   TOPICS           JSON {"complete","read","fail","bpmnError","unlock"} → the topic names to subscribe to
//   ATTACHMENT_PATH  a local file the "complete" handler sends as a File variable
import { Client, File, Variables } from 'camunda-external-task-client-js';

const topics = JSON.parse(process.env.TOPICS);
const emit = (event) => console.log(JSON.stringify(event));
const describe = (error) => ({ message: error?.message ?? String(error), httpStatusCode: error?.httpStatusCode ?? null });

const client = new Client({
  baseUrl: process.env.ENGINE_URL,
  workerId: 'js-worker',
  maxTasks: 5,
  interval: 100,
  lockDuration: 30_000,
  asyncResponseTimeout: 2_000,
});

for (const event of ['poll:error', 'complete:error', 'handleFailure:error', 'handleBpmnError:error', 'extendLock:error', 'unlock:error', 'lock:error']) {
  client.on(event, (...args) => emit({ event, error: describe(args[args.length - 1]) }));
}

/** What the client made of each fetched variable: type, and the value as JSON (a Date as its ISO text). */
function typedView(variables) {
  const view = {};
  for (const [name, typed] of Object.entries(variables.getAllTyped())) {
    view[name] = { type: typed.type, value: typed.type === 'file' ? null : typed.value, isDate: typed.value instanceof Date };
  }
  return view;
}

async function guarded(name, task, work) {
  try {
    await work();
  } catch (error) {
    emit({ event: 'handler:error', handler: name, taskId: task.id, error: describe(error) });
  }
}

client.subscribe(topics.complete, async ({ task, taskService }) =>
  guarded('complete', task, async () => {
    emit({ event: 'received', taskId: task.id, processInstanceId: task.processInstanceId, variables: typedView(task.variables) });
    const attachment = await new File({ localPath: process.env.ATTACHMENT_PATH, mimetype: 'text/plain' }).load();
    const variables = new Variables()
      .set('aString', 'hello')
      .set('anInteger', 42)
      .set('aLong', 2 ** 40)
      .set('aDouble', 2.5)
      .set('aBoolean', true)
      .set('aDate', new Date('2024-01-02T03:04:05.678Z'))
      .set('aJson', { items: [1, 2], nested: { ok: true } })
      .set('attachment', attachment);
    const local = new Variables().set('localNote', 'set locally');
    await taskService.extendLock(task, 60_000);
    await taskService.complete(task, variables, local);
    emit({ event: 'completed', topic: 'complete', taskId: task.id });
  }),
);

client.subscribe(topics.read, async ({ task, taskService }) =>
  guarded('read', task, async () => {
    const file = task.variables.get('attachment');
    await file.load();
    await taskService.lock(task, 45_000);
    emit({
      event: 'read',
      taskId: task.id,
      processInstanceId: task.processInstanceId,
      variables: typedView(task.variables),
      file: { filename: file.filename, content: Buffer.from(file.content).toString('utf8') },
    });
    await taskService.complete(task);
    emit({ event: 'completed', topic: 'read', taskId: task.id });
  }),
);

client.subscribe(topics.fail, async ({ task, taskService }) =>
  guarded('fail', task, async () => {
    const first = task.retries === null;
    await taskService.handleFailure(
      task,
      first
        ? { errorMessage: 'temporarily down', errorDetails: 'details of the first failure', retries: 1, retryTimeout: 200 }
        : { errorMessage: 'permanently down', errorDetails: 'details of the last failure', retries: 0, retryTimeout: 0 },
    );
    emit({ event: 'failed', taskId: task.id, processInstanceId: task.processInstanceId, retriesSeen: task.retries, errorMessageSeen: task.errorMessage });
  }),
);

client.subscribe(topics.bpmnError, async ({ task, taskService }) =>
  guarded('bpmnError', task, async () => {
    await taskService.handleBpmnError(task, 'CARD_DECLINED', 'insufficient funds', new Variables().set('balance', 3.5));
    emit({ event: 'bpmnError', taskId: task.id, processInstanceId: task.processInstanceId });
  }),
);

const unlockedOnce = new Set();
client.subscribe(topics.unlock, async ({ task, taskService }) =>
  guarded('unlock', task, async () => {
    if (!unlockedOnce.has(task.id)) {
      unlockedOnce.add(task.id);
      await taskService.unlock(task);
      emit({ event: 'unlocked', taskId: task.id });
      return;
    }
    await taskService.complete(task);
    emit({ event: 'completed', topic: 'unlock', taskId: task.id });
  }),
);

emit({ event: 'ready' });
process.on('SIGTERM', () => {
  client.stop();
  process.exit(0);
});
