import { API_BASE, HttpError, errorText, toError } from './api';
import { authHeaders } from './token';

export type StreamStatus = { state: 'connecting' } | { state: 'live' } | { state: 'retrying'; reason: string } | { state: 'closed' };

export interface StreamEvent {
  kind: string;
  data: Record<string, unknown>;
}

/**
 * Follows a Server-Sent Events route of the engine. EventSource cannot send an Authorization header, so
 * the stream is read with fetch() and a body reader. Reconnects after a pause when the connection drops
 * (the caller reloads its state on every `live`, so nothing is missed in between). Returns a stop function.
 */
export function follow(path: string, onEvent: (event: StreamEvent) => void, onStatus: (status: StreamStatus) => void): () => void {
  const controller = new AbortController();
  let stopped = false;

  const run = async () => {
    let pause = 1000;
    while (!stopped) {
      onStatus({ state: 'connecting' });
      try {
        const response = await fetch(`${API_BASE}${path}`, { headers: { accept: 'text/event-stream', ...authHeaders() }, signal: controller.signal });
        if (!response.ok || !response.body) throw await toError(response);
        onStatus({ state: 'live' });
        pause = 1000;
        await readEvents(response.body, onEvent);
        if (!stopped) onStatus({ state: 'retrying', reason: 'the stream ended' });
      } catch (error) {
        if (stopped) break;
        onStatus({ state: 'retrying', reason: error instanceof HttpError ? `refused: ${error.status}${error.code ? ` ${error.code}` : ''}` : errorText(error) });
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 15_000);
    }
    onStatus({ state: 'closed' });
  };
  void run();
  return () => {
    stopped = true;
    controller.abort();
  };
}

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: StreamEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseBlock(block);
      if (event) onEvent(event);
    }
  }
}

/** One SSE block: `event:` names the kind, `data:` lines (joined) hold JSON; comments (`:`) are skipped. */
export function parseBlock(block: string): StreamEvent | null {
  let kind = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') kind = value;
    else if (name === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  try {
    return { kind, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
  } catch {
    return { kind, data: { text: data.join('\n') } };
  }
}
