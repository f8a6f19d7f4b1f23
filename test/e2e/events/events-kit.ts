import { TestServer, eventually } from '../helpers/test-server';
import { expectJson } from '../native/native-api';

/** The route under test: POST /process_models/{key}/correlations/{correlation}/events/{event}/trigger. */
export function triggerPath(key: string, correlationId: string, eventId: string): string {
  return `/process_models/${encodeURIComponent(key)}/correlations/${encodeURIComponent(correlationId)}/events/${encodeURIComponent(eventId)}/trigger`;
}

export function eventsPath(key: string, correlationId: string): string {
  return `/process_models/${encodeURIComponent(key)}/correlations/${encodeURIComponent(correlationId)}/events`;
}

let counter = 0;

/** A correlation id no other test of the file uses. */
export function uniqueCorrelation(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** Starts an instance in a correlation and waits until the given elements wait in it; returns the instance id. */
export async function startWaiting(server: TestServer, key: string, correlationId: string, waitingKeys: readonly string[], body: Record<string, unknown> = {}): Promise<string> {
  const started = expectJson(await server.post(`/process_models/${key}/start`, { correlationId, ...body }), 201);
  await eventually(async () => {
    const instance = expectJson(await server.get(`/process_instances/${started.processInstanceId}`), 200);
    expect(instance.waitingEvents.map((e: { eventKey: string }) => e.eventKey).sort()).toEqual([...waitingKeys].sort());
  });
  return started.processInstanceId as string;
}

/** The instance detail once the check passes (continuations run asynchronously). */
export async function instanceWhen(server: TestServer, id: string, check: (instance: any) => void): Promise<any> {
  return eventually(async () => {
    const instance = expectJson(await server.get(`/process_instances/${id}`), 200);
    check(instance);
    return instance;
  });
}
