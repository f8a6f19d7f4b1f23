// Peer (b): the machine's ceiling for an HTTP JSON POST — bare Fastify (the version the engine runs on),
// parsing the same body a correlation sends and answering a small JSON object. No logging, no validation.
import { parseArgs } from 'node:util';

import Fastify from 'fastify';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const app = Fastify({ logger: false });
app.get('/ready', async () => ({ ok: true }));
app.post('/message', async (request) => ({ correlated: [{ messageName: request.body?.messageName ?? null }] }));
await app.listen({ port: Number(values.port), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
