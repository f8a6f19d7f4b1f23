import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { createApp } from '../../src/app.factory';
import { loadConfiguration } from '../../src/config/configuration';
import { Database } from '../../src/infrastructure/persistence/database';

const XML = readFileSync(join(__dirname, '../fixtures/bpmn/payment-wait.bpmn'), 'utf8');

/**
 * The embedded database's WAL is checkpointed by a thread of its own, never by a commit on the event loop:
 * the engine's connection has automatic checkpoints off, and pages still reach the database file while
 * far fewer than SQLite's default 1,000 pages have been written. (The embedded default only: PostgreSQL
 * has no such thing, so the pass on PostgreSQL leaves this suite out.)
 */
(process.env.DATABASE_URL ? describe.skip : describe)('SQLite WAL checkpoints off the event loop', () => {
  let dir: string;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-wal-'));
    app = await createApp(loadConfiguration({ SQLITE_PATH: join(dir, 'engine.sqlite') }), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps commits from checkpointing, and a thread copies the WAL into the database file', async () => {
    const [{ wal_autocheckpoint: autocheckpoint }] = await app.get(Database).read((sql) => sql.query<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint', []));
    expect(autocheckpoint).toBe(0);

    // Let the thread catch up with the migrations, then write a little: a deployment and a few instances.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = statSync(join(dir, 'engine.sqlite')).size;
    const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/process_models', { xml: XML })).status).toBe(201);
    for (let i = 0; i < 20; i++) expect((await post('/process_models/payment-wait/start', { payload: { orderId: `wal-${i}` } })).status).toBe(201);

    const deadline = Date.now() + 10_000;
    while (statSync(join(dir, 'engine.sqlite')).size <= before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statSync(join(dir, 'engine.sqlite')).size).toBeGreaterThan(before);
  });
});
