import { TestServer } from '../helpers/test-server';

/**
 * An open event stream must not keep the engine from shutting down: the HTTP server waits for every
 * connection when it closes, and a stream never ends by itself. On shutdown the streams are ended, and a
 * client sees its stream finish (an EventSource then reconnects elsewhere).
 */
describe('live streams when the engine shuts down', () => {
  it('ends the open streams, so that closing the engine completes', async () => {
    const server = await TestServer.start();
    let closed = false;
    try {
      await server.deployFixture('order-process.bpmn');
      const started = await server.post('/process_models/order-process/start', { correlationId: 'stream-shutdown', payload: { customer: 'sam' } });
      expect(started.status).toBe(201);
      const streams = await Promise.all(
        [`/process_instances/${started.body.processInstanceId}/stream`, '/correlations/stream-shutdown/stream'].map(async (path) => {
          const response = await fetch(`${server.url}${path}`);
          expect(response.status).toBe(200);
          const reader = response.body!.getReader();
          expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
          return reader;
        }),
      );

      await server.close();
      closed = true;
      // Each stream is finished by the server (a stream left open would have kept close() from returning).
      for (const reader of streams) {
        let result = await reader.read();
        while (!result.done) result = await reader.read();
        expect(result.done).toBe(true);
      }
    } finally {
      if (!closed) await server.close();
    }
  });
});
